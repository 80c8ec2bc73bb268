// The engine's entry point: text → report model → findings. Pure: no I/O, no editor APIs.
import { type PhysicalRow, isFurniture, physicalRows } from './cells.js';
import { CURRENT_FORMAT, FORMATS } from './format/formats.js';
import type { FormatDef, TableDef } from './format/schema.js';
import { type Equation, anchorFixIsSafe, findCulprit, operands, tableEquations, zeroFillIsSafe } from './identities.js';
import * as M from './messages.js';
import { IDENTITY_RULES, type Locale, RULES, type RuleId, type Severity } from './rules.js';
import { type Heading, type Section, findSections, matchSubheading } from './sections.js';
import { type Table, type TableCell, type TableRow, findOpener, readBestTable, sameTable } from './tables.js';
import { type Line, type Range, lineRange, splitLines, trimWs } from './text.js';

export interface TextEdit {
  range: Range;
  newText: string;
}
export interface Fix {
  title: string;
  edits: TextEdit[];
}
export interface Related {
  range: Range;
  message: string;
}
export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  related: Related[];
  fix?: Fix;
}

export interface Report {
  lines: Line[];
  /** The report year from the title or the statistics period, if stated. */
  year: number | null;
  sections: Section[];
  /** Every table found, in document order; the first of each kind is the statutory one. */
  tables: Table[];
  equations: Equation[];
  /** Set when the document was too large for the table checks. */
  truncated: boolean;
}

export interface Analysis {
  report: Report;
  findings: Finding[];
}

export type RuleSetting = Severity | 'off';

export interface AnalyzeOptions {
  locale?: Locale;
  /** Per-rule severity, or 'off'. */
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /** Above this many characters only the section structure is analysed. */
  maxTableCheckLength?: number;
}

const YEAR_IN_TITLE = /((?:19|20)\d{2})\s*年\s*(?:度)?/;

