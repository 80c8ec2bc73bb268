// Translation from the engine's report model and findings to LSP types. No analysis happens here.
import { createHash } from 'node:crypto';
import {
  type CodeAction,
  CodeActionKind,
  type CompletionItem,
  CompletionItemKind,
  type Diagnostic,
  DiagnosticSeverity,
  InsertTextFormat,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding } from '../core/analyze.js';
import type { Shape } from '../core/cells.js';
import { lineEdits } from '../core/fix.js';
import { CURRENT_FORMAT, FORMATS, TABLE_WORDS } from '../core/format/formats.js';
import * as M from '../core/messages.js';
import type { Locale, Severity } from '../core/rules.js';
import { skeletonText, tableTemplates, tableText } from '../core/templates.js';
import { DIAGNOSTIC_SOURCE, type DocumentStateResult, type TableTemplateParams, type TableTemplateResult } from '../protocol.js';

export { FIX_ALL_KIND } from '../protocol.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(uri: string, f: Finding, relatedInformation = true): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.rule,
    message: f.message,
    ...(f.related.length && relatedInformation ? { relatedInformation: f.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message })) } : {}),
  };
}

// ------------------------------------------------------------------------------------ code actions

function overlaps(a: Range, b: Range): boolean {
  const le = (x: Position, y: Position) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return le(a.start, b.end) && le(b.start, a.end);
}

/**
 * Edits on `doc` as edits of their lines (core/fix.ts lineEdits): the same change, but none larger than its
 * line's part of it, for clients that diff each edit's region against its new text (eglot: one edit for a
 * whole table took it 10–34 s to apply).
 */
export function byLines(doc: TextDocument, edits: readonly TextEdit[]): TextEdit[] {
  return edits.flatMap((e) => lineEdits(e, doc.getText(e.range)));
}

/** Code actions whose edits on `doc` are made edits of their lines (byLines); other documents' edits are kept. */
export function actionsByLines(doc: TextDocument, actions: CodeAction[]): CodeAction[] {
  return actions.map((a) => {
    const edit = a.edit;
    if (!edit) return a;
    const changes = edit.changes?.[doc.uri] ? { changes: { ...edit.changes, [doc.uri]: byLines(doc, edit.changes[doc.uri]) } } : {};
    const documentChanges = edit.documentChanges
      ? { documentChanges: edit.documentChanges.map((c) => ('textDocument' in c && c.textDocument.uri === doc.uri ? { ...c, edits: byLines(doc, c.edits as TextEdit[]) } : c)) }
      : {};
    return { ...a, edit: { ...edit, ...changes, ...documentChanges } };
  });
}

/**
 * Edits to one document: a TextDocumentEdit carrying the version they were computed for (the client refuses
 * them if the document has changed since), or plain changes for clients without documentChanges.
 */
export function documentEdit(doc: { uri: string; version: number }, edits: TextEdit[], versioned: boolean): WorkspaceEdit {
  return versioned
    ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] }
    : { changes: { [doc.uri]: edits } };
}

export function quickFixes(doc: { uri: string; version: number }, a: Analysis, range: Range, versioned: boolean): CodeAction[] {
  return a.findings
    .filter((f) => f.fix && overlaps(f.range, range))
    .map((f) => ({
      title: f.fix!.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [toDiagnostic(doc.uri, f)],
      isPreferred: true,
      edit: documentEdit(doc, f.fix!.edits as TextEdit[], versioned),
    }));
}

export const fixAllTitle = (l: Locale) => (l === 'en' ? 'Fix all certain problems in this report' : '修复本报告中所有可确定的问题');

// -------------------------------------------------------------------------------------- completion

/** The shape new tables should take: the setting, else the shape of the document's own tables. */
export function templateShape(a: Analysis | null, setting: 'auto' | 'tsv' | 'markdown'): Shape {
  if (setting !== 'auto') return setting;
  const used = a?.report.tables[0]?.shape;
  return used === 'markdown' || used === 'pipe' || used === 'pipePerLine' ? 'markdown' : used === 'cellPerLine' ? 'cellPerLine' : 'tsv';
}

/**
 * One completion per statutory table, in the document's own shape. The 2019 format's tables are offered
 * too only for a report of a year before 2021 (the year the 2021 format came into force), and first.
 */
