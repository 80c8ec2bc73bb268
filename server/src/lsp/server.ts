// The ogi-report language server: a thin layer that feeds documents to the engine and translates its
// results to LSP. `startServer` takes any connection (stdio, IPC, or in-process streams in tests) and has
// no side effects of its own; the bundle's entry (../server.ts) creates the connection.
import { fileURLToPath } from 'node:url';
import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  type TextEdit,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { reportKey } from '../core/agency.js';
import { type Analysis, type AnalyzeOptions, analyze } from '../core/analyze.js';
import type { Finding } from '../core/checks/rule.js';
import { type DocumentAnalysis, analyzeDocument, inFile, updateDocument } from '../core/document.js';
import { fixAllReports } from '../core/fix.js';
import type { Locale } from '../core/rules.js';
import {
  CONFIGURATION_SECTION,
  CheckFolderRequest,
  type CheckFolderResult,
  DocumentStateRequest,
  NextYearReportRequest,
  FIX_ALL_KIND,
  PreviewRequest,
  REPORT_VIEW_SCHEME,
  ReadDocumentRequest,
  type RequestDef,
  SERVER_NAME,
  TableTemplateRequest,
} from '../protocol.js';
import { type ClientSupport, clientSupport } from './capabilities.js';
import { DocumentStore } from './documents.js';
import { codeActions, resolvedFixAll, unresolvedFixAll } from './actions.js';
import { actionsByLines, byLines, completions, documentState, tableTemplate, templateShape, toDiagnostic } from './features.js';
import { hover } from './hover.js';
import { readDocumentRequest } from './read-document.js';
import { readerThread } from './reader-thread.js';
import { isPosition, isRange, need } from './params.js';
import { formatting, codeLenses, inlayHints, preview, rewriteActions } from './see.js';
import { DEFAULT_SETTINGS, type Settings, localeOf, readSettings } from './settings.js';
import { flatSymbols, foldingRanges, outline } from './symbols.js';
import { ReportIndex, WATCHED_FILES, nextYearResult } from './workspace.js';
import { type FolderCheckHooks, checkFolder, fileCheck } from './folder.js';
import { WRITE_PROSE_KIND, writeProseActions } from './write-prose.js';

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
  /** The paths of the last year's reports its reports were read with (a change to one re-checks this document). */
  previous: ReadonlySet<string>;
  /** A report of it looked for last year's and found none (a document of the workspace read later may hold it). */
  missedPrevious: boolean;
}

const sameOptions = (a: AnalyzeOptions, b: AnalyzeOptions) => a === b || JSON.stringify(a) === JSON.stringify(b);

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

