// The ogi-report language server: a thin layer that feeds documents to the engine and translates its
// results to LSP. `startServer` takes any connection (stdio, IPC, or in-process streams in tests) and has
// no side effects of its own; the bundle's entry (../server.ts) creates the connection.
import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  ErrorCodes,
  type InitializeParams,
  type InitializeResult,
  type TextEdit,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, AnalyzeOptions } from '../core/analyze.js';
import { type DocumentAnalysis, analyzeDocument, inDocument, updateDocument } from '../core/document.js';
import { shiftRange } from '../core/shift.js';
import { splitLines } from '../core/text.js';
import type { Locale } from '../core/rules.js';
import {
  CONFIGURATION_SECTION,
  DocumentStateRequest,
  FIX_ALL_KIND,
  type RequestDef,
  SERVER_NAME,
  TableTemplateRequest,
} from '../protocol.js';
import { type ClientSupport, clientSupport } from './capabilities.js';
import { DocumentStore } from './documents.js';
import { codeActions, resolvedFixAll, unresolvedFixAll } from './actions.js';
import { completions, documentState, fixAllEdits, tableTemplate, templateShape, toDiagnostic } from './features.js';
import { hover } from './hover.js';
import { isPosition, isRange, need } from './params.js';
import { DEFAULT_SETTINGS, type Settings, readSettings } from './settings.js';
import { flatSymbols, foldingRanges, outline } from './symbols.js';

declare const PACKAGE_VERSION: string;

/** One version of a document, analysed: the cache holds the latest only. */
interface Entry {
  version: number;
  text: string;
  analysis: Analysis;
  options: AnalyzeOptions;
  document: DocumentAnalysis;
  /** Every report's analysis in document coordinates (analysesOf), made on demand. */
  inDocument: Analysis[] | null;
}

const sameOptions = (a: AnalyzeOptions, b: AnalyzeOptions) => a === b || JSON.stringify(a) === JSON.stringify(b);

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

