// The ogi-report language server: a thin layer that feeds documents to the engine and translates its
// results to LSP. `startServer` takes any connection (stdio, IPC, or in-process streams in tests) and has
// no side effects of its own; the bundle's entry (../server.ts) creates the connection.
import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Analysis, type AnalyzeOptions, analyze } from '../core/analyze.js';
import type { Locale } from '../core/rules.js';
import {
  CONFIGURATION_SECTION,
  DocumentStateRequest,
  NextYearReportRequest,
  FIX_ALL_KIND,
  PreviewRequest,
  ReadDocumentRequest,
  type RequestDef,
  SERVER_NAME,
  TableTemplateRequest,
} from '../protocol.js';
import { type ClientSupport, clientSupport } from './capabilities.js';
import { DocumentStore } from './documents.js';
import { codeActions, resolvedFixAll, unresolvedFixAll } from './actions.js';
import { completions, documentState, fixAllEdits, tableTemplate, templateShape, toDiagnostic } from './features.js';
import { hover } from './hover.js';
import { readDocumentRequest } from './read-document.js';
import { isPosition, isRange, need } from './params.js';
import { formatting, codeLenses, inlayHints, preview, rewriteActions } from './see.js';
import { DEFAULT_SETTINGS, type Settings, localeOf, readSettings } from './settings.js';
import { documentSymbols, flatSymbols, foldingRanges } from './symbols.js';
import { ReportIndex, nextYearResult, pairKey } from './workspace.js';
import { WRITE_PROSE_KIND, writeProseActions } from './write-prose.js';

declare const PACKAGE_VERSION: string;

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

