// The wire contract between the ogi-report server, its VS Code client and the tests: custom request names
// with their parameter and result types, and the identifiers both sides must spell the same. Plain
// constants and types only, so that any side (even a webview) can import it without pulling in a library.

/** The language id (package.json's contributes.languages[0].id; test/unit/manifest.test.ts keeps them equal). */
export const LANGUAGE_ID = 'ogi-report';
/** serverInfo.name, and the label of the server's Outline. */
export const SERVER_NAME = 'ogi-report';
/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'ogi-report';
/** The settings section (package.json's contributes.configuration keys start with it). */
export const CONFIGURATION_SECTION = 'ogiReport';
/** The code-action kind of "fix everything certain": `source.fixAll` narrowed to this server. */
export const FIX_ALL_KIND = 'source.fixAll.ogi-report';

/**
 * The client's command that opens the table preview beside a document; its one argument is the document's
 * uri. The code lens above each table carries it (the client registers the command).
 */
export const SHOW_PREVIEW_COMMAND = 'ogiReport.showPreview';

/** A request's method with its parameter and result types attached (types only; nothing at run time). */
export interface RequestDef<P, R> {
  readonly method: string;
  /** Never set: carries the types for `sendRequest` / `onRequest` wrappers. */
  readonly _types?: [P, R];
}
const request = <P, R>(method: string): RequestDef<P, R> => ({ method });
export type ParamsOf<D> = D extends RequestDef<infer P, unknown> ? P : never;
export type ResultOf<D> = D extends RequestDef<unknown, infer R> ? R : never;

export type TemplateShape = 'tsv' | 'markdown' | 'cellPerLine' | 'pipe' | 'pipePerLine' | 'spaced';

export interface TableTemplateParams {
  /** The document the table is for: its own table shape is used unless the setting says otherwise. */
  uri: string;
  /** The table's id in the format declaration: 'activeDisclosure' | 'applications' | 'reviewLitigation'. */
  table: string;
  /** The format version ('2021' | '2019'); the current format when absent. */
  format?: string;
}
export interface TableTemplateResult {
  shape: TemplateShape;
  /** A VS Code snippet (tab stops `${1:0}` in the number cells). */
  snippet: string;
}
/** A statutory table as a snippet; null when the document is not open or the table is unknown. */
export const TableTemplateRequest = request<TableTemplateParams, TableTemplateResult | null>('ogiReport/tableTemplate');

export interface DocumentStateParams {
  uri: string;
}
export interface DocumentStateResult {
  version: number;
  /** In UTF-16 code units. */
  length: number;
  sha256: string;
  /** False after the server refused a change it could not apply (see lsp/documents.ts): it waits for a full text. */
  inSync: boolean;
}
/** The server's copy of a document, for tests and diagnostics: null when the document is not open. */
export const DocumentStateRequest = request<DocumentStateParams, DocumentStateResult | null>('ogiReport/documentState');

/** The `data` of a fix-all code action sent without its edit, to be filled in by `codeAction/resolve`. */
export interface FixAllData {
  uri: string;
  version: number;
}

export interface PreviewParams {
  uri: string;
}
export interface PreviewTable {
  /** 'activeDisclosure' | 'applications' | 'reviewLitigation' */
  id: string;
  /** 表二 / 表三 / 表四 */
  name: string;
  /** The table's lines in the document (0-based, inclusive): the preview follows the cursor's table. */
  firstLine: number;
  lastLine: number;
}
export interface PreviewResult {
  /** The document version the preview was drawn from. */
  version: number;
  /**
   * The tables drawn as HTML (server/src/outputs/preview.ts renderPreviewBody): document text escaped, no
   * script; each value cell carries data-line/data-character/data-end-line/data-end-character.
   */
  html: string;
  tables: PreviewTable[];
}
/** The statutory tables of a report drawn for the table preview; null when the document is not open. */
export const PreviewRequest = request<PreviewParams, PreviewResult | null>('ogiReport/preview');


export interface ReadDocumentParams {
  /** A file: URI of a .docx, .pdf, .html/.htm (or .txt/.md) file; the server reads the file itself. */
  uri: string;
}
export interface ReadDocumentProblem {
  code: string;
  /** In the server's locale. */
  message: string;
  /** The statutory table the problem is about, when it is about one. */
  table?: string;
}
export interface ReadDocumentResult {
  kind: 'docx' | 'html' | 'pdf' | 'text';
  /** The text rendering the engine reads (paragraphs as lines, tables as tab-separated rows). */
  text: string;
  /** What the reader could not read (a corrupt file, a scan without text, …); never thrown. */
  problems: ReadDocumentProblem[];
}
/**
 * A document's text rendering, read by the server from disk: null when the uri is not a file: URI or
 * the file's kind is not one the readers know. Unreadable files answer with problems, not errors.
 */
export const ReadDocumentRequest = request<ReadDocumentParams, ReadDocumentResult | null>('ogiReport/readDocument');
/** The URI scheme of the read-only text rendering the VS Code client shows for a document. */
export const REPORT_VIEW_SCHEME = 'ogi-report-view';

/** Next year's report written from this one (core/crossyear/nextYear.ts), and a file name for it. */
export interface NextYearReportParams {
  uri: string;
}
export interface NextYearReportResult {
  text: string;
  /** The document's own file name with the year moved on, or the agency's report name for next year. */
  suggestedName: string;
}
export const NextYearReportRequest = request<NextYearReportParams, NextYearReportResult | null>('ogiReport/nextYearReport');

/** Check every report file of the workspace folders (the same bounded scan as last year's report). */
export type CheckFolderParams = Record<string, never>;
export interface CheckFolderResult {
  /** Report files checked (open ones counted with their open document's findings). */
  files: number;
  /** Of those, the ones with at least one error. */
  withErrors: number;
  /** Files left out: above the size cap, unreadable, or not reading like a report. */
  skipped: number;
}
/**
 * Analyses the workspace folders' report files one at a time and publishes diagnostics for each one not
 * open in the editor (open documents keep their own); progress through window/workDoneProgress.
 */
export const CheckFolderRequest = request<CheckFolderParams, CheckFolderResult>('ogiReport/checkFolder');
