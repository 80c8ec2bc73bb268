// One file, as the CLI checks it: read (readers/: .docx, .pdf, .html, text), fix in place when asked
// (--fix, text files only), read as a sequence of reports (core/document.ts), each finding placed in the
// original document (place.ts). Never throws: every way it can fail is an outcome, with its words in the
// run's language (outcomes cross from worker threads, so they carry strings, not functions).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { type Analysis, type AnalyzeOptions, MAX_REPORT_BYTES, analyze } from '../core/analyze.js';
import type { Finding } from '../core/analyze.js';
import { agencyOf } from '../core/agency.js';
import { decodeReport } from '../core/decode.js';
import { type DocumentReport, analyzeDocument, forEachReport } from '../core/document.js';
import { csvRow } from '../outputs/csv.js';
import { type ReviewEntry, reviewEntry } from '../outputs/review.js';
import { fixAllReports } from '../core/fix.js';
import type { Locale } from '../core/rules.js';
import { type ReadResult, readDocument, readFlattenedText, readKind } from '../readers/index.js';
import type { SourceLocation } from '../readers/types.js';
import { type FileResult, type Tally, jsonOf, tallyOf, textOf } from './output.js';
import { lastYearsOf } from './last-year.js';
import { placeIn } from '../outputs/place.js';

/** Where a finding is in the original document: the reader's location and its name in words. */
export type Source = SourceLocation & { place: string };

/** A document that is not text: its kind, and per finding its place in the original (null where it has none). */
export interface DocumentPlaces {
  /** 'text': a text file read by the flattened-text reader (its ranges are in that rendering). */
  kind: ReadResult['kind'];
  sources: (Source | null)[];
}

/** What a file looks like in the run's output, rendered where the analysis is. */
export interface Rendered {
  /** The file's lines of the text output (output.ts textOf). */
  text?: string;
  /** The file's object of the JSON output (output.ts jsonOf). */
  json?: string;
  /** One CSV line per report (outputs/csv.ts csvRow). */
  csv?: string[];
  /** One review-page entry per report (outputs/review.ts reviewEntry). */
  html?: ReviewEntry[];
}

/** Who and which year a report of the file is from (the CLI pairs this year's report with last year's by it). */
export interface ReportSummary {
  agency: string;
  year: number;
}

export type Outcome =
  /**
   * notes: what the run must say about the file besides its findings (a fix refused), each making exit 2.
   * reports: the agency and year of each of its reports that names both. document: where each finding is
   * in the original, when a document reader read the file. When the file's output is rendered (options.render),
   * only that and the findings' tally cross from the checking thread: findings is then empty (and document absent).
   */
  | { path: string; findings: Finding[]; tally?: Tally; notes?: string[]; reports?: ReportSummary[]; rendered?: Rendered; document?: DocumentPlaces }
  /** unreadable: the file could not be read (a problem of the input); otherwise checking it failed. */
  | { path: string; failure: string; unreadable: boolean };

export interface FileOptions {
  locale: Locale;
  /** Apply every certain fix and write the file back before reporting what is left. */
  fix?: boolean;
  /** The engine for one report; replaceable so that a test can make one file's analysis fail. */
  analyze?: (text: string, options?: AnalyzeOptions) => Analysis;
  /** Render the file for this output (the findings and analysis stay in the checking thread, only their tally comes back). */
  render?: RenderFormat;
  /**
   * Last year's files for the cross-year rules: per path, the file that holds last year's report of each of
   * its reports, by that report's pairing key (core/agency.ts reportKey(report, -1); pairs.ts).
   */
  previousOf?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The outputs a checking thread renders a file for (SARIF numbers the files of the run: it is made at the end). */
export type RenderFormat = 'text' | 'json' | 'csv' | 'html';

/**
 * What the run keeps of a file as its reports go by, one at a time (core/document.ts forEachReport): their
 * findings, who and which year each is from, and what the output renders of each report alone (a CSV row,
 * a review-page entry), never their models, so that a file's memory is one report's, not its 汇编's.
 */
class ReportsTaken {
  private readonly findings: Finding[] = [];
  private readonly reports: ReportSummary[] = [];
  private readonly csv: string[] = [];
  private readonly html: ReviewEntry[] = [];
  // A review entry's anchor names its report's number only in a file of several: the first report waits for the second.
  private waiting: DocumentReport | null = null;
  private count = 0;

