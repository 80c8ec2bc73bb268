// "Check as report" for the documents people actually receive (.docx, .pdf, .html/.xhtml and .mht, .doc/.wps read by their bytes, .ofd named): the language server
// reads the file (ogiReport/readDocument) and its text rendering opens beside as a read-only
// `ogi-report-view:` document in the ogi-report language, so the usual diagnostics, outline, hover and
// preview apply to it. "Save as text report" writes the rendering to an editable .txt report. The view
// follows the file on disk: a change re-reads it and the diagnostics follow.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, LANGUAGE_ID, REPORT_VIEW_SCHEME, ReadDocumentRequest, type ReadDocumentResult } from '../../server/src/protocol.js';

// .doc and .wps are read by their bytes: Word and WPS also write .docx files and web pages under those names.
const READABLE = /\.(docx?|pdf|html?|xhtml|mht(ml)?|wps|ofd)$/i;
const en = () => vscode.env.language.toLowerCase().startsWith('en');

/** The view of a document: the original's path (so the tab reads as the file) and its URI in the query. */
export function viewUriOf(original: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: REPORT_VIEW_SCHEME, path: original.path, query: original.toString() });
}

export function originalOf(view: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(view.query, true);
}

/** report.docx → report.txt beside it. */
function defaultTextTarget(original: vscode.Uri): vscode.Uri {
  const base = original.path.replace(/\.[^./]*$/, '');
  return original.with({ path: `${base}.txt` });
}

/** The file the command is about: its argument, else the active tab's file, else one the user picks. */
async function pickDocument(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg.scheme === REPORT_VIEW_SCHEME ? originalOf(arg) : arg;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const active = input && typeof input === 'object' && 'uri' in input && input.uri instanceof vscode.Uri ? input.uri : undefined;
  if (active && READABLE.test(active.path)) return active;
  if (active?.scheme === REPORT_VIEW_SCHEME) return originalOf(active);
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { [en() ? 'Reports' : '年度报告']: ['docx', 'pdf', 'html', 'htm', 'xhtml', 'mht', 'mhtml', 'doc', 'wps', 'ofd'] },
    openLabel: en() ? 'Check as report' : '作为年度报告检查',
  });
  return picked?.[0];
}

