// A file that holds many reports (a county's 汇编 of its departments, a reviewer's concatenation) read
// as a sequence of reports, each analysed on its own and its findings put back in file coordinates.
//
// Where a report starts:
//   - at its title ("XX局2023年政府信息公开工作年度报告", possibly wrapped onto two lines), when the
//     report before it already has a section heading and the title is followed by a section 一 heading
//     before any other section heading; the department's name on the line (or lines, blank ones
//     between) just above the title goes with the title;
//   - without a title, at a section 一 heading, when the report before it has reached section 四 or
//     later and the next section heading after it is 二, 三 or 四 (a report going on, not a stray 一).
// Every report owns the blank lines, page breaks and signature that follow it, so the spans cover the
// file and a single report is analysed exactly as analyze() analyses it.
import { type Analysis, type AnalyzeOptions, type Finding, analyze, withUnread, withinLineLimit } from './analyze.js';
import { reportKey } from './agency.js';
import { type Prepared, type Report, buildReport } from './model.js';
import { shiftRange, shiftReport } from './shift.js';
import { type HeadingMatch, sectionHeadings } from './sections.js';
import { type Line, MAX_LINES, flatCopy, foldLabel, lineBreaks, readReportLines, reportLines, trimWs, utf8Length } from './text.js';

export interface ReportSpan {
  /** First line of the report in the file. */
  fromLine: number;
  /** The line after the report's last line (exclusive). */
  toLine: number;
}

export interface DocumentReport {
  span: ReportSpan;
  /** The report's title as written (wrapped titles joined), or null when it has none. */
  title: string | null;
  /** The report's own analysis, in the report's coordinates (line 0 = span.fromLine). */
  analysis: Analysis;
  /** The report's text: the file's lines span.fromLine to span.toLine (the whole text for a single report). */
  text: string;
}

export interface DocumentAnalysis {
  reports: DocumentReport[];
  /** Every report's findings in file coordinates, sorted by position. */
  findings: Finding[];
}

// How far below its title a report's section 一 may stand (department name, preamble paragraph).
const TITLE_REACH = 40;
// A file of many reports is checked report by report up to this many times the per-report size limit.
const WHOLE_FILE_CAP = 10;
const SENTENCE_MARK = /[。；;！？!?]/;
const DATE_LINE = /^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$/;
// The end of a department or government name (司法局, 人民政府, 办公室, 街道办事处, 委员会…).
const ORG_NAME = /(?:局|委|办|院|府|厅|会|所|室|处|站|中心|公司|街道|镇|乡|区|县|市|省|部|署|馆|队)$/;

