// The ogi-report language server: a thin layer that feeds documents to the engine and translates its
// results to LSP. Runs over stdio (`--stdio`) or node IPC, as the client chooses.
import {
  CodeActionKind,
  type CodeAction,
  type Connection,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Analysis, type AnalyzeOptions, analyze } from './core/analyze.js';
import { FORMATS } from './core/format/formats.js';
import type { Locale } from './core/rules.js';
import { tableText } from './core/templates.js';
import {
  FIX_ALL_KIND,
  documentState,
  documentSymbols,
  fixAllEdits,
  foldingRanges,
  hover,
  quickFixes,
  rowLabelCompletions,
  templateCompletions,
  templateShape,
  toDiagnostic,
} from './lsp/features.js';
import { DEFAULT_SETTINGS, type Settings, readSettings } from './lsp/settings.js';

export const TABLE_TEMPLATE_REQUEST = 'ogiReport/tableTemplate';
export const DOCUMENT_STATE_REQUEST = 'ogiReport/documentState';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let locale: Locale = 'zh-cn';
  let snippetSupport = false;
  let configurationPull = false;
  const settingsByUri = new Map<string, Promise<Settings>>();
  const cache = new Map<string, { version: number; analysis: Analysis; options: AnalyzeOptions }>();
  const pending = new Map<string, ReturnType<typeof setImmediate>>();

  const settingsFor = (uri: string): Promise<Settings> => {
    if (!configurationPull) return Promise.resolve(globalSettings);
    let s = settingsByUri.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'ogiReport' })
        .then((raw) => {
          const { settings, problems } = readSettings(raw);
          for (const p of problems) connection.console.warn(`ogi-report: ${p}`);
          return settings;
        })
        .catch(() => DEFAULT_SETTINGS);
      settingsByUri.set(uri, s);
    }
    return s;
  };
  let globalSettings: Settings = DEFAULT_SETTINGS;

  const optionsFrom = (s: Settings): AnalyzeOptions => ({ locale, rules: s.rules, maxTableCheckLength: s.maxDocumentSize });

  /** The analysis of the document's current version; computed at most once per version. */
  const analysisOf = async (doc: TextDocument): Promise<{ analysis: Analysis; options: AnalyzeOptions }> => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const options = optionsFrom(await settingsFor(doc.uri));
    const fresh = documents.get(doc.uri) ?? doc;
    const entry = { version: fresh.version, analysis: analyze(fresh.getText(), options), options };
    cache.set(doc.uri, entry);
    return entry;
  };

  const validate = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) return;
    const settings = await settingsFor(uri);
    const current = documents.get(uri);
    // A newer version arrived while settings were read: its own validation will publish.
    if (!current || current.version !== doc.version) return;
    if (!settings.enable) {
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [] });
      return;
    }
    const { analysis } = await analysisOf(doc);
    if (documents.get(uri)?.version !== doc.version) return;
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: analysis.findings.map((f) => toDiagnostic(uri, f)) });
  };

  // Changes that arrive together are checked once, against the newest text: no debounce delay.
  const schedule = (uri: string) => {
    const t = pending.get(uri);
    if (t) clearImmediate(t);
    pending.set(
      uri,
      setImmediate(() => {
        pending.delete(uri);
        validate(uri).catch((e) => connection.console.error(`ogi-report: ${String(e?.stack ?? e)}`));
      }),
    );
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    locale = /^en\b|^en-/i.test(params.locale ?? '') ? 'en' : 'zh-cn';
    snippetSupport = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    configurationPull = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: { label: 'ogi-report' },
        foldingRangeProvider: true,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: ['表', '|', '\t'] },
      },
      serverInfo: { name: 'ogi-report', version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0' },
    };
  });

  connection.onInitialized(() => {
    if (configurationPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ogiReport' });
  });

  connection.onDidChangeConfiguration((change) => {
    settingsByUri.clear();
    cache.clear();
    if (!configurationPull) {
      const raw = (change.settings as { ogiReport?: unknown } | null)?.ogiReport;
      const { settings, problems } = readSettings(raw);
      for (const p of problems) connection.console.warn(`ogi-report: ${p}`);
      globalSettings = settings;
    }
    for (const d of documents.all()) schedule(d.uri);
  });

  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    cache.delete(e.document.uri);
    settingsByUri.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const withDoc = <T>(uri: string, empty: T, f: (doc: TextDocument) => Promise<T> | T): Promise<T> => {
    const doc = documents.get(uri);
    if (!doc) return Promise.resolve(empty);
    return Promise.resolve(f(doc)).catch((e) => {
      connection.console.error(`ogi-report: ${String(e?.stack ?? e)}`);
      return empty;
    });
  };

  connection.onDocumentSymbol((p) => withDoc(p.textDocument.uri, [], async (doc) => documentSymbols((await analysisOf(doc)).analysis, locale)));
  connection.onFoldingRanges((p) => withDoc(p.textDocument.uri, [], async (doc) => foldingRanges((await analysisOf(doc)).analysis)));
  connection.onHover((p) => withDoc(p.textDocument.uri, null, async (doc) => hover((await analysisOf(doc)).analysis, p.position, locale)));

  connection.onCodeAction((p) =>
    withDoc(p.textDocument.uri, [] as CodeAction[], async (doc) => {
      const { analysis, options } = await analysisOf(doc);
      const only = p.context.only;
      const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
      const actions: CodeAction[] = wants(CodeActionKind.QuickFix) ? quickFixes(doc.uri, analysis, p.range) : [];
      if (wants(FIX_ALL_KIND) && analysis.findings.some((f) => f.fix)) {
        const edits = fixAllEdits(doc.getText(), analysis, options);
        if (edits.length) {
          actions.push({
            title: locale === 'en' ? 'Fix all certain problems in this report' : '修复本报告中所有可确定的问题',
            kind: FIX_ALL_KIND,
            edit: { changes: { [doc.uri]: edits } },
          });
        }
      }
      return actions;
    }),
  );

  connection.onCompletion((p) =>
    withDoc(p.textDocument.uri, [], async (doc) => {
      const line = doc.getText({ start: { line: p.position.line, character: 0 }, end: p.position });
      // Completion belongs at the start of a row or a line: after a tab, a pipe or nothing.
      const m = /^(?:.*[\t|｜])?\s*([^\t|｜]{0,24})$/u.exec(line);
      if (!m || /\d\s*$/.test(m[1])) return [];
      const replace = { start: { line: p.position.line, character: p.position.character - m[1].length }, end: p.position };
      const { analysis } = await analysisOf(doc);
      const settings = await settingsFor(doc.uri);
      const shape = templateShape(analysis, settings.templateShape);
      const items = rowLabelCompletions(analysis, p.position, replace);
      if (line.trim() === m[1].trim() && !line.includes('\t')) items.push(...templateCompletions(shape, snippetSupport, locale, replace));
      return items;
    }),
  );

  connection.onRequest(TABLE_TEMPLATE_REQUEST, (p: { uri: string; table: string; format?: string }) =>
    withDoc(p.uri, null, async (doc) => {
      const format = FORMATS.find((f) => f.version === (p.format ?? '2021')) ?? FORMATS[0];
      const table = format.tables.find((t) => t.id === p.table);
      if (!table) return null;
      const settings = await settingsFor(doc.uri);
      const shape = templateShape((await analysisOf(doc)).analysis, settings.templateShape);
      return { shape, snippet: tableText(table, shape, true).text };
    }),
  );

  connection.onRequest(DOCUMENT_STATE_REQUEST, (p: { uri: string }) => withDoc(p.uri, null, (doc) => documentState(doc.getText(), doc.version)));

  documents.listen(connection);
  connection.listen();
}

declare const PACKAGE_VERSION: string;

startServer(createConnection(ProposedFeatures.all));
