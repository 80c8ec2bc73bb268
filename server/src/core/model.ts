// The report model: text → lines, year, sections with their sub-headings, the statutory tables and the
// equations on their cells. Pure; the checks read it, nothing here reports a finding.
import { type PhysicalRow, physicalRows } from './cells.js';
import { tableDoubt } from './confidence.js';
import { CURRENT_FORMAT, formatForYear } from './format/formats.js';
import { type Equation, tableEquations } from './identities.js';
import type { RuleId } from './checks/index.js';
import { type Heading, type HeadingMatch, type Section, findSections, matchSubheading } from './sections.js';
import { type Table, openerRows, readBestTable } from './tables.js';
import { type Line, firstNonSpace, readReportLines, utf8Length } from './text.js';

export interface Report {
  /** The document text the model was built from. */
  text: string;
  lines: Line[];
  /** The report year from the title or the statistics period, if stated. */
  year: number | null;
  sections: Section[];
  /** Every table found, in document order; the first of each kind is the statutory one. */
  tables: Table[];
  /** The identities of every table, table by table in document order. */
  equations: Equation[];
  /** Set when the document was too large for the table checks. */
  truncated: boolean;
  /** The text holds lookalike ideographs (⼀ for 一), which its lines read as the ideographs. */
  lookalikes: boolean;
  /** False for prose, a list, anything without a statutory section or table. */
  isReport: boolean;
  /**
   * The report's lines within `lines`: all of them for a report analysed alone; in a file of many reports
   * seen in the file's coordinates (document.ts inDocument), the lines of this report.
   */
  fromLine: number;
  toLine: number;
}

/** The text read as far as a file's reader reads it before knowing it holds one report. */
export interface Prepared {
  lines: readonly Line[];
  headings: readonly HeadingMatch[];
  lookalikes: boolean;
}

export interface ModelOptions {
  /** Above this many bytes of UTF-8 only the section structure is read. */
  maxTableCheckLength?: number;
  /** splitLines(text) and sectionHeadings of those lines, when the caller has them. */
  prepared?: Prepared;
  /** Identities of rules that are off are not instantiated (nor searched for a culprit). */
  enabled?: (rule: RuleId) => boolean;
}

export function buildReport(text: string, options: ModelOptions = {}): Report {
  const read = options.prepared ?? readReportLines(text);
  const lines = read.lines as Line[];
  const lookalikes = read.lookalikes;
  const sections = findSections(lines, options.prepared?.headings);
  const year = reportYear(lines, sections);
  const limit = options.maxTableCheckLength ?? Infinity;
  // Bytes, not characters: a setting in bytes means the same for Chinese text as for ASCII. Cheap test first.
  const truncated = text.length * 3 > limit && utf8Length(text) > limit;
  const tables = truncated ? [] : findTables(regions(lines, sections), year);
  // Too large: its sections only. Sub-headings would be read among the tables' rows (（一）本年新收…), unread.
  if (!truncated) attachSubheadings(lines, sections, tables);
  const enabled = options.enabled ?? (() => true);
  for (const t of tables) t.doubt = tableDoubt(t);
  // Doubt is not an error: the identities of a table read with doubt are not evaluated (table-uncertain says so).
  const equations: Equation[] = [];
  for (const t of tables) if (!t.doubt) tableEquations(t, enabled, equations);
  // Too large, its tables unread: a report only if it has a statutory section.
  const isReport = sections.length > 0 || tables.length > 0;
  return { text, lines, year, sections, tables, equations, truncated, lookalikes, isReport, fromLine: 0, toLine: lines.length };
}

const YEAR_IN_TITLE = /((?:19|20)\d{2})\s*年\s*(?:度)?/;
/** Full-width digits as digits (a title typed ２０２３年). */
const asciiDigits = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

