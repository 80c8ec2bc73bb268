// Last year's report for a document, in the editor: among the open documents first, then among the
// report files of the client's workspace folders (only those: the server reads no other file). The scan
// is bounded (.txt/.md names, a size cap, a file cap, a depth cap) and each file's agencies and years (a
// 汇编 holds many reports) are cached by mtime; the whole models are built only for the file that pairs,
// report by report. Documents as published (.docx, .pdf, .html …) are read by the readers, which take
// time (pdf.js): never while a report is analysed, but in the background after a look-up missed, only
// those whose names may be last year's, and then the reports that missed are checked again.
import { type Stats, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { agencyOf, reportKey } from '../core/agency.js';
import type { PreviousReport } from '../core/checks/rule.js';
import { decodeReport } from '../core/decode.js';
import { nextYearReport } from '../core/crossyear/nextYear.js';
import type { Analysis } from '../core/analyze.js';
import { type DocumentReport, type PairableReports, pairableReports } from '../core/document.js';
import type { Locale } from '../core/rules.js';
import type { Report } from '../core/model.js';
import type { NextYearReportResult } from '../protocol.js';
import { placeIn } from '../outputs/place.js';
import { DOCUMENT_FILE, type ReadResult, documentKind, readDocument } from '../readers/index.js';
import type { DocumentReader } from './reader-thread.js';

/** documents: how many documents are listed; documentBytes: the largest read; documentReads: how many one background pass reads. */
export const SCAN_LIMITS = { files: 500, bytes: 2_000_000, depth: 4, documents: 500, documentBytes: 20_000_000, documentReads: 40 };
const REPORT_FILE = /\.(?:txt|md)$/i;
/** What the readers take that is not a text file (.doc and .wps are read by their bytes). */
const isDocument = (name: string) => DOCUMENT_FILE.test(name) && documentKind(name) !== 'text';
const SKIP_DIR = /^(?:\.|node_modules$|dist$|out$)/;
/** The files whose changes the server asks to be told of (didChangeWatchedFiles): the report files and the documents. */
export const WATCHED_FILES = '**/*.{txt,md,docx,doc,pdf,html,htm,xhtml,mht,mhtml,wps,ofd}';
const NAMED_YEAR = /(?:19|20)\d{2}/g;
/** How many readings of viewed documents are kept for naming places (each is a document's rendering and source map). */
const VIEW_READS = 8;

/**
 * Whether a document's file name leaves it a chance to be a report of one of `years`: it names one of them,
 * or the year after (a file named by its publication date), or no year at all. One naming only other years
 * is another year's report, and is not read.
 */
export function mayBeOfYear(fileName: string, years: ReadonlySet<number>): boolean {
  const named = fileName.match(NAMED_YEAR);
  return !named || named.some((y) => years.has(Number(y)) || years.has(Number(y) - 1));
}

/** A file's stat, or null when it is gone. */
function statOf(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Whether the file is as it was when its entry was made. */
const unchanged = (e: { mtimeMs: number; size: number }, st: Stats | null) => st !== null && e.mtimeMs === st.mtimeMs && e.size === st.size;

/** The year of a pairing key (core/agency.ts agencyYearKey: the year, then the agency). */
const yearOfKey = (key: string) => Number(key.slice(0, key.indexOf('\u0000')));

interface FileEntry {
  mtimeMs: number;
  size: number;
  /** The pairing keys (agency and year, core/agency.ts reportKey) of the file's reports: a 汇编 holds many. */
  keys: ReadonlySet<string>;
  /** The reports' models by key, in the file's coordinates: read when the file pairs (and kept while its mtime holds). */
  byKey?: Map<string, Report>;
}

/**
 * A document read by the readers: its rendering and source map, kept for the pairing (reading it again would
 * cost the reader's time) and for naming a related location by its place in the document (第3页); its reports
 * once it pairs.
 */
interface DocumentEntry extends FileEntry {
  read: ReadResult;
  reports?: DocumentReport[];
}

/**
 * An open document's reports: each one's model in its own coordinates (what pairing reads), and in the
 * document's (what a related location points into), made only for the report that pairs.
 */
export interface OpenReports {
  uri: string;
  version: number;
  /** The document's text and its reports as analysed (each in its own coordinates, with its span). */
  text: string;
  documentReports: readonly DocumentReport[];
  reports: readonly Report[];
  inDocument(k: number): Report;
}

/** What names a place in a document: its reading (rendering and source map) and its reports in the rendering's coordinates. */
interface Placing {
  read: ReadResult;
  reports?: readonly DocumentReport[];
}

export class ReportIndex {
  private folders: string[] = [];
  private files = new Map<string, FileEntry>();
  private documents = new Map<string, DocumentEntry>();
  /** Paths of the last scan (report files, and documents); null: scan again before the next look-up. */
  private listed: string[] | null = null;
  private listedDocuments: string[] = [];
  /** Keys of last year's reports looked up and not found: the documents read in the background may hold them. */
  private missed = new Set<string>();
  /** The documents a look-up returned a report of, by the location related locations in it carry. */
  private located = new Map<string, Placing>();
  /** The readings of the documents the client shows as views (ogiReport/readDocument), by file; the last few. */
  private viewReads = new Map<string, ReadResult>();
  /**
   * The scheme of the client's read-only views of documents (the VS Code client's `ogi-report-view:`), when it
   * has them: a related location in last year's PDF points into its view; otherwise at the file itself.
   */
  viewScheme: string | null = null;
  /** Why some files were left out of the last scan (for the log). */
  notes: string[] = [];
  /** Report-named files the last scan left out for their size (above SCAN_LIMITS.bytes). */
  oversize = 0;

  constructor(
    private readonly open: () => OpenReports[],
    /** How a document is read (the server's reader thread, reader-thread.ts). */
    private readonly reader: DocumentReader = readDocument,
  ) {}

  setFolders(uris: readonly string[]): void {
    this.folders = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    this.listed = null;
  }

  /** A file of the workspace changed, appeared or went (didChangeWatchedFiles): list again, read it again. */
  invalidate(uri?: string): void {
    this.listed = null;
    if (uri?.startsWith('file:')) {
      this.files.delete(fileURLToPath(uri));
      const gone = this.documents.get(fileURLToPath(uri));
      this.documents.delete(fileURLToPath(uri));
      for (const [location, e] of this.located) if (e === gone) this.located.delete(location);
    }
  }

  /** Last year's report of the agency `report` is from: a report of an open document first, then of a workspace file. */
  previousFor(uri: string, report: Report): PreviousReport | null {
    const want = reportKey(report, -1);
    if (want === null) return null;
    for (const o of this.open()) {
      if (o.uri === uri) continue;
      const k = o.reports.findIndex((r) => reportKey(r) === want);
      if (k < 0) continue;
      // A view of a document read for the client: its cells are named by their place in the document too.
      const read = this.viewReads.get(this.fileOf(o.uri));
      if (read && read.text === o.text) this.located.set(o.uri, { read, reports: o.documentReports });
      else this.located.delete(o.uri);
      return { path: o.uri, report: o.inDocument(k) };
    }
    // Not this document's own file, nor one open (its open document was asked above).
    const open = new Set([uri, ...this.open().map((o) => o.uri)].map((u) => this.fileOf(u)));
    for (const path of this.list()) {
      const fileUri = pathToFileURL(path).href;
      if (open.has(this.fileOf(fileUri))) continue;
      const e = this.entry(path);
      if (!e?.keys.has(want)) continue;
      e.byKey ??= this.read(path, false)?.byKey;
      const found = e.byKey?.get(want);
      if (found) return { path: fileUri, report: found };
    }
    for (const path of this.listedDocuments) {
      const e = this.documents.get(path);
      if (!e?.keys.has(want) || !this.fresh(path, e)) continue;
      const fileUri = pathToFileURL(path).href;
      if (open.has(this.fileOf(fileUri))) continue;
      if (!e.byKey) ({ reports: e.reports, byKey: e.byKey } = pairableReports(e.read.text));
      const found = e.byKey.get(want);
      if (!found) continue;
      const location = this.locationOf(fileUri);
      this.located.set(location, e);
      return { path: location, report: found };
    }
    this.missed.add(want);
    return null;
  }

  /**
   * The analysis with each related location in last year's document (a document of the workspace, or one
   * open as a view) named by its place there (第3页 表三「四、结转下年度」·总计), in the related message:
   * the rendering's lines are not the document's, and a client without views opens the document itself.
   */
  placed(a: Analysis, l: Locale): Analysis {
    if (!a.findings.some((f) => f.related.some((x) => x.uri !== undefined && this.located.has(x.uri)))) return a;
    const findings = a.findings.map((f) => {
      if (!f.related.some((x) => x.uri !== undefined && this.located.has(x.uri))) return f;
      const related = f.related.map((x) => {
        const e = x.uri === undefined ? undefined : this.located.get(x.uri);
        const place = e?.reports ? placeIn(e.read, e.reports, x.range, l).place : null;
        return place ? { ...x, place, message: l === 'en' ? `${x.message} (${place})` : `${x.message}（${place}）` } : x;
      });
      return { ...f, related };
    });
    return { ...a, findings };
  }

  /**
   * The file a URI is of, decoded: a view's original (its query, itself a URI once decoded), a file: URI
   * itself. Both end decoded alike: a file named in Chinese is percent-encoded in its URI, and once more in
   * its view's query.
   */
  private fileOf(uri: string): string {
    const q = uri.indexOf('?');
    const file = this.viewScheme && uri.startsWith(`${this.viewScheme}:`) && q >= 0 ? decoded(uri.slice(q + 1)) : uri;
    return decoded(file);
  }

  /** A document read for the client to show as a view (its text is the view's while the file holds). */
  rememberView(fileUri: string, read: ReadResult): void {
    const key = this.fileOf(fileUri);
    this.viewReads.delete(key);
    this.viewReads.set(key, read);
    if (this.viewReads.size > VIEW_READS) this.viewReads.delete(this.viewReads.keys().next().value!);
  }

  /** Where a related location in a document points: its view, when the client has views, else the file. */
  private locationOf(fileUri: string): string {
    return this.viewScheme ? `${this.viewScheme}:${new URL(fileUri).pathname}?${encodeURIComponent(fileUri)}` : fileUri;
  }

  /** The listed documents not read (or changed since) that may hold a report a look-up missed. */
  unreadDocuments(): string[] {
    this.list();
    if (this.missed.size === 0) return [];
    const years = new Set([...this.missed].map(yearOfKey));
    // Not read yet; a change on disk drops an entry (invalidate), and a look-up finds a stale one stale.
    return this.listedDocuments.filter((p) => !this.documents.has(p) && mayBeOfYear(basename(p), years));
  }

  /**
   * Reads the documents that may hold a missed report (at most SCAN_LIMITS.documentReads, one at a time,
   * a turn of the event loop between them); `found` when one of them holds a report a look-up missed: the
   * reports that missed should be checked again.
   */
  async readDocuments(): Promise<{ read: number; found: boolean }> {
    let found = false;
    let read = 0;
    for (const path of this.unreadDocuments().slice(0, SCAN_LIMITS.documentReads)) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const e = await readDocumentEntry(path, this.reader);
      if (!e) continue;
      read++;
      this.documents.set(path, e);
      for (const k of e.keys) if (this.missed.delete(k)) found = true;
    }
    return { read, found };
  }

  /** Whether the document has not changed since it was read; a changed one is dropped, to be read again. */
  private fresh(path: string, e: DocumentEntry): boolean {
    if (unchanged(e, statOf(path))) return true;
    this.documents.delete(path);
    return false;
  }

  /** The report files (paths) under the workspace folders, within the scan's caps; `oversize` counts those left out for their size. */
  reportFiles(): { paths: readonly string[]; oversize: number } {
    const paths = this.list();
    return { paths, oversize: this.oversize };
  }

  /** The report files under the folders, bounded. */
  private list(): string[] {
    if (this.listed) return this.listed;
    const out: string[] = [];
    const documents: string[] = [];
    this.notes = [];
    this.oversize = 0;
    const walk = (dir: string, depth: number) => {
      if (out.length >= SCAN_LIMITS.files || depth > SCAN_LIMITS.depth) return;
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch {
        return;
      }
      for (const name of names) {
        if (out.length >= SCAN_LIMITS.files) {
          this.notes.push(`more than ${SCAN_LIMITS.files} report files under the workspace folders: the rest is not searched for last year's report`);
          return;
        }
        const path = join(dir, name);
        const st = statOf(path);
        if (!st) continue;
        if (st.isDirectory()) {
          if (!SKIP_DIR.test(name)) walk(path, depth + 1);
        } else if (REPORT_FILE.test(name)) {
          if (st.size > SCAN_LIMITS.bytes) {
            this.oversize++;
            this.notes.push(`${path}: larger than ${SCAN_LIMITS.bytes} bytes, not read`);
          }
          else out.push(path);
        } else if (isDocument(name) && documents.length < SCAN_LIMITS.documents && st.size <= SCAN_LIMITS.documentBytes) documents.push(path);
      }
    };
    for (const f of this.folders) walk(f, 0);
    this.listed = out;
    this.listedDocuments = documents;
    return out;
  }

  private entry(path: string): FileEntry | null {
    const st = statOf(path);
    if (!st) {
      this.files.delete(path);
      return null;
    }
    const hit = this.files.get(path);
    if (hit && unchanged(hit, st)) return hit;
    // Sections and titles only (no tables): enough for the agencies and the years.
    const e: FileEntry = { mtimeMs: st.mtimeMs, size: st.size, keys: new Set(this.read(path, true)?.byKey.keys()) };
    this.files.set(path, e);
    return e;
  }

  private read(path: string, titleOnly: boolean): PairableReports | undefined {
    try {
      return pairableReports(decodeReport(readFileSync(path)).text, { titlesOnly: titleOnly });
    } catch {
      return undefined;
    }
  }
}

/**
 * A document read for its reports' keys (titles only: reading it is the cost; the models are made when it
 * pairs). One the readers cannot read holds no key (and is not read again until it changes); null when it is gone.
 */
async function readDocumentEntry(path: string, read: DocumentReader): Promise<DocumentEntry | null> {
  let st;
  let bytes;
  try {
    st = statSync(path);
    bytes = new Uint8Array(readFileSync(path));
  } catch {
    return null;
  }
  const entry = { mtimeMs: st.mtimeMs, size: st.size };
  try {
    const reading = await read(bytes, path);
    return { ...entry, keys: new Set(reading.text ? pairableReports(reading.text, { titlesOnly: true }).byKey.keys() : []), read: reading };
  } catch {
    // The readers do not throw by contract; a bug in one (or its thread stopped: out of memory, past its
    // deadline) is a document without reports here, not read again until it changes.
    return { ...entry, keys: new Set(), read: { kind: 'text', text: '', spans: [], problems: [] } };
  }
}

/** Next year's report from this one, named after the file (its year moved on) or after the agency. */
export function nextYearResult(uri: string, text: string, report: Report, locale: 'zh-cn' | 'en'): NextYearReportResult | null {
  if (report.year === null) return null;
  const year = report.year;
  const file = decoded(uri.slice(uri.lastIndexOf('/') + 1));
  const named = file.includes(String(year)) ? file.split(String(year)).join(String(year + 1)) : null;
  const agency = agencyOf(report);
  const suggestedName = named ?? `${agency ?? ''}${year + 1}年政府信息公开工作年度报告.txt`;
  return { text: nextYearReport(text, locale), suggestedName };
}

function decoded(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