export function startServer(connection: Connection): void {
  const log = (m: string) => connection.console.error(`ogi-report: ${m}`);
  const documents = new DocumentStore(log);
  // The client's display language (initialize.locale): used only when ogiReport.locale is 'auto'.
  let clientLocale: string | undefined;
  let support: ClientSupport = clientSupport(undefined);
  // LSP's lifecycle: nothing but initialize before it; nothing but exit after shutdown.
  let phase: 'starting' | 'running' | 'shutDown' = 'starting';
  const settingsByUri = new Map<string, Promise<Settings>>();
  const cache = new Map<string, { version: number; analysis: Analysis; options: AnalyzeOptions; previous?: string | null }>();
  // Last year's report: open documents (their analysed models), then the workspace folders' files.
  const index = new ReportIndex(() =>
    documents.all().flatMap((d) => {
      const e = cache.get(d.uri);
      return e && e.version === d.version ? [{ uri: d.uri, version: d.version, report: e.analysis.report }] : [];
    }),
  );
  let watchFiles = false;
  const pending = new Map<string, ReturnType<typeof setImmediate>>();
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

  const optionsFrom = (s: Settings): AnalyzeOptions => ({ locale: localeOf(s, clientLocale), rules: s.rules, maxTableCheckLength: s.maxDocumentSize, thresholds: s.thresholds });

  /** The analysis of the document's current version; computed at most once per version. */
  const analysisOf = async (doc: TextDocument): Promise<{ analysis: Analysis; options: AnalyzeOptions }> => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const options = optionsFrom(await settingsFor(doc.uri));
    const fresh = documents.get(doc.uri) ?? doc;
    let previous: string | null = null;
    const previousFor = (r: Analysis['report']) => {
      const p = index.previousFor(doc.uri, r);
      previous = p?.path ?? null;
      return p;
    };
    const entry = { version: fresh.version, analysis: analyze(fresh.getText(), { ...options, previousFor }), options, previous };
    cache.set(doc.uri, entry);
    return entry;
  };

  /**
   * The analysis of every report the document holds, each in document coordinates. New features take one
   * report's Analysis and are mapped over these (a file may hold many reports: core/document.ts).
   */
  const analysesOf = async (doc: TextDocument): Promise<Analysis[]> => [(await analysisOf(doc)).analysis];
  /** The language of a document's messages (ogiReport.locale, read per resource). */
  const localeFor = async (doc: TextDocument): Promise<Locale> => localeOf(await settingsFor(doc.uri), clientLocale);

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
    recheckDependents(uri, doc.version, analysis);
  };

  // A report changed: the open reports that took it as last year's, or that would now (same agency, the
  // year after), are checked again. Once per version, so two reports never re-check each other in turn.
  const notified = new Map<string, number>();
  const recheckDependents = (uri: string, version: number, analysis: Analysis) => {
    if (notified.get(uri) === version) return;
    notified.set(uri, version);
    const key = pairKey(analysis.report);
    const next = key && analysis.report.year !== null ? `${analysis.report.year + 1}${key.slice(key.indexOf('\u0000'))}` : null;
    for (const d of documents.all()) {
      if (d.uri === uri) continue;
      const e = cache.get(d.uri);
      if (!e || (e.previous !== uri && pairKey(e.analysis.report) !== next)) continue;
      cache.delete(d.uri);
      schedule(d.uri);
    }
  };

  // Changes that arrive together are checked once, against the newest text: no debounce delay.
  const schedule = (uri: string) => {
    const t = pending.get(uri);
    if (t) clearImmediate(t);
    pending.set(
      uri,
      setImmediate(() => {
        pending.delete(uri);
        validate(uri).catch((e) => log(String(e?.stack ?? e)));
      }),
    );
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
  const ranged0 = (p: Loose) => (isRange(p?.range) ? textDocument(p) : undefined);
  const onRequest = <P, R>(def: RequestDef<P, R>, handler: (p: P, token: CancellationToken) => Promise<R>) => connection.onRequest(def.method, handler);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    if (phase !== 'starting') throw new ResponseError(ErrorCodes.InvalidRequest, 'ogi-report: initialize was already received');
    clientLocale = params.locale ?? undefined;
    support = clientSupport(params.capabilities);
    index.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    watchFiles = !!params.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    phase = 'running';
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: SERVER_NAME },
        foldingRangeProvider: true,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.RefactorRewrite, WRITE_PROSE_KIND], resolveProvider: support.resolveEdit },
        completionProvider: { triggerCharacters: ['表', '|', '\t'] },
        codeLensProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        ...(support.inlayHints ? { inlayHintProvider: { resolveProvider: false } } : {}),
      },
      serverInfo: { name: SERVER_NAME, version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0' },
    };
  });

  connection.onInitialized(() => {
    if (support.configurationRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIGURATION_SECTION });
    // Last year's report may be a file of the workspace that is not open: watch the report files.
    if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{txt,md}' }] });
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
    if (support.inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
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
        localeOf(globalSettings, clientLocale) === 'en'
          ? 'OGI Report received an edit it could not apply and stopped checking this file; close and reopen it to check it again.'
          : 'OGI Report 收到一处无法应用的编辑，已停止检查此文件；关闭后重新打开即可恢复检查。',
      );
    }
  });
  connection.onDidChangeWatchedFiles((p) => {
    if (phase !== 'running') return;
    for (const c of p?.changes ?? []) index.invalidate(c.uri);
    for (const d of documents.all()) {
      cache.delete(d.uri);
      schedule(d.uri);
    }
  });
  connection.onDidCloseTextDocument((p) => {
    const uri = p?.textDocument?.uri;
    if (!documents.close(uri)) return;
    cache.delete(uri);
    notified.delete(uri);
    settingsByUri.delete(uri);
    clear(uri);
    // A closed last year's report is now read from the workspace folders, if it is there.
    for (const d of documents.all()) if (cache.get(d.uri)?.previous === uri) (cache.delete(d.uri), schedule(d.uri));
  });

  // ------------------------------------------------------------------------------------- features

  connection.onDocumentSymbol(
    serve(textDocument, [], async (doc, p, token) => {
      const symbols = documentSymbols((await analysisOf(doc)).analysis, await localeFor(doc), token);
      if (!symbols) throw cancelled();
      return support.hierarchicalSymbols ? symbols : flatSymbols(doc.uri, symbols);
    }),
  );
  connection.onFoldingRanges(serve(textDocument, [], async (doc) => foldingRanges((await analysisOf(doc)).analysis)));
  connection.onHover(serve(at, null, async (doc, p) => hover((await analysisOf(doc)).analysis, p.position, await localeFor(doc), support.hoverKind)));

  connection.onCodeAction(
    serve(ranged, [] as CodeAction[], async (doc, p, token) => {
      const { analysis, options } = await analysisOf(doc);
      const l = await localeFor(doc);
      if (token.isCancellationRequested) throw cancelled();
      const actions = codeActions(doc, analysis, { range: p.range, only: p.context.only }, support, l, () => fixAllEdits(doc.getText(), analysis, options));
      const only = Array.isArray(p.context.only) ? p.context.only : undefined;
      const prose = writeProseActions(doc, analysis, p.range, only, support.versionedEdits, l);
      const rewrite = CodeActionKind.RefactorRewrite;
      if (only && !only.some((k) => rewrite === k || rewrite.startsWith(`${k}.`))) return [...actions, ...prose];
      return [...actions, ...prose, ...rewriteActions(doc, doc.getText(), await analysesOf(doc), p.range, support.versionedEdits, l)];
    }),
  );

  const resolveFixAll = serve<CodeAction, CodeAction | null>((a) => unresolvedFixAll(a)?.uri, null, async (doc, action, token) => {
    const { analysis, options } = await analysisOf(doc);
    if (token.isCancellationRequested) throw cancelled();
    return resolvedFixAll(action, doc, fixAllEdits(doc.getText(), analysis, options), support);
  });
  // Only fix-all is sent unresolved; any other action (or one for a closed document) comes back as it was.
  connection.onCodeActionResolve(async (action, token) => (unresolvedFixAll(action) ? ((await resolveFixAll(action, token)) ?? action) : (lifecycle(), action)));

  connection.onCompletion(
    serve(at, [], async (doc, p) => {
      const { analysis } = await analysisOf(doc);
      const shape = templateShape(analysis, (await settingsFor(doc.uri)).templateShape);
      return completions(doc.getText({ start: { line: p.position.line, character: 0 }, end: p.position }), p.position, analysis, shape, support.snippets, await localeFor(doc));
    }),
  );

  onRequest(
    TableTemplateRequest,
    serve((p) => (typeof p?.table === 'string' ? byUri(p) : undefined), null, async (doc, p) => {
      const shape = templateShape((await analysisOf(doc)).analysis, (await settingsFor(doc.uri)).templateShape);
      return tableTemplate(p, shape);
    }),
  );

  // Seeing the tables (see.ts): preview, inlay hints, code lens, formatting.
  onRequest(
    PreviewRequest,
    serve(byUri, null, async (doc) => preview(doc, await analysesOf(doc), await localeFor(doc))),
  );
  connection.languages.inlayHint.on(
    serve(ranged0, [], async (doc, p) => ((await settingsFor(doc.uri))['inlayHints.enable'] ? inlayHints(await analysesOf(doc), p.range) : [])),
  );
  connection.onCodeLens(serve(textDocument, [], async (doc) => codeLenses(doc, await analysesOf(doc), await localeFor(doc))));
  connection.onDocumentFormatting(serve(textDocument, [], async (doc) => formatting(doc.getText(), await analysesOf(doc))));
  connection.onDocumentRangeFormatting(serve(ranged0, [], async (doc, p) => formatting(doc.getText(), await analysesOf(doc), p.range)));
  onRequest(
    NextYearReportRequest,
    serve(byUri, null, async (doc) => {
      const { analysis } = await analysisOf(doc);
      return nextYearResult(doc.uri, doc.getText(), analysis.report, await localeFor(doc));
    }),
  );

  // Answers for a document out of sync too (inSync: false), so that tests and users can see the state.
  onRequest(DocumentStateRequest, async (p) => {
    lifecycle();
    const entry = documents.state(need(p, byUri));
    return entry ? documentState(entry.doc.getText(), entry.doc.version, entry.inSync) : null;
  });

  // Not a document the client has open: the file it asks about, read from disk (local files only).
  onRequest(ReadDocumentRequest, async (p) => {
    lifecycle();
    const uri = need(p, byUri);
    return readDocumentRequest({ uri }, localeOf(await settingsFor(uri), clientLocale));
  });

  connection.listen();
}
