// Shared helpers for the extension-host tests. Everything waits on VS Code events (with a timeout
// that turns into a readable failure), never on sleeps.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND as FIX_ALL, LANGUAGE_ID } from '../../../server/src/protocol';

export const EXT_ID = 'ogi-report.ogi-report';
export const LANGUAGE = LANGUAGE_ID;
export const SOURCE = DIAGNOSTIC_SOURCE;
export const FIX_ALL_KIND = vscode.CodeActionKind.Empty.append(FIX_ALL);

/** Default wait for anything the language server or the extension has to do. */
export const WAIT_MS = 30_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open (the test scripts open a temp copy of samples/)');
  return folder.uri;
}

/** A file of the test workspace by its relative path, e.g. 'broken/表三单元格填错-东城区.txt'. */
export function wsUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXT_ID);
  if (!ext) throw new Error(`${EXT_ID} is not loaded (wrong extensionDevelopmentPath, or engines.vscode newer than this VS Code?)`);
  return ext;
}

/** The rule id of a diagnostic: `code` is the rule id string (or {value, target} when it links to docs). */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return String(typeof c === 'object' ? c.value : c);
}

export function ours(diags: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diags.filter((d) => d.source === SOURCE);
}

export function describeDiagnostics(diags: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diags.map((d) => ({
    source: d.source,
    code: ruleOf(d),
    severity: vscode.DiagnosticSeverity[d.severity],
    range: fmtRange(d.range),
    message: d.message.slice(0, 120),
  })));
}