  constructor(
    private readonly path: string,
    private readonly options: FileOptions,
  ) {}

  readonly add = (r: DocumentReport, findingsInFile: readonly Finding[]): void => {
    for (const f of findingsInFile) this.findings.push(f);
    const agency = agencyOf(r.analysis.report);
    if (agency !== null && r.analysis.report.year !== null) this.reports.push({ agency, year: r.analysis.report.year });
    const how = this.options.render;
    if (how === 'csv') this.csv.push(csvRow({ path: this.path, analysis: r.analysis }));
    if (how === 'html') {
      if (this.count === 0) this.waiting = r;
      else {
        if (this.waiting) this.html.push(this.entry(this.waiting, 0, true));
        this.waiting = null;
        this.html.push(this.entry(r, this.count, true));
      }
    }
    this.count++;
  };

  // An anchor unique on the page whatever the order files arrive in: from the path (once a file) and the report's place.
  private anchor: string | undefined = undefined;

  private entry(r: DocumentReport, k: number, numbered: boolean): ReviewEntry {
    const id = (this.anchor ??= `report-${createHash('sha1').update(this.path).digest('hex').slice(0, 10)}`);
    return reviewEntry({ path: this.path, analysis: r.analysis }, numbered ? `${id}-${k + 1}` : id, this.options.locale, r.span.fromLine);
  }

  /**
   * The file's outcome: `placed` names last year's related locations by their place (cross-year rules; a
   * finding for a finding, in order); `document`, where each finding is in the original.
   */
  outcome(notes: string[], placed: (f: Finding[]) => Finding[], document?: DocumentPlaces): Outcome {
    if (this.waiting) this.html.push(this.entry(this.waiting, 0, false));
    const findings = placed(this.findings);
    const at = document ? { document } : {};
    const extra = notes.length ? { notes } : {};
    const how = this.options.render;
    if (!how) return { path: this.path, findings, ...extra, reports: this.reports, ...at };
    return { path: this.path, findings: [], tally: tallyOf(findings), ...extra, reports: this.reports, rendered: this.rendered(how, { path: this.path, findings, ...at }) };
  }