export function startServer(connection: Connection): void {
  const log = (m: string) => connection.console.error(`ogi-report: ${m}`);
  const documents = new DocumentStore(log);
  let locale: Locale = 'zh-cn';
  let support: ClientSupport = clientSupport(undefined);
  // LSP's lifecycle: nothing but initialize before it; nothing but exit after shutdown.
  let phase: 'starting' | 'running' | 'shutDown' = 'starting';
  const settingsByUri = new Map<string, Promise<Settings>>();
  const cache = new Map<string, Entry>();
  let globalSettings: Settings = DEFAULT_SETTINGS;

  const settingsFor = (uri: string): Promise<Settings> => {
    if (!support.configurationPull) return Promise.resolve(globalSettings);
    let s = settingsByUri.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: CONFIGURATION_SECTION })
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

  const optionsFrom = (s: Settings): AnalyzeOptions => ({ locale, rules: s.rules, maxTableCheckLength: s.maxDocumentSize });

  /**
   * The analysis of the document's current version; computed at most once per version. A file may hold many
   * reports (core/document.ts): each is analysed on its own text, and a report whose text an edit did not
   * touch reuses its analysis from the version before (only the last version's are kept, so no old version
   * stays in memory). `analysis` is the whole document's: every report's findings, in document coordinates,
   * with the first report's model (one report: exactly analyze()'s).
   */
  const analysisOf = async (doc: TextDocument): Promise<Entry> => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const options = optionsFrom(await settingsFor(doc.uri));
    const fresh = documents.get(doc.uri) ?? doc;
    const again = cache.get(doc.uri);
    if (again && again.version === fresh.version) return again;
    const text = fresh.getText();
    // Reuse holds only while the options are the same (settings changes clear the cache).
    // Only the reports around the edit are read again (core/document.ts updateDocument).
    const document = again && sameOptions(again.options, options) ? updateDocument(again.text, again.document, text, options) : analyzeDocument(text, options);
    const analysis: Analysis = document.reports.length === 1 ? document.reports[0].analysis : { report: document.reports[0].analysis.report, findings: document.findings };
    const entry: Entry = { version: fresh.version, text, analysis, options, document, inDocument: null };
    cache.set(doc.uri, entry);
    return entry;
  };

  /**
   * The analysis of every report the document holds, each in document coordinates. New features take one
   * report's Analysis and are mapped over these (a file may hold many reports: core/document.ts). Made when
   * a feature first asks for them, once per version.
   */
  const analysesOf = async (doc: TextDocument): Promise<Analysis[]> => {
    const entry = await analysisOf(doc);
    if (!entry.inDocument) {
      const { reports } = entry.document;
      const lines = reports.length === 1 ? reports[0].analysis.report.lines : splitLines(entry.text);
      entry.inDocument = reports.map((r) => inDocument(r, entry.text, lines));
    }
    return entry.inDocument;
  };

  /** Fix-all report by report, each on its own text with its own analysis; the edits shifted into the document. */
  const fixAllOf = (entry: Entry): TextEdit[] =>
    entry.document.reports.flatMap((r) =>
      r.analysis.findings.some((f) => f.fix) ? fixAllEdits(r.text, r.analysis, entry.options).map((e) => ({ ...e, range: shiftRange(e.range, r.span.fromLine) })) : [],
    );

  /** The report whose lines hold position p (the last one for a position past the end). */
  const reportAt = (analyses: Analysis[], line: number): Analysis => analyses.find((a) => line < a.report.toLine) ?? analyses[analyses.length - 1];

  const clear = (uri: string) => void connection.sendDiagnostics({ uri, diagnostics: [] });

  const validate = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) return;
    const settings = await settingsFor(uri);
    const current = documents.get(uri);
    // A newer version arrived while settings were read: its own validation will publish.
    if (!current || current.version !== doc.version) return;
    if (!settings.enable) return void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [] });
    const { analysis } = await analysisOf(doc);
    if (documents.get(uri)?.version !== doc.version) return;
    const diagnostics = analysis.findings.map((f) => toDiagnostic(uri, f, support.relatedInformation));
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  };

  // Typing never queues one analysis per version. The connection hands over one message per turn of the
  // event loop, so a validation waits until a turn passes with no newer version of its document (the burst
  // has been read), analyses that, and then looks again: at most one analysis in flight and one for the
  // latest text, never one for a superseded version.
  const dirty = new Set<string>();
  const running = new Set<string>();
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const settle = async (uri: string) => {
    // The first turn only lets the connection queue its next message (it does so after the handler that
    // scheduled this returns); from then on a turn with no new version means no change is waiting.
    await turn();
    for (let version = documents.get(uri)?.version; ; ) {
      await turn();
      const now = documents.get(uri)?.version;
      if (now === version) return;
      version = now;
    }
  };
  const schedule = (uri: string) => {
    dirty.add(uri);
    if (running.has(uri)) return;
    running.add(uri);
    void (async () => {
      try {
        while (dirty.has(uri)) {
          await settle(uri);
          dirty.delete(uri);
          await validate(uri).catch((e) => log(String(e?.stack ?? e)));
        }
      } finally {
        running.delete(uri);
      }
    })();
  };

  /**
   * Every request goes through here: the lifecycle errors LSP prescribes, params checked (InvalidParams,
   * not a crash), the document looked up, cancellation answered, and an engine failure logged with an
   * empty answer so that one bad document never stops the server.
   */
  const serve = <P, R>(check: (p: NoInfer<P>) => string | undefined, empty: R, f: (doc: TextDocument, p: P, token: CancellationToken) => Promise<R> | R) =>
    async (p: P, token: CancellationToken): Promise<R> => {
      lifecycle();
      const uri = need(p, check);
      const doc = documents.get(uri);
      if (!doc) return empty;
      try {
        const r = await f(doc, p, token);
        if (token.isCancellationRequested) throw cancelled();
        return r;
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        log(String((e as Error)?.stack ?? e));
        return empty;
      }
    };
  const lifecycle = () => {
    if (phase === 'starting') throw new ResponseError(ErrorCodes.ServerNotInitialized, 'ogi-report: initialize first');
    if (phase === 'shutDown') throw new ResponseError(ErrorCodes.InvalidRequest, 'ogi-report: the server has been shut down');
  };
  // Each returns the document's uri from valid params, else undefined (→ InvalidParams).
  type Loose = { textDocument?: { uri?: unknown }; position?: unknown; range?: unknown; context?: unknown; uri?: unknown };
  const textDocument = (p: Loose) => p?.textDocument?.uri as string | undefined;
  const at = (p: Loose) => (isPosition(p?.position) ? textDocument(p) : undefined);
  const ranged = (p: Loose) => (isRange(p?.range) && p.context && typeof p.context === 'object' ? textDocument(p) : undefined);
  const byUri = (p: Loose) => p?.uri as string | undefined;
  const onRequest = <P, R>(def: RequestDef<P, R>, handler: (p: P, token: CancellationToken) => Promise<R>) => connection.onRequest(def.method, handler);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    if (phase !== 'starting') throw new ResponseError(ErrorCodes.InvalidRequest, 'ogi-report: initialize was already received');
    locale = /^en\b|^en-/i.test(params.locale ?? '') ? 'en' : 'zh-cn';
    support = clientSupport(params.capabilities);
    phase = 'running';
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: SERVER_NAME },
        foldingRangeProvider: true,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: support.resolveEdit },
        completionProvider: { triggerCharacters: ['表', '|', '\t'] },
      },
      serverInfo: { name: SERVER_NAME, version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0' },
    };
  });

  connection.onInitialized(() => {
    if (support.configurationRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIGURATION_SECTION });
  });

  connection.onShutdown(() => {
    lifecycle();
    phase = 'shutDown';
  });

  // Requests nobody handles: before initialize and after shutdown the lifecycle errors, else MethodNotFound.
  connection.onRequest((method) => {
    lifecycle();
    return new ResponseError(ErrorCodes.MethodNotFound, `ogi-report: no method ${method}`);
  });

  connection.onDidChangeConfiguration((change) => {
    if (phase !== 'running') return;
    settingsByUri.clear();
    cache.clear();
    if (!support.configurationPull) {
      const raw = (change?.settings as { ogiReport?: unknown } | null)?.ogiReport;
      const { settings, problems } = readSettings(raw);
      for (const p of problems) connection.console.warn(`ogi-report: ${p}`);
      globalSettings = settings;
    }
    for (const d of documents.all()) schedule(d.uri);
  });

  // Document notifications before initialize (or after shutdown) are dropped, as LSP says.
  connection.onDidOpenTextDocument((p) => {
    if (phase === 'running' && documents.open(p)) schedule(p.textDocument.uri);
  });
  connection.onDidChangeTextDocument((p) => {
    if (phase !== 'running') return;
    const { uri, outcome } = documents.change(p);
    if (outcome === 'applied') schedule(uri);
    if (outcome === 'lostSync') {
      cache.delete(uri);
      clear(uri);
      void connection.window.showWarningMessage(
        locale === 'en'
          ? 'OGI Report received an edit it could not apply and stopped checking this file; close and reopen it to check it again.'
          : 'OGI Report 收到一处无法应用的编辑，已停止检查此文件；关闭后重新打开即可恢复检查。',
      );
    }
  });
  connection.onDidCloseTextDocument((p) => {
    const uri = p?.textDocument?.uri;
    if (!documents.close(uri)) return;
    cache.delete(uri);
    settingsByUri.delete(uri);
    clear(uri);
  });

  // ------------------------------------------------------------------------------------- features

  connection.onDocumentSymbol(
    serve(textDocument, [], async (doc, p, token) => {
      const analyses = await analysesOf(doc);
      const { reports } = (await analysisOf(doc)).document;
      const symbols = outline(analyses.map((analysis, k) => ({ analysis, title: reports[k].title })), locale, token);
      if (!symbols) throw cancelled();
      return support.hierarchicalSymbols ? symbols : flatSymbols(doc.uri, symbols);
    }),
  );
  connection.onFoldingRanges(serve(textDocument, [], async (doc) => (await analysesOf(doc)).flatMap(foldingRanges)));
  connection.onHover(serve(at, null, async (doc, p) => hover(reportAt(await analysesOf(doc), p.position.line), p.position, locale, support.hoverKind)));

  connection.onCodeAction(
    serve(ranged, [] as CodeAction[], async (doc, p, token) => {
      const entry = await analysisOf(doc);
      if (token.isCancellationRequested) throw cancelled();
      return codeActions(doc, entry.analysis, { range: p.range, only: p.context.only }, support, locale, () => fixAllOf(entry));
    }),
  );

  const resolveFixAll = serve<CodeAction, CodeAction | null>((a) => unresolvedFixAll(a)?.uri, null, async (doc, action, token) => {
    const entry = await analysisOf(doc);
    if (token.isCancellationRequested) throw cancelled();
    return resolvedFixAll(action, doc, fixAllOf(entry), support);
  });
  // Only fix-all is sent unresolved; any other action (or one for a closed document) comes back as it was.
  connection.onCodeActionResolve(async (action, token) => (unresolvedFixAll(action) ? ((await resolveFixAll(action, token)) ?? action) : (lifecycle(), action)));

  connection.onCompletion(
    serve(at, [], async (doc, p) => {
      const analysis = reportAt(await analysesOf(doc), p.position.line);
      const shape = templateShape(analysis, (await settingsFor(doc.uri)).templateShape);
      return completions(doc.getText({ start: { line: p.position.line, character: 0 }, end: p.position }), p.position, analysis, shape, support.snippets, locale);
    }),
  );

  onRequest(
    TableTemplateRequest,
    serve((p) => (typeof p?.table === 'string' ? byUri(p) : undefined), null, async (doc, p) => {
      const shape = templateShape((await analysisOf(doc)).analysis, (await settingsFor(doc.uri)).templateShape);
      return tableTemplate(p, shape);
    }),
  );

  // Answers for a document out of sync too (inSync: false), so that tests and users can see the state.
  onRequest(DocumentStateRequest, async (p) => {
    lifecycle();
    const entry = documents.state(need(p, byUri));
    return entry ? documentState(entry.doc.getText(), entry.doc.version, entry.inSync) : null;
  });

  connection.listen();
}