function reportYear(lines: readonly Line[], sections: readonly Section[]): number | null {
  const titleEnd = Math.min(sections[0]?.heading.line ?? 12, 12);
  const head = lines
    .slice(0, Math.max(titleEnd, 1))
    .map((l) => l.text)
    .join('');
  const title = /((?:19|20)\d{2})\s*年\s*(?:度)?[^。]{0,40}?年度报告/.exec(head) ?? /((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/.exec(head) ?? YEAR_IN_TITLE.exec(head);
  if (title) return Number(title[1]);
  // No title: the year the first section speaks of most ("2023年共收到…").
  const body = lines.slice(0, Math.min(lines.length, (sections[1]?.heading.line ?? 40) + 1)).map((l) => l.text).join('\n');
  const counts = new Map<number, number>();
  for (const m of body.matchAll(/((?:19|20)\d{2})\s*年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  let best: number | null = null;
  for (const [y, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best) && y > best)) best = y;
  return best;
}

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
  const preferred = year !== null && year <= 2020 ? FORMATS.find((f) => f.version === '2019')! : CURRENT_FORMAT;
  const tables: Table[] = [];
  for (const def of CURRENT_FORMAT.tables) {
    // The table's own section first, then everywhere else in document order.
    const ordered = [...regs.filter((r) => r.section?.def.number === def.section), ...regs.filter((r) => r.section?.def.number !== def.section)];
    for (const reg of ordered) {
      let from = 0;
      while (from < reg.rows.length) {
        const start = nextOpener(reg, def, from);
        if (start < 0) break;
        let stop = start + 1;
        while (stop < reg.rows.length && !reg.claimed[stop]) stop++;
        const t = readBestTable(reg.rows, start, stop, def.id, preferred);
        for (let k = t.rowsUsed[0]; k <= t.rowsUsed[1]; k++) reg.claimed[k] = true;
        tables.push(t);
        from = t.rowsUsed[1] + 1;
      }
    }
  }
  return tables.sort((a, b) => a.firstLine - b.firstLine);
}

function nextOpener(reg: Region, def: TableDef, from: number): number {
  let at = from;
  for (;;) {
    const i = findOpener(reg.rows, def, at);
    if (i < 0 || !reg.claimed[i]) return i;
    at = i + 1;
  }
}

function attachSubheadings(lines: readonly Line[], sections: Section[], tables: readonly Table[]): void {
  const tableLine = new Uint8Array(lines.length);
  for (const t of tables) tableLine.fill(1, t.firstLine, t.lastLine + 1);
  const inTable = (line: number) => tableLine[line] === 1;
  for (const s of sections) {
    const subs: Heading[] = [];
    for (let i = s.bodyFrom; i < s.bodyTo; i++) {
      if (inTable(i)) continue;
      const text = lines[i].text.replace(/^\s*(?:\[bookmark:[^\]]*\]\s*)+/, (m) => ' '.repeat(m.length));
      const h = matchSubheading(i, text);
      if (h) subs.push(h);
    }
    s.subheadings = subs;
  }
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const locale = options.locale ?? 'zh-cn';
  const lines = splitLines(text);
  const sections = findSections(lines);
  const year = reportYear(lines, sections);
  const truncated = text.length > (options.maxTableCheckLength ?? Infinity);
  const tables = truncated ? [] : findTables(regions(lines, sections), year);
  attachSubheadings(lines, sections, tables);

  const out = new FindingSink(options.rules ?? {});
  const enabled = (r: RuleId) => out.enabled(r);
  const equations: Equation[] = [];
  if (sections.length === 0 && tables.length === 0 && !truncated) {
    // Prose, a list, anything but a report: one note rather than nine missing sections and tables.
    out.add('not-a-report', lineRange(lines, 0), M.T.notAReport(locale));
    return { report: { lines, year, sections, tables, equations, truncated }, findings: out.sorted() };
  }
  if (truncated) out.add('too-large', lineRange(lines, 0), M.T.tooLarge(text.length, options.maxTableCheckLength!, locale));
  checkSections(out, lines, sections, locale);
  if (!truncated) {
    // The identities first: whether "fill 0" is a safe fix for a blank cell depends on them.
    const eqsOf = new Map(tables.map((t) => [t, tableEquations(t, enabled)]));
    checkTables(out, lines, sections, tables, year, locale, eqsOf);
    for (const t of tables) {
      const eqs = eqsOf.get(t)!;
      equations.push(...eqs);
      checkArithmetic(out, t, eqs, locale);
    }
  }
  return { report: { lines, year, sections, tables, equations, truncated }, findings: out.sorted() };
}

class FindingSink {
  readonly findings: Finding[] = [];
  constructor(private readonly settings: Partial<Record<RuleId, RuleSetting>>) {}
  enabled(rule: RuleId): boolean {
    return this.settings[rule] !== 'off';
  }
  add(rule: RuleId, range: Range, message: string, related: Related[] = [], fix?: Fix): void {
    const setting = this.settings[rule];
    if (setting === 'off') return;
    this.findings.push({ rule, severity: setting ?? RULES[rule].severity, message, range, related, ...(fix ? { fix } : {}) });
  }
  sorted(): Finding[] {
    return this.findings.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  }
}

const NUMERALS = '一二三四五六';

function checkSections(out: FindingSink, lines: readonly Line[], sections: readonly Section[], l: Locale): void {
  const seen = new Map<number, Section>();
  let furthest: Section | null = null;
  for (const s of sections) {
    const name = M.sectionName(s.def, l);
    if (seen.has(s.def.number)) {
      out.add('section-duplicate', s.heading.range, M.T.sectionDuplicate(name, l));
      continue;
    }
    seen.set(s.def.number, s);
    if (furthest && s.def.number < furthest.def.number) {
      out.add('section-order', s.heading.range, M.T.sectionOrder(name, M.sectionName(furthest.def, l), l));
    }
    if (!furthest || s.def.number > furthest.def.number) furthest = s;
    const want = `${NUMERALS[s.def.number - 1]}、`;
    if (s.heading.numberRange && s.heading.writtenNumber !== s.def.number) {
      const written = lines[s.heading.line].text.slice(s.heading.numberRange.start.character, s.heading.numberRange.end.character).trim();
      out.add('section-numbering', s.heading.numberRange, M.T.sectionNumbering(written, want, l), [], {
        title: M.T.fixNumbering(want, l),
        edits: [{ range: s.heading.numberRange, newText: want }],
      });
    }
    if (!s.exactTitle) {
      out.add('section-title', s.heading.titleRange, M.T.sectionTitle(s.heading.title, s.def.title, l), [], {
        title: M.T.fixTitle(s.def.title, l),
        edits: [{ range: s.heading.titleRange, newText: s.def.title }],
      });
    }
    let empty = true;
    for (let i = s.bodyFrom; i < s.bodyTo && empty; i++) if (trimWs(lines[i].text) !== '' && !isFurniture(lines[i].text)) empty = false;
    if (empty) out.add('section-empty', s.heading.range, M.T.sectionEmpty(name, l));
  }
  for (const def of CURRENT_FORMAT.sections) {
    if (seen.has(def.number)) continue;
    // Where the section should stand: before the first later section, or at the end.
    const next = sections.find((s) => s.def.number > def.number);
    const last = lines.length - 1;
    const at = next ? next.heading.range : lineRange(lines, last);
    out.add('section-missing', at, M.T.sectionMissing(M.sectionName(def, l), l));
  }
}

function checkTables(out: FindingSink, lines: readonly Line[], sections: readonly Section[], tables: readonly Table[], year: number | null, l: Locale, eqsOf: Map<Table, Equation[]>): void {
  const firstOf = new Map<string, Table>();
  const homes = new Map<number, Section>();
  for (const s of sections) if (!homes.has(s.def.number)) homes.set(s.def.number, s);
  for (const t of tables) {
    const name = M.tableName(t.def, l);
    if (firstOf.has(t.def.id)) out.add('table-duplicate', t.openerRange, M.T.tableDuplicate(name, l));
    else firstOf.set(t.def.id, t);
    const home = homes.get(t.def.section);
    if (home && (t.firstLine < home.bodyFrom || t.firstLine >= home.bodyTo) && firstOf.get(t.def.id) === t) {
      out.add('table-misplaced', t.openerRange, M.T.tableMisplaced(name, M.sectionName(home.def, l), l));
    }
    if (year !== null && year >= CURRENT_FORMAT.fromYear && t.format !== CURRENT_FORMAT && !sameTable(t.format, CURRENT_FORMAT, t.def.id)) {
      out.add('format-version', t.openerRange, M.T.formatVersion(name, year, t.format.notice, CURRENT_FORMAT.notice, l));
    }
    checkRows(out, t, l, eqsOf.get(t) ?? []);
  }
  for (const def of CURRENT_FORMAT.tables) {
    if (firstOf.has(def.id)) continue;
    const home = sections.find((s) => s.def.number === def.section);
    const sectionDef = CURRENT_FORMAT.sections[def.section - 1];
    out.add('table-missing', home ? home.heading.range : lineRange(lines, 0), M.T.tableMissing(M.tableName(def, l), M.sectionName(sectionDef, l), l));
  }
}

function checkRows(out: FindingSink, t: Table, l: Locale, eqs: readonly Equation[]): void {
  const tname = M.tableName(t.def, l);
  for (const part of t.parts) {
    const present = new Set(part.rows.map((r) => r.def));
    let lastSeen: TableRow | null = null;
    for (const def of part.def.rows) {
      const row = part.rows.find((r) => r.def === def && !r.duplicate);
      if (row) {
        lastSeen = row;
        continue;
      }
      if (present.has(def)) continue;
      const at = lastSeen ? lastSeen.range : (part.caption ?? t.openerRange);
      const name = part.def.labelledRows ? def.label : M.tableName(t.def, l);
      out.add('row-missing', at, M.T.rowMissing(tname, name, l));
    }
    for (const row of part.rows) {
      const rname = part.def.labelledRows ? M.rowName(row.def, l) : tname;
      const at = row.label?.range ?? row.range;
      if (row.duplicate) out.add('row-duplicate', at, M.T.rowDuplicate(rname, l));
      else if (row.outOfOrder) out.add('row-order', at, M.T.rowOrder(rname, l));
      if (row.label && !row.label.exact) {
        const fix = row.label.replaceable ? { title: M.T.fixLabel(row.def.label, l), edits: [{ range: row.label.range, newText: row.def.label }] } : undefined;
        out.add('row-label', row.label.range, M.T.rowLabel(row.label.text, row.def.label, l), [], fix);
      }
      const have = row.cells.filter((c) => c !== null).length;
      const extra = row.extra.filter((c) => c.text !== '');
      if (have < row.cells.length) out.add('row-cells', row.range, M.T.rowCellsFew(rname, row.cells.length, have, l));
      else if (extra.length) {
        out.add('row-cells', { start: extra[0].range.start, end: extra[extra.length - 1].range.end }, M.T.rowCellsMany(rname, row.cells.length, have + extra.length, l));
      }
      for (const cell of row.cells) if (cell) checkCell(out, part.def, cell, l, eqs);
    }
  }
}

function checkCell(out: FindingSink, part: Table['parts'][number]['def'], cell: TableCell, l: Locale, eqs: readonly Equation[]): void {
  const v = cell.value;
  const name = M.cellNameOf(part, cell, l);
  const zero = zeroFillIsSafe(cell, eqs) ? { title: M.T.fixFillZero(l), edits: [{ range: cell.range, newText: '0' }] } : undefined;
  switch (v.kind) {
    case 'blank':
      out.add('cell-blank', cell.range, M.T.cellBlank(name, '', l), [], zero);
      return;
    case 'placeholder':
      out.add('cell-blank', cell.range, M.T.cellBlank(name, cell.raw, l), [], zero);
      return;
    case 'text':
      out.add('cell-invalid', cell.range, cell.column.kind === 'amount' ? M.T.cellNotAmount(name, cell.raw, l) : M.T.cellNotNumber(name, cell.raw, l));
      return;
    case 'number':
      if (v.invalid === 'negative') out.add('cell-invalid', cell.range, M.T.cellNegative(name, cell.raw, l));
      else if (v.invalid === 'fraction') out.add('cell-invalid', cell.range, M.T.cellFraction(name, cell.raw, l));
      else if (v.invalid === 'tooLarge') out.add('cell-invalid', cell.range, M.T.cellTooLarge(name, cell.raw, l));
      if (v.unit && !v.invalid) {
        if (cell.column.kind === 'amount' && v.unit === '元') out.add('cell-unit', cell.range, M.T.cellUnitYuan(name, l));
        else
          out.add('cell-unit', cell.range, M.T.cellUnit(name, v.unit, l), [], {
            title: M.T.fixRemoveUnit(v.unit, l),
            edits: [{ range: cell.range, newText: String(v.value) }],
          });
      }
  }
}

function checkArithmetic(out: FindingSink, t: Table, eqs: Equation[], l: Locale): void {
  const culprit = out.enabled('likely-culprit') ? findCulprit(eqs) : null;
  if (culprit) {
    const part = culprit.broken[0].part.def;
    const name = M.cellNameOf(part, culprit.cell, l);
    out.add(
      'likely-culprit',
      culprit.cell.range,
      M.culpritMessage(part, culprit.cell, culprit.value, culprit.broken, l),
      culprit.broken.map((e) => ({ range: e.anchor.cell!.range, message: M.identityMessage(e, l) })),
      { title: M.T.fixSetValue(name, culprit.value, l), edits: [{ range: culprit.cell.range, newText: String(culprit.value) }] },
    );
    return;
  }
  for (const eq of eqs) {
    if (eq.status !== 'broken' || !IDENTITY_RULES.includes(eq.rule)) continue;
    const anchor = eq.anchor.cell!;
    const related = operands(eq).map((o) => ({
      range: o.cell!.range,
      message: M.T.relatedOperand(M.cellName(eq.part.def, o.rowId, o.columnId, l), M.operandText(o, l), l),
    }));
    const value = anchorFixIsSafe(eq, eqs);
    const name = M.cellNameOf(eq.part.def, anchor, l);
    const fix = value === null ? undefined : { title: M.T.fixSetValue(name, value, l), edits: [{ range: anchor.range, newText: String(value) }] };
    out.add(eq.rule, anchor.range, M.identityMessage(eq, l), related, fix);
  }
}