export function fmtRange(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/**
 * Resolves once `predicate` holds for an event of `event` (checked first with `initial()` if given, so a
 * state reached before subscribing counts), or rejects after `timeoutMs` with `describe()`'s text.
 */
export function waitFor<T, R>(
  event: vscode.Event<T>,
  check: (e: T | undefined) => R | undefined,
  what: string,
  describe: () => string = () => '',
  timeoutMs = WAIT_MS,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    let done = false;
    let sub: vscode.Disposable | undefined;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sub?.dispose();
      fn();
    };
    const timer = setTimeout(() => {
      const extra = describe();
      finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${extra ? `; now: ${extra}` : ''}`)));
    }, timeoutMs);
    const attempt = (e: T | undefined) => {
      let r: R | undefined;
      try {
        r = check(e);
      } catch (err) {
        finish(() => reject(err));
        return;
      }
      if (r !== undefined) finish(() => resolve(r as R));
    };
    sub = event((e) => attempt(e));
    attempt(undefined);
  });
}

/** Diagnostics of `uri` once `predicate` holds for them (driven by onDidChangeDiagnostics). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diags: vscode.Diagnostic[]) => boolean,
  what = 'diagnostics',
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  const key = uri.toString();
  return waitFor(
    vscode.languages.onDidChangeDiagnostics,
    (e) => {
      if (e && !e.uris.some((u) => u.toString() === key)) return undefined;
      const diags = vscode.languages.getDiagnostics(uri);
      return predicate(diags) ? diags : undefined;
    },
    `${what} of ${path.basename(uri.fsPath)}`,
    () => describeDiagnostics(vscode.languages.getDiagnostics(uri)),
    timeoutMs,
  );
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
}

/**
 * Opens a file and waits until it is an ogi-report document: by file name at once, or after the
 * extension's content detection switched it (onDidOpenTextDocument with the new language).
 */
export async function openReport(relative: string, timeoutMs = WAIT_MS): Promise<vscode.TextDocument> {
  const uri = wsUri(relative);
  const key = uri.toString();
  // subscribe before opening: the switch may happen before openTextDocument's promise settles
  const switched = waitFor(
    vscode.workspace.onDidOpenTextDocument,
    (e) => {
      const doc = e && e.uri.toString() === key ? e : openDocument(uri);
      return doc && doc.languageId === LANGUAGE ? doc : undefined;
    },
    `${relative} to become an ${LANGUAGE} document (file name pattern or content detection)`,
    () => `languageId is ${openDocument(uri)?.languageId ?? '(not open)'}`,
    timeoutMs,
  );
  await vscode.workspace.openTextDocument(uri);
  return switched;
}

let ready: Promise<void> | undefined;

/**
 * Resolves once the language server answers: a report with a known finding (opened by file name)
 * got its diagnostics. Until then the extension may already have switched a document to ogi-report
 * while the LSP providers are not registered yet (executeDocumentSymbolProvider -> undefined).
 */
export function serverReady(): Promise<void> {
  ready ??= (async () => {
    const doc = await openReport('e2e/server-ready.ogi.txt');
    await waitForDiagnostics(doc.uri, (d) => ours(d).length > 0, 'the language server to publish diagnostics (server ready)');
  })();
  return ready;
}

/** openReport + show it in an editor (the returned editor's document is the ogi-report one). */
export async function showReport(relative: string): Promise<vscode.TextEditor> {
  const doc = await openReport(relative);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Reverts the document's unsaved changes (it is shown in the active editor first). */
export async function revert(uri: vscode.Uri): Promise<void> {
  const doc = openDocument(uri);
  if (!doc || !doc.isDirty) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  if (doc.isDirty) throw new Error(`could not revert ${uri.fsPath}`);
}

/**
 * Sets a global setting and waits until the extension host sees the new value (the extension's own
 * onDidChangeConfiguration listeners, registered earlier, have run by then).
 */
export async function setSetting(section: string, key: string, value: unknown): Promise<void> {
  const same = () => JSON.stringify(vscode.workspace.getConfiguration(section).inspect(key)?.globalValue) === JSON.stringify(value);
  const seen = waitFor(
    vscode.workspace.onDidChangeConfiguration,
    () => (same() ? true : undefined),
    `setting ${section}.${key} = ${JSON.stringify(value)}`,
    () => JSON.stringify(vscode.workspace.getConfiguration(section).inspect(key)?.globalValue),
  );
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
  await seen;
}

export async function documentSymbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>(
    'vscode.executeDocumentSymbolProvider',
    uri,
  );
  if (!Array.isArray(symbols)) throw new Error(`executeDocumentSymbolProvider returned ${JSON.stringify(symbols)}`);
  for (const s of symbols) {
    if (!('children' in s)) throw new Error('expected DocumentSymbol[] (hierarchical), got SymbolInformation[]');
  }
  return symbols as vscode.DocumentSymbol[];
}

// ---- timings, written to $OGI_E2E_OUTPUT/e2e-timings.json for the test scripts to print ----------

export function recordTiming(name: string, value: unknown): void {
  console.log(`[timing] ${name}: ${typeof value === 'number' ? `${value} ms` : JSON.stringify(value)}`);
  const dir = process.env.OGI_E2E_OUTPUT;
  if (!dir) return;
  const file = path.join(dir, 'e2e-timings.json');
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    /* first entry */
  }
  all[name] = value;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(all, null, 2));
}

// ---- the code-server harness (screenshots, DOM reads); absent under @vscode/test-electron ----------

export interface HarnessClient {
  available(): boolean;
  screenshot(name: string, options?: { waitForSelector?: string; selector?: string; fullPage?: boolean; timeoutMs?: number }): Promise<{ path: string } | null>;
  textContent(selector: string, options?: { attribute?: string; waitForSelector?: string; timeoutMs?: number }): Promise<string[] | null>;
  waitForText(selector: string, texts: string | string[], options?: { attribute?: string; timeoutMs?: number }): Promise<string[] | null>;
  click(selector: string, options?: { timeoutMs?: number }): Promise<boolean | null>;
}

export function harness(): HarnessClient | undefined {
  const file = process.env.OGI_HARNESS_CLIENT;
  if (!file || !process.env.OGI_HARNESS_URL) return undefined;
  // a plain require of an absolute path given at run time (not bundled)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as HarnessClient;
}