/** A line that reads as a report title (or the first half of one wrapped onto the next line). */
function titleAt(lines: readonly Line[], i: number): { text: string; lastLine: number } | null {
  const one = lines[i].text;
  if (one.length === 0 || one.length > 80) return null;
  // Cheap test first: a title ends in 报告, on this line or the next.
  if (!one.includes('告') && !(i + 1 < lines.length && lines[i + 1].text.includes('告'))) return null;
  if (SENTENCE_MARK.test(one)) return null;
  if (isTitleText(foldLabel(one))) return { text: trimWs(one.replace(/^\s*#{1,6}\s*/, '')), lastLine: i };
  // Wrapped: "硚口区司法局2024年政府" / "信息公开工作年度报告", or the department's name on its own line.
  const next = i + 1 < lines.length ? lines[i + 1].text : '';
  if (next.length === 0 || one.length > 40 || one.length + next.length > 80 || SENTENCE_MARK.test(next) || DATE_LINE.test(one)) return null;
  if (isBlankLine(one) || /[，,：:|｜\t]/.test(one)) return null;
  const joined = foldLabel(one + next);
  // A whole title on the next line is a title by itself: the line above it is checked as its name.
  if (!isTitleText(joined) || isTitleText(foldLabel(next))) return null;
  return { text: trimWs(one.replace(/^\s*#{1,6}\s*/, '')) + trimWs(next), lastLine: i + 1 };
}

function isTitleText(folded: string): boolean {
  const at = folded.indexOf('年度报告');
  return at >= 0 && folded.includes('信息公开') && at + 4 >= folded.length - 2;
}

function isBlankLine(text: string): boolean {
  return trimWs(text) === '';
}

/** The department's name standing above a title, separated from it by blank lines at most. */
function nameAbove(lines: readonly Line[], titleLine: number, floor: number): number {
  let j = titleLine - 1;
  while (j > floor && isBlankLine(lines[j].text)) j--;
  if (j <= floor) return titleLine;
  const t = trimWs(lines[j].text);
  if (t.length === 0 || t.length > 30 || SENTENCE_MARK.test(t) || /[，,：:、|｜\t]/.test(t) || DATE_LINE.test(t)) return titleLine;
  if (!ORG_NAME.test(t)) return titleLine;
  // A signature (name, then a date) closes the report before; a name right after a date does not open one.
  return j;
}

// The sentence a report without a title may open with: "依据《中华人民共和国政府信息公开条例》…编制本报告。"
const PREAMBLE_START = /^\s*(?:根据|依据|按照|遵照|本报告|本年度报告)/;
const PREAMBLE_LAW = /政府信息公开条例|《条例》/;

/** The first line of the opening paragraph above a report's section 一, or the heading's line if none. */
function preambleAbove(lines: readonly Line[], heading: number, floor: number): number {
  let j = heading - 1;
  while (j > floor && isBlankLine(lines[j].text)) j--;
  // The paragraph's lines, nearest first, at most a few (a wrapped PDF paragraph).
  for (let k = j, joined = ''; k > floor && k > j - 6 && !isBlankLine(lines[k].text); k--) {
    joined = lines[k].text + joined;
    if (PREAMBLE_START.test(lines[k].text) && PREAMBLE_LAW.test(joined) && /报告/.test(joined)) return k;
  }
  return heading;
}

/** The title with the department's name in front when the name stands on a line of its own. */
function withName(lines: readonly Line[], nameLine: number, titleLine: number, title: string): string {
  return nameLine < titleLine ? trimWs(lines[nameLine].text) + title : title;
}

interface Mark {
  line: number;
  section: number;
}

/** The report spans of a file: line ranges that partition it, in order. */
export function reportSpans(lines: readonly Line[], headings: readonly HeadingMatch[] = sectionHeadings(lines)): { span: ReportSpan; title: string | null }[] {
  // Section headings, with the section number their title names.
  const marks: Mark[] = headings.map((m) => ({ line: m.heading.line, section: m.def.number }));
  const starts: { line: number; title: string | null }[] = [{ line: 0, title: null }];
  let maxSection = 0;
  let seen = 0;
  let lastHeading = -1;
  let k = 0;
  // Title of the first report, if it has one before its first heading.
  for (let i = 0; i < Math.min(lines.length, marks[0]?.line ?? TITLE_REACH, TITLE_REACH); i++) {
    const t = titleAt(lines, i);
    if (t) {
      starts[0].title = withName(lines, nameAbove(lines, i, -1), i, t.text);
      break;
    }
  }
  for (let i = 0; i < lines.length; i++) {
    if (k < marks.length && marks[k].line === i) {
      const mark = marks[k];
      const next = marks[k + 1];
      if (seen > 0 && mark.section === 1 && maxSection >= 4 && next && next.section >= 2 && next.section <= 4) {
        starts.push({ line: preambleAbove(lines, mark.line, lastHeading), title: null });
        maxSection = 0;
        seen = 0;
      }
      maxSection = Math.max(maxSection, mark.section);
      seen++;
      lastHeading = i;
      k++;
      continue;
    }
    if (seen === 0) continue;
    const t = titleAt(lines, i);
    if (!t) continue;
    // The title must be followed by this report's section 一, before any other heading.
    const following = marks[k];
    if (!following || following.section !== 1 || following.line - t.lastLine > TITLE_REACH || following.line <= t.lastLine) continue;
    const from = nameAbove(lines, i, lastHeading);
    starts.push({ line: from, title: withName(lines, from, i, t.text) });
    maxSection = 0;
    seen = 0;
    i = t.lastLine;
  }
  return starts.map((s, n) => ({
    span: { fromLine: s.line, toLine: n + 1 < starts.length ? starts[n + 1].line : lines.length },
    title: s.title,
  }));
}

export function shiftFinding(f: Finding, by: number): Finding {
  if (by === 0) return f;
  const out: Finding = {
    ...f,
    range: shiftRange(f.range, by),
    // A location in another file (last year's report) is not this file's: it keeps its lines.
    related: f.related.map((r) => (r.uri !== undefined ? r : { ...r, range: shiftRange(r.range, by) })),
  };
  if (f.fix) out.fix = { ...f.fix, edits: f.fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, by) })) };
  return out;
}

/**
 * Analyses every report of a file on its own. A file holding one report gives exactly what
 * analyze() gives; each report of a many-report file gives what it gives alone, lines shifted. `engine`
 * replaces analyze() for one report (tests make it fail). `reuse` gives the analysis of a report's text
 * already analysed (with the same options): an editor re-analyses only the reports an edit touched, since a
 * report's analysis depends on its text alone, not on where it stands in the file.
 */
export function analyzeDocument(
  text: string,
  options: AnalyzeOptions = {},
  engine: typeof analyze = analyze,
  reuse?: (reportText: string) => Analysis | undefined,
): DocumentAnalysis {
  const reports: DocumentReport[] = [];
  const findings: Finding[] = [];
  forEachReport(
    text,
    (r, inFile) => {
      reports.push(r);
      for (const f of inFile) findings.push(f);
    },
    options,
    engine,
    reuse,
  );
  // Already in order: reports are in file order and each report's findings are sorted.
  return { reports, findings };
}

/**
 * analyzeDocument one report at a time: `visit` is given each report as it is analysed, with its findings in
 * the file's coordinates, and nothing is kept here. What a caller needs of each report alone (the CLI: its
 * findings, who and which year it is, its CSV row) it takes as the report goes by: the models of a 40 MB 汇编's
 * 5,000 reports, kept to the end, took 380 MB.
 */
export function forEachReport(
  whole: string,
  visit: (report: DocumentReport, findingsInFile: readonly Finding[]) => void,
  options: AnalyzeOptions = {},
  engine: typeof analyze = analyze,
  reuse?: (reportText: string) => Analysis | undefined,
): void {
  // A file of more lines than are read is read to the last of them; its last report says so.
  const { text, unread } = withinLineLimit(whole);
  const read = readReports(text, options.maxTableCheckLength);
  if ('prepared' in read) {
    // The file's lines and headings are the report's: read once.
    const analysis = reuse?.(text) ?? engine(text, { ...withUnread(options, unread), prepared: read.prepared });
    visit({ span: { fromLine: 0, toLine: read.prepared.lines.length }, title: ownCopy(read.title), analysis, text }, analysis.findings);
    return;
  }
  read.pieces.forEach(({ span, title, from, to, headingLines }, k) => {
    const slice = text.slice(from, to);
    let analysis = reuse?.(slice);
    // A fresh copy: a slice (and every line sliced from it) would keep the whole file's text alive, and an
    // editor that keeps a report's analysis across versions would keep every old version with it.
    // A reused analysis brings its own copy of the text (the one it was made from).
    const own = analysis ? analysis.report.text : flatCopy(slice);
    if (!analysis) {
      const ownLines = readReportLines(own);
      const mine = k === read.pieces.length - 1 ? withUnread(options, unread) : options;
      analysis = engine(own, { ...mine, prepared: { ...ownLines, headings: sectionHeadings(ownLines.lines, headingLines) } });
    }
    visit({ span, title: ownCopy(title), analysis, text: own }, span.fromLine === 0 ? analysis.findings : analysis.findings.map((f) => shiftFinding(f, span.fromLine)));
  });
}

/** A report of a file of several: its span, title, its text's offsets in the file, and which of its lines read as section headings. */
interface Piece {
  span: ReportSpan;
  title: string | null;
  from: number;
  to: number;
  /** In the report's numbering: a line reads as a heading by its text alone, so only these are matched again. */
  headingLines: number[];
}

/**
 * Where a file's reports are. One report: its lines and headings, which are the report's. Several: each one's
 * place, and not the file's lines and headings, so that they are not kept while the reports are analysed
 * (a 40 MB 汇编's 1.2 million lines and 32,000 headings: 105 MB).
 */
function readReports(text: string, cap: number | undefined): { prepared: Prepared; title: string | null } | { pieces: Piece[] } {
  const { lines, lookalikes } = readReportLines(text);
  const headings = sectionHeadings(lines);
  const spans = reportSpans(lines, headings);
  // A file far above the size the checks are meant for is read as one report (sections only, said once):
  // the limit applies to each report, and to the whole file only as this absolute cap.
  if (spans.length === 1 || (cap !== undefined && text.length * 3 > WHOLE_FILE_CAP * cap && utf8Length(text) > WHOLE_FILE_CAP * cap)) {
    return { prepared: { lines, headings, lookalikes }, title: spans[0].title };
  }
  let h = 0;
  return {
    pieces: spans.map(({ span, title }) => {
      const headingLines: number[] = [];
      for (; h < headings.length && headings[h].heading.line < span.toLine; h++) headingLines.push(headings[h].heading.line - span.fromLine);
      // Spans start at line boundaries: the report's text runs to the start of the next report.
      const from = lines[span.fromLine].offset;
      const to = span.toLine < lines.length ? lines[span.toLine].offset : text.length;
      // The title is sliced from the file: copied when the report is visited.
      return { span, title, from, to, headingLines };
    }),
  };
}

/**
 * A title kept with a report that outlives this version of the text: sliced from the file, it would keep
 * the whole file alive (an editor keeps reports across edits).
 */
function ownCopy(title: string | null): string | null {
  return title === null ? null : flatCopy(title);
}


/**
 * One report's analysis in the file's coordinates: findings and model shifted to the report's first line,
 * and the model's text and lines the file's (`lines` = reportLines(fileText)), so that a position in it is a
 * position in the file. A single report's analysis is returned as it is.
 */
export function inDocument(r: DocumentReport, fileText: string, lines: readonly Line[]): Analysis {
  if (r.span.fromLine === 0 && r.text === fileText) return r.analysis;
  const by = r.span.fromLine;
  const report: Report = shiftReport(r.analysis.report, by, { text: fileText, lines: lines as Line[], fromLine: r.span.fromLine, toLine: r.span.toLine });
  return { report, findings: r.analysis.findings.map((f) => shiftFinding(f, by)) };
}

/** Each report's analysis in the file's coordinates (inDocument) by its index, the file split into lines once, when first asked. */
export function inFile(reports: readonly DocumentReport[], text: string): (k: number) => Analysis {
  let lines: readonly Line[] | undefined;
  // The lines read: a file cut at MAX_LINES (analyzeDocument) is split only that far.
  return (k) => inDocument(reports[k], text, (lines ??= reports.length === 1 ? reports[0].analysis.report.lines : reportLines(withinLineLimit(text).text)));
}

/**
 * The analysis of `text`, an edit of `before` whose analysis is `prev`: the reports the edit touched are read
 * again (with a report on either side, so that where a report starts is decided as a full reading decides
 * it), every other report keeps its span (shifted by the lines the edit added) and its analysis. What a
 * full analyzeDocument(text) gives, at the cost of the touched reports (tests compare the two on random
 * edits); a file of few reports is simply read again, reusing the analyses of unchanged reports.
 */
export function updateDocument(before: string, prev: DocumentAnalysis, text: string, options: AnalyzeOptions = {}, engine: typeof analyze = analyze): DocumentAnalysis {
  const old = prev.reports;
  const reuseOld = () => {
    const byText = new Map(old.map((r) => [r.text, r.analysis]));
    return analyzeDocument(text, options, engine, (t) => byText.get(t));
  };
  const REACH = 2;
  if (old.length < 2 * REACH + 3) return reuseOld();
  // The changed stretch: before[p, before.length - q) became text[p, text.length - q).
  const max = Math.min(before.length, text.length);
  // Compared a block at a time first (string equality is a native memory compare), then unit by unit.
  const BLOCK = 4096;
  let p = 0;
  while (p + BLOCK <= max && before.slice(p, p + BLOCK) === text.slice(p, p + BLOCK)) p += BLOCK;
  while (p < max && before.charCodeAt(p) === text.charCodeAt(p)) p++;
  if (p === before.length && p === text.length) return prev;
  let q = 0;
  const bl = before.length;
  const tl = text.length;
  while (q + BLOCK <= max - p && before.slice(bl - q - BLOCK, bl - q) === text.slice(tl - q - BLOCK, tl - q)) q += BLOCK;
  while (q < max - p && before.charCodeAt(bl - 1 - q) === text.charCodeAt(tl - 1 - q)) q++;
  // Offsets of the old reports (they partition the old text).
  const starts: number[] = [];
  let at = 0;
  for (const r of old) {
    starts.push(at);
    at += r.text.length;
  }
  if (at !== before.length) return reuseOld();
  const reportOf = (offset: number) => {
    let lo = 0;
    let hi = old.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const a = Math.max(0, reportOf(p) - REACH);
  const b = Math.min(old.length - 1, reportOf(Math.max(p, before.length - q - 1)) + REACH);
  // A whole-file cap: read it all (rare, and exact). A window at the file's start or end is read as the
  // whole file reads it there (the file's first title, its last line).
  const cap = options.maxTableCheckLength;
  if (cap !== undefined && text.length * 3 > WHOLE_FILE_CAP * cap) return reuseOld();
  const from = starts[a];
  const oldTo = starts[b] + old[b].text.length;
  const to = oldTo + (text.length - before.length);
  const lineDelta = lineBreaks(text, from, to) - lineBreaks(before, from, oldTo);
  // An edit that takes the file past the lines that are read: read as a whole, which cuts it and says so.
  if (old[old.length - 1].span.toLine + lineDelta > MAX_LINES) return reuseOld();
  const byText = new Map(old.slice(a, b + 1).map((r) => [r.text, r.analysis]));
  const window = analyzeDocument(text.slice(from, to), options, engine, (t) => byText.get(t));
  const firstLine = old[a].span.fromLine;
  const reports: DocumentReport[] = [];
  const findings: Finding[] = [];
  const push = (r: DocumentReport) => {
    reports.push(r);
    for (const f of r.analysis.findings) findings.push(shiftFinding(f, r.span.fromLine));
  };
  for (let k = 0; k < a; k++) push(old[k]);
  const last = window.reports.length - 1;
  window.reports.forEach((r, k) =>
    push({
      ...r,
      // The window's first report, unchanged, keeps the title the reading of the whole file gave it.
      title: k === 0 && r.text === old[a].text ? old[a].title : r.title,
      // The window's text ends with a line break, so its reading counts one empty line more than the file has
      // there: its last report ends where the report after the window starts.
      span: { fromLine: r.span.fromLine + firstLine, toLine: k === last ? old[b].span.toLine + lineDelta : r.span.toLine + firstLine },
    }),
  );
  for (let k = b + 1; k < old.length; k++) {
    const r = old[k];
    push(lineDelta === 0 ? r : { ...r, span: { fromLine: r.span.fromLine + lineDelta, toLine: r.span.toLine + lineDelta } });
  }
  return { reports, findings };
}

/** A file's reports as last year's reports for the cross-year rules: modelled only, and by pairing key. */
export interface PairableReports {
  /** Each report with its model (no findings: a report's own findings are its own run's). */
  reports: DocumentReport[];
  /** Each report's model in the file's coordinates, by its pairing key (agency.ts reportKey); the first report of a key wins. */
  byKey: Map<string, Report>;
}

/**
 * The reports of a file that may be last year's for another (the CLI's and the editor's pairing): a 汇编 of
 * last year pairs report by report, and a related location in it names its line in the file. `titlesOnly`
 * reads each report's sections and title, not its tables (enough for the keys).
 */
export function pairableReports(text: string, options: { maxTableCheckLength?: number; titlesOnly?: boolean } = {}): PairableReports {
  const modelOnly = (t: string, o: AnalyzeOptions = {}): Analysis => ({
    report: buildReport(t, { maxTableCheckLength: options.titlesOnly ? 0 : o.maxTableCheckLength, prepared: o.prepared }),
    findings: [],
  });
  const { reports } = analyzeDocument(text, { maxTableCheckLength: options.maxTableCheckLength }, modelOnly);
  const at = inFile(reports, text);
  const byKey = new Map<string, Report>();
  reports.forEach((r, i) => {
    const k = reportKey(r.analysis.report);
    if (k !== null && !byKey.has(k)) byKey.set(k, at(i).report);
  });
  return { reports, byKey };
}