export interface ServerOptions {
  /** The module that runs the document-reading thread (reader-thread.ts): the server's bundle; without it, documents are read on this thread. */
  readerScript?: string;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const log = (m: string) => connection.console.error(`ogi-report: ${m}`);
  // .pdf/.docx/web pages (last year's report in the workspace, a view the client asks for) are read off this thread.
  const reader = readerThread(options.readerScript);
  const documents = new DocumentStore(log);
  // The client's display language (initialize.locale): used only when ogiReport.locale is 'auto'.
  let clientLocale: string | undefined;
  let support: ClientSupport = clientSupport(undefined);
  // LSP's lifecycle: nothing but initialize before it; nothing but exit after shutdown.
  let phase: 'starting' | 'running' | 'shutDown' = 'starting';
  const settingsByUri = new Map<string, Promise<Settings>>();
  const cache = new Map<string, Entry>();
  // Last year's report: open documents (their analysed models), then the workspace folders' files.
  // Each open document's reports, as analysed; one is moved into the document's coordinates only when it pairs.
  const index = new ReportIndex(
    () =>
      documents.all().flatMap((d) => {
        const e = cache.get(d.uri);
        if (!e || e.version !== d.version) return [];
        const { reports } = e.document;
        return [{ uri: d.uri, version: d.version, text: e.text, documentReports: reports, reports: reports.map((r) => r.analysis.report), inDocument: (k: number) => analysesIn(e)[k].report }];
      }),
    reader.read,
  );
  let watchFiles = false;
  // Set where the folder check is (below): re-reads a file it published for when that file changes.
  let recheckFolderFile: (uri: string, deleted: boolean) => Promise<void> = async () => undefined;
  /** The unopened files a folder check published diagnostics for. */
  const folderPublished = new Set<string>();
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
    // Last year's report of each report, from the index; the paths taken are kept so that a change to one
    // of them re-checks this document.
    const previous = new Set<string>();
    let missedPrevious = false;
    const withPrevious: AnalyzeOptions = {
      ...options,
      previousFor: (r) => {
        const p = index.previousFor(doc.uri, r);
        if (p) previous.add(p.path);
        else missedPrevious = true;
        return p;
      },
    };
    // Reuse holds only while the options are the same (settings changes clear the cache).
    // Only the reports around the edit are read again (core/document.ts updateDocument); the reports kept
    // keep the last year's report they were read with.
    const reuse = again && sameOptions(again.options, options);
    // Related cells in last year's document of the workspace are named by their place in it (第3页).
    const engine = (t: string, o?: AnalyzeOptions) => index.placed(analyze(t, o), o?.locale ?? 'zh-cn');
    const document = reuse ? updateDocument(again.text, again.document, text, withPrevious, engine) : analyzeDocument(text, withPrevious, engine);
    if (reuse) for (const p of again.previous) previous.add(p);
    if (reuse && again.missedPrevious) missedPrevious = true;
    const analysis: Analysis = document.reports.length === 1 ? document.reports[0].analysis : { report: document.reports[0].analysis.report, findings: document.findings };
    const entry: Entry = { version: fresh.version, text, analysis, options, document, inDocument: null, previous, missedPrevious };
    cache.set(doc.uri, entry);
    return entry;
  };

  /**
   * The analysis of every report the document holds, each in document coordinates. New features take one
   * report's Analysis and are mapped over these (a file may hold many reports: core/document.ts). Made when
   * a feature first asks for them, once per version.
   */
  const analysesOf = async (doc: TextDocument): Promise<Analysis[]> => analysesIn(await analysisOf(doc));
  const analysesIn = (entry: Entry): Analysis[] => {
    if (!entry.inDocument) {
      const at = inFile(entry.document.reports, entry.text);
      entry.inDocument = entry.document.reports.map((_, k) => at(k));
    }
    return entry.inDocument;
  };

  /** Fix-all report by report, each on its own text with its own analysis; the edits shifted into the document. */
  const fixAllOf = (entry: Entry): TextEdit[] => fixAllReports(entry.text, entry.document, entry.options).edits as TextEdit[];

  /** The report whose lines hold position p (the last one for a position past the end). */
  const reportAt = (analyses: Analysis[], line: number): Analysis => analyses.find((a) => line < a.report.toLine) ?? analyses[analyses.length - 1];
  /** The language of a document's messages (ogiReport.locale, read per resource). */
  const localeFor = async (doc: TextDocument): Promise<Locale> => localeOf(await settingsFor(doc.uri), clientLocale);

  const clear = (uri: string) => void connection.sendDiagnostics({ uri, diagnostics: [] });

  const validate = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) return;
    const settings = await settingsFor(uri);
    // A newer version arrived while settings were read: its own validation will publish.
    if (documents.version(uri) !== doc.version) return;
    if (!settings.enable) return void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [] });
    const entry = await analysisOf(doc);
    if (documents.version(uri) !== doc.version) return;
    const diagnostics = entry.analysis.findings.map((f) => toDiagnostic(uri, f, support.relatedInformation));
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    recheckDependents(uri, doc.version, entry.document);
    if (entry.missedPrevious) readDocumentsSoon();
  };

  // Last year's report in a document of the workspace folders (.docx, .pdf …, workspace.ts): read in the
  // background after a look-up missed, one pass at a time; when one holds a report a look-up missed, the
  // open documents that missed one are checked again.
  let readingDocuments = false;
  const readDocumentsSoon = () => {
    if (readingDocuments || phase !== 'running' || index.unreadDocuments().length === 0) return;
    readingDocuments = true;
    const t0 = Date.now();
    void index
      .readDocuments()
      .then(({ read, found }) => {
        connection.console.info(`ogi-report: read ${read} document(s) of the workspace for last year's report in ${Date.now() - t0} ms${found ? ': found, checking again' : ''}`);
        if (!found || phase !== 'running') return;
        for (const d of documents.all()) {
          if (!cache.get(d.uri)?.missedPrevious) continue;
          cache.delete(d.uri);
          schedule(d.uri);
        }
      })
      .catch((e) => log(String(e?.stack ?? e)))
      .finally(() => (readingDocuments = false));
  };

  // A report changed: the open reports that took it as last year's, or that would now (same agency, the
  // year after), are checked again. Once per version, so two reports never re-check each other in turn.
  const notified = new Map<string, number>();
  const recheckDependents = (uri: string, version: number, document: DocumentAnalysis) => {
    if (notified.get(uri) === version) return;
    notified.set(uri, version);
    // Every report's: a 汇编 is last year's for many.
    const next = new Set(document.reports.map((r) => reportKey(r.analysis.report, 1)).filter((k): k is string => k !== null));
    for (const d of documents.all()) {
      if (d.uri === uri) continue;
      const e = cache.get(d.uri);
      if (!e || (!e.previous.has(uri) && !e.document.reports.some((r) => next.has(reportKey(r.analysis.report) ?? '')))) continue;
      cache.delete(d.uri);
      schedule(d.uri);
    }
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
    for (let version = documents.version(uri); ; ) {
      await turn();
      const now = documents.version(uri);
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
  const ranged0 = (p: Loose) => (isRange(p?.range) ? textDocument(p) : undefined);
  const onRequest = <P, R>(def: RequestDef<P, R>, handler: (p: P, token: CancellationToken) => Promise<R>) => connection.onRequest(def.method, handler);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    if (phase !== 'starting') throw new ResponseError(ErrorCodes.InvalidRequest, 'ogi-report: initialize was already received');
    clientLocale = params.locale ?? undefined;
    support = clientSupport(params.capabilities);
    index.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    // The VS Code client shows documents as read-only views (client/src/reports.ts): related locations in last year's PDF point there.
    index.viewScheme = (params.initializationOptions as { reportViews?: unknown } | undefined)?.reportViews === true ? REPORT_VIEW_SCHEME : null;
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
    // Last year's report may be a file of the workspace that is not open: watch the report files and documents.
    if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_FILES }] });
  });

  connection.onShutdown(() => {
    lifecycle();
    phase = 'shutDown';
    void reader.close();
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
    // The folder check's findings were made with the old settings: made again (or cleared if disabled).
    void (async () => {
      for (const u of [...folderPublished]) {
        await turn();
        await recheckFolderFile(u, false);
      }
    })();
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
    for (const c of p?.changes ?? []) if (typeof c?.uri === 'string' && c.uri.startsWith('file:')) void recheckFolderFile(c.uri, c.type === FileChangeType.Deleted);
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
    // Checked with the folder before it was opened: back to its findings from disk.
    void recheckFolderFile(uri, false);
    // A closed last year's report is now read from the workspace folders, if it is there.
    for (const d of documents.all()) if (cache.get(d.uri)?.previous.has(uri)) (cache.delete(d.uri), schedule(d.uri));
  });

  // ------------------------------------------------------------------------------------- features

  connection.onDocumentSymbol(
    serve(textDocument, [], async (doc, p, token) => {
      const analyses = await analysesOf(doc);
      const { reports } = (await analysisOf(doc)).document;
      const symbols = outline(analyses.map((analysis, k) => ({ analysis, title: reports[k].title })), await localeFor(doc), token);
      if (!symbols) throw cancelled();
      return support.hierarchicalSymbols ? symbols : flatSymbols(doc.uri, symbols);
    }),
  );
  connection.onFoldingRanges(serve(textDocument, [], async (doc) => (await analysesOf(doc)).flatMap(foldingRanges)));
  connection.onHover(serve(at, null, async (doc, p) => hover(reportAt(await analysesOf(doc), p.position.line), p.position, await localeFor(doc), support.hoverKind)));

  connection.onCodeAction(
    serve(ranged, [] as CodeAction[], async (doc, p, token) => {
      const entry = await analysisOf(doc);
      const l = await localeFor(doc);
      if (token.isCancellationRequested) throw cancelled();
      const actions = codeActions(doc, entry.analysis, { range: p.range, only: p.context.only }, support, l, () => fixAllOf(entry));
      const only = Array.isArray(p.context.only) ? p.context.only : undefined;
      const analyses = await analysesOf(doc);
      const prose = writeProseActions(doc, reportAt(analyses, p.range.start.line), p.range, only, support.versionedEdits, l);
      const rewrite = CodeActionKind.RefactorRewrite;
      const rewrites = only && !only.some((k) => rewrite === k || rewrite.startsWith(`${k}.`)) ? [] : rewriteActions(doc, doc.getText(), analyses, p.range, support.versionedEdits, l);
      return actionsByLines(doc, [...actions, ...prose, ...rewrites]);
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
    serve(byUri, null, async (doc) => {
      const entry = await analysisOf(doc);
      return preview(doc, analysesIn(entry), await localeFor(doc), entry.document.reports);
    }),
  );
  connection.languages.inlayHint.on(
    serve(ranged0, [], async (doc, p) => ((await settingsFor(doc.uri))['inlayHints.enable'] ? inlayHints(await analysesOf(doc), p.range) : [])),
  );
  connection.onCodeLens(serve(textDocument, [], async (doc) => codeLenses(doc, await analysesOf(doc), await localeFor(doc))));
  connection.onDocumentFormatting(serve(textDocument, [], async (doc) => byLines(doc, formatting(doc.getText(), await analysesOf(doc)))));
  connection.onDocumentRangeFormatting(serve(ranged0, [], async (doc, p) => byLines(doc, formatting(doc.getText(), await analysesOf(doc), p.range))));
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

  // Check the whole folder (folder.ts): findings published for the report files not open; open ones keep
  // their own. The files published for are remembered: when one changes on disk (or an open one is closed)
  // it is checked again from disk, when one is deleted its diagnostics are cleared, so none go stale.
  // One check at a time: a second request while one runs waits for the same answer.
  let folderCheck: Promise<CheckFolderResult> | null = null;
  const folderOptions: FolderCheckHooks['optionsFor'] = async (uri) => {
    const settings = await settingsFor(uri);
    if (!settings.enable) return null;
    return { ...optionsFrom(settings), previousFor: (r) => index.previousFor(uri, r) };
  };
  const folderPublish = (uri: string, findings: Finding[]) => {
    folderPublished.add(uri);
    void connection.sendDiagnostics({ uri, diagnostics: findings.map((f) => toDiagnostic(uri, f, support.relatedInformation)) });
  };
  /** A file a folder check published for, not open now: checked again from disk, or cleared. */
  recheckFolderFile = async (uri: string, deleted: boolean) => {
    if (!folderPublished.has(uri) || documents.get(uri)) return;
    const findings = deleted ? null : await fileCheck(fileURLToPath(uri), uri, { optionsFor: folderOptions }).catch(() => null);
    if (documents.get(uri)) return;
    if (findings) folderPublish(uri, findings);
    else (folderPublished.delete(uri), clear(uri));
  };
  onRequest(CheckFolderRequest, async (_p, token) => {
    lifecycle();
    if (folderCheck) return folderCheck;
    const run = async (): Promise<CheckFolderResult> => {
      const en = localeOf(globalSettings, clientLocale) === 'en';
      const progress = support.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => null) : null;
      progress?.begin(en ? 'Checking the folder’s reports' : '正在检查文件夹中的报告', 0, undefined, false);
      try {
        return await checkFolder({
          files: () => index.reportFiles(),
          openFindings: async (uri) => {
            const doc = documents.get(uri);
            if (!doc) return null;
            // Checking off: the open document shows nothing, so it counts with no finding.
            return (await settingsFor(uri)).enable ? (await analysisOf(doc)).analysis.findings : [];
          },
          optionsFor: folderOptions,
          publish: folderPublish,
          progress: (done, total) => progress?.report(total ? Math.round((done * 100) / total) : 100, `${done}/${total}`),
          cancelled: () => token.isCancellationRequested || phase !== 'running',
        });
      } finally {
        progress?.done();
      }
    };
    folderCheck = run().finally(() => (folderCheck = null));
    return folderCheck;
  });

  // Not a document the client has open: the file it asks about, read from disk (local files only).
  onRequest(ReadDocumentRequest, async (p) => {
    lifecycle();
    const uri = need(p, byUri);
    return readDocumentRequest({ uri }, localeOf(await settingsFor(uri), clientLocale), undefined, (read) => index.rememberView(uri, read), reader.read);
  });

  connection.listen();
}