function reportYear(lines: readonly Line[], sections: readonly Section[]): number | null {
  const titleEnd = Math.min(sections[0]?.heading.line ?? 12, 12);
  const head = asciiDigits(
    lines
      .slice(0, Math.max(titleEnd, 1))
      .map((l) => l.text)
      .join(''),
  );
  const title = /((?:19|20)\d{2})\s*年\s*(?:度)?[^。]{0,40}?年度报告/.exec(head) ?? /((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/.exec(head) ?? YEAR_IN_TITLE.exec(head);
  if (title) return Number(title[1]);
  // No title: the year the first section speaks of most ("2023年共收到…").
  const body = asciiDigits(lines.slice(0, Math.min(lines.length, (sections[1]?.heading.line ?? 40) + 1)).map((l) => l.text).join('\n'));
  const counts = new Map<number, number>();
  for (const m of body.matchAll(/((?:19|20)\d{2})\s*年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  let best: number | null = null;
  for (const [y, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best) && y > best)) best = y;
  return best;
}

/** The text before the first section and each section's body, as physical rows a table may claim. */
interface Region {
  from: number;
  to: number;
  section: Section | null;
  rows: PhysicalRow[];
  claimed: boolean[];
}

function regions(lines: readonly Line[], sections: readonly Section[]): Region[] {
  const spans: [number, number, Section | null][] = [];
  const firstHeading = sections[0]?.heading.line ?? lines.length;
  if (firstHeading > 0) spans.push([0, firstHeading, null]);
  for (const s of sections) spans.push([s.bodyFrom, s.bodyTo, s]);
  return spans.map(([from, to, section]) => {
    const rows = physicalRows(lines, from, to);
    return { from, to, section, rows, claimed: rows.map(() => false) };
  });
}

function findTables(regs: Region[], year: number | null): Table[] {
  // The format in force for the report's year is read first; the others compete on fit.
  const preferred = year === null ? CURRENT_FORMAT : formatForYear(year);
  const tables: Table[] = [];
  const defs = CURRENT_FORMAT.tables;
  const openers = new Map(regs.map((r) => [r, openerRows(r.rows, defs)]));
  for (const def of defs) {
    // The table's own section first, then everywhere else in document order.
    const ordered = [...regs.filter((r) => r.section?.def.number === def.section), ...regs.filter((r) => r.section?.def.number !== def.section)];
    for (const reg of ordered) {
      const candidates = openers.get(reg)!.get(def)!;
      let k = 0;
      let from = 0;
      while (from < reg.rows.length) {
        // The next opener at or after `from` that no table read before has claimed (claims only grow,
        // and `from` only moves forward, so a candidate passed over never becomes the answer again).
        while (k < candidates.length && (candidates[k] < from || reg.claimed[candidates[k]])) k++;
        if (k === candidates.length) break;
        const start = candidates[k];
        let stop = start + 1;
        while (stop < reg.rows.length && !reg.claimed[stop]) stop++;
        const t = readBestTable(reg.rows, start, stop, def.id, preferred);
        for (let j = t.rowsUsed[0]; j <= t.rowsUsed[1]; j++) reg.claimed[j] = true;
        tables.push(t);
        from = t.rowsUsed[1] + 1;
      }
    }
  }
  return tables.sort((a, b) => a.firstLine - b.firstLine);
}

/** A sub-heading starts with its numbering (（一）), after markdown marks (#, **, __) or bookmarks ([): most lines are refused at their first character. */
function mayBeSubheading(c: number): boolean {
  return c === 0x28 || c === 0xff08 || c === 0x23 || c === 0x2a || c === 0x5f || c === BRACKET;
}
const BRACKET = 0x5b;

function attachSubheadings(lines: readonly Line[], sections: Section[], tables: readonly Table[]): void {
  const inTable = tableLines(tables);
  for (const s of sections) {
    const subs: Heading[] = [];
    for (let i = s.bodyFrom; i < s.bodyTo; i++) {
      const raw = lines[i].text;
      const c = firstNonSpace(raw);
      if (!mayBeSubheading(c) || inTable(i)) continue;
      const text = c === BRACKET ? raw.replace(/^\s*(?:\[bookmark:[^\]]*\]\s*)+/, (m) => ' '.repeat(m.length)) : raw;
      const h = matchSubheading(i, text);
      if (h) subs.push(h);
    }
    s.subheadings = subs;
  }
}

/**
 * Whether a line is within one of the tables (in document order, as the model has them), asked of lines in
 * ascending order: the walk moves with the lines, so a report's lines are tested in one pass over its tables.
 */
export function tableLines(tables: readonly Table[]): (line: number) => boolean {
  let next = 0;
  let coveredTo = -1;
  let asked = -1;
  return (line) => {
    if (line < asked) [next, coveredTo] = [0, -1];
    asked = line;
    for (; next < tables.length && tables[next].firstLine <= line; next++) coveredTo = Math.max(coveredTo, tables[next].lastLine);
    return line <= coveredTo;
  };
}
