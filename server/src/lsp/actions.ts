// Code actions: the quick fixes under the cursor and fix-all, assembled for the client's capabilities.
// Fix-all is costly (it re-analyses the fixed text), so where the client can resolve, the lightbulb gets
// its title only and the edit is computed on codeAction/resolve.
import { type CodeAction, CodeActionKind, type Range, type TextEdit } from 'vscode-languageserver';
import type { Analysis } from '../core/analyze.js';
import type { Locale } from '../core/rules.js';
import { FIX_ALL_KIND, type FixAllData } from '../protocol.js';
import type { ClientSupport } from './capabilities.js';
import { documentEdit, fixAllTitle, quickFixes } from './features.js';

type Doc = { uri: string; version: number };

export function codeActions(
  doc: Doc,
  a: Analysis,
  request: { range: Range; only?: string[] },
  support: ClientSupport,
  l: Locale,
  fixAll: () => TextEdit[],
): CodeAction[] {
  const only = Array.isArray(request.only) ? request.only : undefined;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = wants(CodeActionKind.QuickFix) ? quickFixes(doc, a, request.range, support.versionedEdits) : [];
  if (!wants(FIX_ALL_KIND) || !a.findings.some((f) => f.fix)) return actions;
  const action: CodeAction = { title: fixAllTitle(l), kind: FIX_ALL_KIND };
  if (support.resolveEdit) action.data = { uri: doc.uri, version: doc.version } satisfies FixAllData;
  else {
    const edits = fixAll();
    if (!edits.length) return actions;
    action.edit = documentEdit(doc, edits, support.versionedEdits);
  }
  return [...actions, action];
}

/** The data of an action this server left for codeAction/resolve, or undefined. */
export function unresolvedFixAll(action: CodeAction | undefined): FixAllData | undefined {
  const data = action?.data as FixAllData | undefined;
  return action?.kind === FIX_ALL_KIND && typeof data?.uri === 'string' ? data : undefined;
}

/** Fix-all with its edit, computed on the current text and sent with its version: a client that has moved on refuses it. */
export function resolvedFixAll(action: CodeAction, doc: Doc, edits: TextEdit[], support: ClientSupport): CodeAction {
  return { ...action, edit: documentEdit(doc, edits, support.versionedEdits) };
}