  private rendered(how: RenderFormat, file: FileResult): Rendered {
    if (how === 'text') return { text: textOf(file) };
    if (how === 'json') return { json: jsonOf(file) };
    return how === 'csv' ? { csv: this.csv } : { html: this.html };
  }
}

/** A file-system error in words, not an errno code; `writing` for the output file. */
export function fsProblem(path: string, e: unknown, l: Locale, writing = false): string {
  const code = (e as NodeJS.ErrnoException).code;
  const en = l === 'en';
  if (code === 'ENOENT') return en ? `${path}: does not exist` : `${path}：文件或目录不存在`;
  if (code === 'EACCES' || code === 'EPERM') return en ? `${path}: permission denied` : `${path}：没有读写权限`;
  if (code === 'EISDIR') return en ? `${path}: is a directory` : `${path}：是目录`;
  const detail = (e as Error)?.message ?? String(e);
  if (writing) return en ? `${path}: cannot write (${detail})` : `${path}：无法写入（${detail}）`;
  return en ? `${path}: cannot read (${detail})` : `${path}：无法读取（${detail}）`;
}

/**
 * --fix writes UTF-8 only: Node has no GB18030 or UTF-16 encoder that would give back the file's own
 * bytes, and a damaged UTF-8 file would lose its damaged bytes for replacement characters.
 */
function fixRefusal(path: string, encoding: string, invalid: number, l: Locale): string | null {
  if (encoding !== 'utf-8') {
    return l === 'en'
      ? `${path}: not fixed: the file is ${encoding.toUpperCase()}, --fix writes UTF-8 files only (save it as UTF-8 first)`
      : `${path}：未修复：文件编码为 ${encoding.toUpperCase()}，--fix 只改写 UTF-8 文件（请先另存为 UTF-8）`;
  }
  if (invalid > 0) return l === 'en' ? `${path}: not fixed: the file holds invalid UTF-8 bytes` : `${path}：未修复：文件含有无效的 UTF-8 字节`;
  return null;
}

const EMPTY = new Uint8Array(0);

export async function checkOne(path: string, options: FileOptions): Promise<Outcome> {
  const l = options.locale;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { path, failure: fsProblem(path, e, l), unreadable: true };
  }
  // One file's failure never costs another file its result: it is reported as not checked.
  try {
    const engine = options.analyze ?? analyze;
    const notes: string[] = [];
    // As in the editor: a report above the size the checks are meant for has its sections checked and says
    // so (too-large), which also bounds the memory a genuine 50 MB report takes.
    const lastYears = await lastYearsOf(options.previousOf?.[path], l);
    const base: AnalyzeOptions = { locale: l, maxTableCheckLength: MAX_REPORT_BYTES, ...(lastYears ? { previousFor: lastYears.previousFor } : {}) };
    // Each report with last year's report of its agency, and related locations there named by place.
    const placed = (findings: Finding[]) => (lastYears ? lastYears.placed(findings) : findings);
    const result = new ReportsTaken(path, options);
    const kind = readKind(path, bytes);
    if (kind !== 'text') {
      if (options.fix) notes.push(l === 'en' ? `${path}: not fixed: --fix writes text reports only (run ogi-report extract to get one)` : `${path}：未修复：--fix 只改写文本报告（可用 ogi-report extract 得到文本）`);
      const read = await readDocument(bytes, path);
      // Where each finding is in the original, found in its own report as the report goes by (the cell it names).
      const sources: (Source | null)[] = [];
      const take = (r: DocumentReport, findings: readonly Finding[]) => {
        for (const f of findings) sources.push(placeOf(read, r, f, l));
        result.add(r, findings);
      };
      forEachReport(read.text, take, { ...base, readProblems: read.problems }, engine);
      return result.outcome(notes, placed, { kind: read.kind as DocumentPlaces['kind'], sources });
    }
    const decoded = decodeReport(bytes);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\ufeff' : '';
    // The file's bytes are not needed past here: not kept alive through the analysis (a 50 MB report's).
    bytes = EMPTY;
    let text = decoded.text;
    // Text whose cell separators were lost (a web page saved as text) is read by the flattened reader.
    const flat = options.fix ? null : readFlattenedText(text);
    if (options.fix) {
      const refusal = fixRefusal(path, decoded.encoding, decoded.invalidSequences ?? 0, l);
      if (refusal) notes.push(refusal);
      else {
        // Report by report, as the editor's fix-all: a file of several read as one is not any of them.
        const opts = { locale: l, maxTableCheckLength: MAX_REPORT_BYTES };
        const fixed = fixAllReports(text, analyzeDocument(text, opts, engine), opts, engine);
        if (fixed.text !== text) {
          writeFileSync(path, bom + fixed.text, 'utf8');
          text = fixed.text;
        }
      }
    }
    const decoding = { encoding: decoded.encoding, invalidSequences: decoded.invalidSequences ?? 0 };
    if (flat) {
      // Its positions are the rendering's (what extract prints), not the file's one long line: said so.
      const sources: Source[] = [];
      const take = (r: DocumentReport, findings: readonly Finding[]) => {
        for (const f of findings) sources.push({ kind: 'text', place: renderingPlace(f, l) });
        result.add(r, findings);
      };
      forEachReport(flat.text, take, { ...base, decoding, readProblems: flat.problems }, engine);
      return result.outcome(notes, placed, { kind: 'text', sources });
    }
    forEachReport(text, result.add, { ...base, decoding }, engine);
    return result.outcome(notes, placed);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { path, failure: l === 'en' ? `${path}: not checked: the checker failed (${detail})` : `${path}：未检查，检查程序出错（${detail}）`, unreadable: false };
  }
}

function renderingPlace(f: Finding, l: Locale): string {
  const { line, character } = f.range.start;
  return l === 'en' ? `rendering ${line + 1}:${character + 1}` : `文本形式第${line + 1}行第${character + 1}列`;
}

/** The finding's place in the original: the reader's location at its start, named with the statutory cell of its report. */
function placeOf(read: ReadResult, report: DocumentReport, f: Finding, l: Locale): Source | null {
  const { loc, place } = placeIn(read, [report], f.range, l);
  return place ? ({ ...(loc ?? { kind: 'text' }), place } as Source) : null;
}