export function templateCompletions(shape: Shape, snippets: boolean, l: Locale, replace: Range, year: number | null = null): CompletionItem[] {
  const format = InsertTextFormat;
  const old = year !== null && year < 2021;
  const templates = tableTemplates().filter((t) => old || t.format.version === CURRENT_FORMAT.version || !CURRENT_FORMAT.tables.some((c) => c.id === t.table.id));
  const items: CompletionItem[] = templates.map((t) => {
    const { text } = tableText(t.table, shape, snippets);
    const title = t.format.sections[t.table.section - 1].title;
    // Says which format only when both are on offer.
    const both = old && templates.filter((x) => x.table.id === t.table.id).length > 1;
    const version = both ? (l === 'en' ? ` (${t.format.version} format)` : `（${t.format.version} 格式）`) : '';
    const k = CURRENT_FORMAT.tables.findIndex((c) => c.id === t.table.id);
    return {
      label: l === 'en' ? `${t.table.nameEn} ${title}${version}` : `${t.table.name} ${title}${version}`,
      kind: CompletionItemKind.Snippet,
      detail: t.format.notice,
      filterText: `${TABLE_WORDS[t.table.id]} ${t.format.version}`,
      sortText: `1${k}${t.format.version === CURRENT_FORMAT.version ? 1 : 0}`,
      insertTextFormat: snippets ? format.Snippet : format.PlainText,
      textEdit: { range: replace, newText: text },
    };
  });
  items.push({
    label: l === 'en' ? 'Whole report skeleton (six sections, 2021 format)' : '年度报告全文框架（六个章节，2021 格式）',
    kind: CompletionItemKind.Snippet,
    filterText: '年度报告 框架 全文 报告 skeleton report',
    sortText: '19',
    insertTextFormat: snippets ? format.Snippet : format.PlainText,
    textEdit: { range: replace, newText: skeletonText(shape, snippets) },
  });
  return items;
}

/** Statutory row labels of the table the cursor is in (or whose section it is in), missing rows first. */
export function rowLabelCompletions(a: Analysis, p: Position, replace: Range): CompletionItem[] {
  const table =
    a.report.tables.find((t) => p.line >= t.firstLine && p.line <= t.lastLine + 1) ??
    (() => {
      const s = a.report.sections.find((x) => p.line > x.heading.line && p.line < x.bodyTo);
      return s ? a.report.tables.find((t) => t.def.section === s.def.number) : undefined;
    })();
  if (!table) return [];
  const items: CompletionItem[] = [];
  for (const part of table.parts) {
    if (!part.def.labelledRows) continue;
    part.def.rows.forEach((row, k) => {
      const present = part.rows.some((r) => r.def === row);
      items.push({
        label: row.label,
        kind: CompletionItemKind.EnumMember,
        detail: part.def.caption ?? M.tableName(table.def, 'zh-cn'),
        sortText: `${present ? 1 : 0}${String(k).padStart(2, '0')}`,
        textEdit: { range: replace, newText: row.label },
      });
    });
  }
  return items;
}

/** Completion at p, given the line up to p: row labels of the table there, and table templates at a line's start. */
export function completions(lineBefore: string, p: Position, a: Analysis, shape: Shape, snippets: boolean, l: Locale): CompletionItem[] {
  // Completion belongs at the start of a row or a line: after a tab, a pipe or nothing.
  const m = /^(?:.*[\t|｜])?\s*([^\t|｜]{0,24})$/u.exec(lineBefore);
  if (!m || /\d\s*$/.test(m[1])) return [];
  const replace = { start: { line: p.line, character: p.character - m[1].length }, end: p };
  const items = rowLabelCompletions(a, p, replace);
  if (lineBefore.trim() === m[1].trim() && !lineBefore.includes('\t')) items.push(...templateCompletions(shape, snippets, l, replace, a.report.year));
  return items;
}

/** A statutory table as a snippet in the given shape; null for an unknown table. */
export function tableTemplate(p: TableTemplateParams, shape: Shape): TableTemplateResult | null {
  const format = FORMATS.find((f) => f.version === (p.format ?? CURRENT_FORMAT.version)) ?? CURRENT_FORMAT;
  const table = format.tables.find((t) => t.id === p.table);
  return table ? { shape, snippet: tableText(table, shape, true).text } : null;
}

export function documentState(text: string, version: number, inSync: boolean): DocumentStateResult {
  return { version, length: text.length, sha256: createHash('sha256').update(text).digest('hex'), inSync };
}