export function registerDocumentReports(context: vscode.ExtensionContext, client: LanguageClient, ready: Promise<void>): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  /** The last reading of each view, by view URI: its problems are shown once per reading. */
  const readings = new Map<string, ReadDocumentResult | null>();
  const watchers = new Map<string, vscode.Disposable>();
  // What the reader could not read, in the Problems panel at the top of the view: the rendering cannot
  // carry it itself, and the server's own diagnostics of the view are about the text it was given.
  const readerProblems = vscode.languages.createDiagnosticCollection('ogi-report-reader');

  const read = async (view: vscode.Uri): Promise<ReadDocumentResult | null> => {
    await ready;
    const original = originalOf(view);
    const result = await client.sendRequest<ReadDocumentResult | null>(ReadDocumentRequest.method, { uri: original.toString() });
    const before = readings.get(view.toString());
    readings.set(view.toString(), result);
    readerProblems.set(
      view,
      (result?.problems ?? []).map((p) => {
        const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), p.message, vscode.DiagnosticSeverity.Warning);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = p.code;
        return d;
      }),
    );
    // Say it once per change of what the reader found, not on every re-read of the same file.
    if (before !== undefined && JSON.stringify(before?.problems) === JSON.stringify(result?.problems)) return result;
    if (!result) {
      void vscode.window.showWarningMessage(
        en() ? `OGI Report cannot read ${original.fsPath} (only local .docx, .pdf, .html, .mht, .doc, .wps and .ofd files).` : `OGI Report 无法读取 ${original.fsPath}（只支持本机的 .docx、.pdf、.html、.mht、.doc、.wps 和 .ofd 文件）。`,
      );
    } else if (result.problems.length) {
      const name = original.path.replace(/^.*\//, '');
      void vscode.window.showWarningMessage(`${name}${en() ? ': ' : '：'}${result.problems.map((p) => p.message).join(' ')}`);
    }
    return result;
  };

  const watch = (view: vscode.Uri) => {
    const key = view.toString();
    if (watchers.has(key)) return;
    const original = originalOf(view);
    if (original.scheme !== 'file') return;
    const dir = vscode.Uri.joinPath(original, '..');
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, original.path.replace(/^.*\//, '')));
    const again = () => changed.fire(view);
    watchers.set(key, vscode.Disposable.from(watcher, watcher.onDidChange(again), watcher.onDidCreate(again)));
  };

  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(view) {
      watch(view);
      return (await read(view))?.text ?? '';
    },
  };

  const checkAsReport = async (arg?: unknown): Promise<vscode.TextDocument | undefined> => {
    const original = await pickDocument(arg);
    if (!original) return undefined;
    const view = viewUriOf(original);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === view.toString());
    // Asked again for a view already open: read the file again (it may have changed where no watcher sees).
    if (open) changed.fire(view);
    let doc = open ?? (await vscode.workspace.openTextDocument(view));
    if (doc.languageId !== LANGUAGE_ID) doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    // Beside the original, or where the view already is (checking again does not add a column).
    const shownIn = vscode.window.tabGroups.all.find((g) =>
      g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === view.toString()),
    )?.viewColumn;
    await vscode.window.showTextDocument(doc, { viewColumn: shownIn ?? vscode.ViewColumn.Beside, preview: false });
    return doc;
  };

  /** (view or original document?, target file?) → the .txt written, opened as a report. */
  const saveAsText = async (arg?: unknown, target?: unknown): Promise<vscode.Uri | undefined> => {
    let view: vscode.Uri | undefined;
    if (arg instanceof vscode.Uri) view = arg.scheme === REPORT_VIEW_SCHEME ? arg : viewUriOf(arg);
    else {
      const active = vscode.window.activeTextEditor?.document.uri;
      if (active?.scheme === REPORT_VIEW_SCHEME) view = active;
    }
    if (!view) {
      void vscode.window.showInformationMessage(en() ? 'Open a document with "Check as report" first.' : '请先用“作为年度报告检查”打开文档。');
      return undefined;
    }
    const original = originalOf(view);
    const to =
      target instanceof vscode.Uri
        ? target
        : await vscode.window.showSaveDialog({
            defaultUri: defaultTextTarget(original),
            filters: { [en() ? 'Text report' : '文本报告']: ['txt'] },
            saveLabel: en() ? 'Save as text report' : '另存为文本报告',
          });
    if (!to) return undefined;
    const shown = vscode.workspace.textDocuments.find((d) => d.uri.toString() === view.toString());
    const text = shown ? shown.getText() : ((await read(view))?.text ?? '');
    await vscode.workspace.fs.writeFile(to, new TextEncoder().encode(text));
    let doc = await vscode.workspace.openTextDocument(to);
    if (doc.languageId !== LANGUAGE_ID) doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    await vscode.window.showTextDocument(doc, { preview: false });
    return to;
  };

  context.subscriptions.push(
    changed,
    readerProblems,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_VIEW_SCHEME, provider),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme !== REPORT_VIEW_SCHEME) return;
      const key = d.uri.toString();
      // Changing a document's language closes and reopens it: stop watching only if it stays closed.
      setTimeout(() => {
        if (vscode.workspace.textDocuments.some((o) => o.uri.toString() === key)) return;
        watchers.get(key)?.dispose();
        watchers.delete(key);
        readings.delete(key);
        readerProblems.delete(d.uri);
      }, 2000);
    }),
    { dispose: () => watchers.forEach((w) => w.dispose()) },
    vscode.commands.registerCommand('ogiReport.checkAsReport', checkAsReport),
    vscode.commands.registerCommand('ogiReport.saveAsText', saveAsText),
  );
}
