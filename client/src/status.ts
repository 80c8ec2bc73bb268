// The language status item of the report in the active editor: its words come from statusText.ts over
// the diagnostics the client has, its tables' lines from the server's preview answer; a click opens the
// table preview.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CONFIGURATION_SECTION, DIAGNOSTIC_SOURCE, LANGUAGE_ID, PreviewRequest, type PreviewResult, type PreviewTable } from '../../server/src/protocol.js';
import { t } from './l10n.js';
import { type ErrorFinding, statusWords } from './statusText.js';

const ruleOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

export interface StatusHandle {
  readonly item: vscode.LanguageStatusItem;
  /** Fires after the item was redrawn (the tests wait on it). */
  readonly onDidChange: vscode.Event<void>;
}

export function registerStatus(context: vscode.ExtensionContext, client: LanguageClient, ready: Promise<void>): StatusHandle {
  const status = vscode.languages.createLanguageStatusItem('ogiReport.status', { language: LANGUAGE_ID });
  status.name = 'OGI Report';
  // The tables' lines of each document version (asked once per version).
  const tables = new Map<string, { version: number; tables: PreviewTable[] }>();
  let generation = 0;
  const changed = new vscode.EventEmitter<void>();

  const draw = (doc: vscode.TextDocument) => {
    const errors: ErrorFinding[] = vscode.languages
      .getDiagnostics(doc.uri)
      .filter((d) => d.source === DIAGNOSTIC_SOURCE && d.severity === vscode.DiagnosticSeverity.Error)
      .map((d) => ({ rule: ruleOf(d), line: d.range.start.line }));
    const known = tables.get(doc.uri.toString());
    const words = statusWords(errors, known && known.version === doc.version ? known.tables : undefined, t);
    status.text = words.text;
    status.detail = words.detail;
    status.severity = words.severity === 'error' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    status.command = { title: t('Show table preview'), command: 'ogiReport.showPreview', arguments: [doc.uri] };
    changed.fire();
  };

  const refresh = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== LANGUAGE_ID) return;
    draw(doc);
    const key = doc.uri.toString();
    if (tables.get(key)?.version === doc.version) return;
    const mine = ++generation;
    void ready
      .then(() => client.sendRequest<PreviewResult | null>(PreviewRequest.method, { uri: key }))
      .then((r) => {
        if (!r || mine !== generation) return;
        tables.set(key, { version: r.version, tables: r.tables });
        if (vscode.window.activeTextEditor?.document === doc) draw(doc);
      })
      .catch(() => undefined); // the server restarting: the next change asks again
  };

  context.subscriptions.push(
    status,
    changed,
    vscode.languages.onDidChangeDiagnostics(refresh),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.workspace.onDidCloseTextDocument((d) => tables.delete(d.uri.toString())),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${CONFIGURATION_SECTION}.locale`) && refresh()),
  );
  refresh();
  return { item: status, onDidChange: changed.event };
}
