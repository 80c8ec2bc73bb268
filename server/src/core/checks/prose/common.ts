// Shared pieces of the prose and cross-year rules: table-cell look-ups by id, the report's prose split into clauses with positions, and numerals in the three
// styles real reports write (digits, full-width digits, Chinese numerals).
import { memo } from '../../memo.js';
import { tableLines } from '../../model.js';
import type { Report } from '../../model.js';
import type { Table, TableCell } from '../../tables.js';
import { type Range, range } from '../../text.js';
import type { CheckContext, Fix, Locale, Related, Severity } from '../rule.js';

export { say } from '../rule.js';

// ---------------------------------------------------------------------------------------------------
// Table cells by id.

export function firstTable(report: Report, id: Table['def']['id']): Table | null {
  return report.tables.find((t) => t.def.id === id) ?? null;
}

export function cellOf(report: Report, tableId: Table['def']['id'], rowId: string, columnId: string): TableCell | null {
  const t = firstTable(report, tableId);
  if (!t) return null;
  for (const part of t.parts) {
    const col = part.def.columns.findIndex((c) => c.id === columnId);
    if (col < 0) continue;
    const row = part.rows.find((r) => r.def.id === rowId && !r.duplicate);
    if (row) return row.cells[col] ?? null;
  }
  return null;
}

/** A cell's number when the cell holds a valid one; null for blanks, placeholders, text and bad numbers. */
export function numberOf(c: TableCell | null): number | null {
  if (!c || c.value.kind !== 'number' || c.value.invalid) return null;
  return c.value.value;
}

/** A row's value in a column, or the sum over a group's member rows (（三）不予公开 has no row of its own). */
export function rowValue(report: Report, tableId: Table['def']['id'], rowOrGroup: string, columnId: string): { value: number; cells: TableCell[] } | null {
  const direct = cellOf(report, tableId, rowOrGroup, columnId);
  if (direct) {
    const v = numberOf(direct);
    return v === null ? null : { value: v, cells: [direct] };
  }
  const t = firstTable(report, tableId);
  if (!t) return null;
  for (const part of t.parts) {
    const members = part.def.rows.filter((r) => r.group === rowOrGroup);
    if (members.length === 0) continue;
    const col = part.def.columns.findIndex((c) => c.id === columnId);
    if (col < 0) return null;
    let sum = 0;
    const cells: TableCell[] = [];
    for (const m of members) {
      const row = part.rows.find((r) => r.def === m && !r.duplicate);
      const v = numberOf(row?.cells[col] ?? null);
      if (v === null) return null;
      sum += v;
      cells.push(row!.cells[col]!);
    }
    return { value: sum, cells };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Prose: the lines outside tables, by section, cut into sentences and clauses.

export interface Clause {
  line: number;
  /** Character offset of the clause on its line. */
  start: number;
  text: string;
  /** The sentence the clause belongs to (its whole text, for context tests). */
  sentence: string;
  /** Character offset of the sentence on its line. */
  sentenceStart: number;
  /** The whole line (paragraph) the clause stands in. */
  paragraph: string;
  /** 1–6, or 0 before the first section. */
  section: number;
  /** Index of the clause in its sentence. */
  index: number;
}

/** A line of prose (outside tables), with its section: 1–6, or 0 before the first section. */
export interface ProseLine {
  line: number;
  text: string;
  section: number;
}

/** The report's prose lines (outside tables), with their section: read once per report, by every prose rule. */
export const proseLines = memo((report: Report): readonly ProseLine[] => readProseLines(report));

function readProseLines(report: Report): ProseLine[] {
  const out: ProseLine[] = [];
  const inTable = tableLines(report.tables);
  // Sections are in document order and do not overlap: the one a line is in is found walking with it.
  const sections = report.sections;
  let s = 0;
  for (let i = 0; i < report.lines.length; i++) {
    if (inTable(i)) continue;
    const text = report.lines[i].text;
    // Empty lines say nothing (a line-dense file has millions); table fragments that escaped the reader
    // (cells, tab rows) are not prose.
    if (text.length === 0 || text.length > 5000 || text.includes('\t') || text.includes('|') || text.includes('｜')) continue;
    while (s < sections.length && sections[s].bodyTo <= i) s++;
    const section = s < sections.length && sections[s].heading.line <= i ? sections[s].def.number : 0;
    out.push({ line: i, text, section });
  }
  return out;
}

/** 。；;！？: the full stops the year and part-list rules cut sentences at (UTF-16 code). */
export function isFullStop(code: number): boolean {
  return code === 0x3002 || code === 0xff1b || code === 0x3b || code === 0xff01 || code === 0xff1f;
}
/** Clauses' sentences end at the full stops and at ASCII ! and ? too. */
function endsSentence(code: number): boolean {
  return isFullStop(code) || code === 0x21 || code === 0x3f;
}
/** ，：:、 end a clause, and an ASCII comma unless it groups thousands between digits (1,320). */
function endsClause(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code === 0xff0c || code === 0xff1a || code === 0x3a || code === 0x3001) return true;
  if (code !== 0x2c) return false;
  // charCodeAt outside the text is NaN: no digit.
  const digit = (j: number) => isDigit(text.charCodeAt(j));
  return !(digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4));
}

/**
 * A prose line's sentences (by 。；！？) and their clauses (by ，、：), each with its position; cut when first
 * asked for, once. Rules ask only for the lines that hold the characters they look for: most lines are never cut.
 */
export const clausesOf = memo((line: ProseLine): readonly Clause[] => cutClauses(line));

function cutClauses({ line, text, section }: ProseLine): Clause[] {
  const out: Clause[] = [];
  // One pass over the line: a clause ends at a clause or sentence end, a sentence at a sentence end.
  let sentenceStart = 0;
  let clauseStart = 0;
  let index = 0;
  for (let i = 0; i < text.length; i++) {
    const sentenceEnd = endsSentence(text.charCodeAt(i)) || i === text.length - 1;
    if (!sentenceEnd && !endsClause(text, i)) continue;
    if (sentenceEnd) {
      const end = i + 1;
      const sentence = text.slice(sentenceStart, end);
      // The clauses cut so far in this sentence get its text now that it is known.
      for (let k = out.length - index; k < out.length; k++) out[k].sentence = sentence;
      out.push({ line, start: clauseStart, text: text.slice(clauseStart, end), sentence, sentenceStart, paragraph: text, section, index });
      sentenceStart = clauseStart = end;
      index = 0;
    } else {
      out.push({ line, start: clauseStart, text: text.slice(clauseStart, i + 1), sentence: '', sentenceStart, paragraph: text, section, index: index++ });
      clauseStart = i + 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Numerals.

export type NumeralStyle = 'digits' | 'fullwidth' | 'chinese';

const CN: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };
export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';

/** What a character is in a Chinese numeral: a digit (CN), a unit (CN_UNIT), or neither (undefined). */
function cnValue(code: number): number | undefined {
  return CN_BY_CODE.get(code);
}
const CN_BY_CODE = new Map<number, number>([...Object.entries(CN), ...Object.entries(CN_UNIT)].map(([ch, v]) => [ch.charCodeAt(0), v]));

/** 三 / 十二 / 两 / 一百零五 / 三千二百 / 二〇二三 (digit by digit) as a number, or NaN. */
export function parseChineseNumber(s: string): number {
  if (s.length === 1) return CN[s] ?? (s in CN_UNIT ? parseUnitsAndDigits(s) : NaN);
  if (s === '') return NaN;
  // One pass over the characters: every one must be a numeral; note whether there are units (十百千万) and zeros.
  let units = false;
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const v = cnValue(s.charCodeAt(i));
    if (v === undefined) return NaN;
    if (v >= 10) units = true;
    else if (v === 0) zero = true;
  }
  if (units) return parseUnitsAndDigits(s);
  // Digit by digit with a written zero (二〇二三); 三四 is a range, not a number.
  if (!zero) return NaN;
  let v = 0;
  for (let i = 0; i < s.length; i++) v = v * 10 + cnValue(s.charCodeAt(i))!;
  return v;
}

/** A positional numeral (十二, 一百零五, 三千二百, 一万零一) whose characters are all numerals. */
function parseUnitsAndDigits(s: string): number {
  let total = 0;
  let section = 0;
  let digit = -1;
  for (let i = 0; i < s.length; i++) {
    const v = cnValue(s.charCodeAt(i))!;
    if (v < 10) {
      if (digit > 0 && v !== 0) return NaN; // 三四 inside a positional numeral (零 only holds a place)
      digit = v;
    } else {
      if (v === 10000) {
        section = (section + Math.max(digit, 0)) * 10000;
        total += section;
        section = 0;
      } else section += (digit < 0 ? 1 : digit) * v;
      digit = -1;
    }
  }
  return total + section + Math.max(digit, 0);
}

export function toChinese(n: number, twoAs = '二'): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  if (n === 0) return '零';
  if (n === 2) return twoAs;
  const digits = '零一二三四五六七八九';
  const units = ['', '十', '百', '千'];
  const four = (x: number): string => {
    let out = '';
    let zero = false;
    const ds = String(x).padStart(4, '0').split('').map(Number);
    for (let i = 0; i < 4; i++) {
      const d = ds[i];
      if (d === 0) {
        if (out) zero = true;
        continue;
      }
      if (zero) out += '零';
      zero = false;
      out += digits[d] + units[3 - i];
    }
    return out;
  };
  if (n >= 1e8) return String(n);
  const hi = Math.floor(n / 10000);
  const lo = n % 10000;
  let s = hi ? four(hi) + '万' + (lo && lo < 1000 ? '零' : '') + (lo ? four(lo) : '') : four(lo);
  // 一十二 is written 十二.
  if (s.startsWith('一十')) s = s.slice(1);
  return s;
}

export function formatNumber(n: number, style: NumeralStyle, twoAs = '二'): string {
  if (style === 'chinese') return toChinese(n, twoAs);
  if (style === 'fullwidth') return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  return String(n);
}

export interface ProseNumber {
  value: number;
  style: NumeralStyle;
  /** [start, end) within the text scanned. */
  start: number;
  end: number;
  raw: string;
  /** The unit written right after the number ('' when none). */
  unit: string;
  /** Where the number and its unit end (white space between them included). */
  unitEnd: number;
}

// A number is digits (grouped 1,320 too), full-width digits, or a Chinese numeral that starts with a digit or 十
// (百/千/万 alone are words); then a scale (1.2万件 is never an exact count: its unit becomes 万件) and the unit.
// numbersIn reads exactly what this expression matches, by a scan of character codes (the expression, run
// over every clause, was the prose rules' main cost; test/unit/prose.test.ts checks the two agree):
//   ([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?|[０-９]+(?:[.．][０-９]+)?|[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*)
//   (\s*(?:万|千|亿)(?!元))?\s*(万元|元|件次|件|起|条|个|项|人次|次|人|期|篇|家|份|%|％)?

const isDigit = (code: number) => code >= 48 && code <= 57;
const isWideDigit = (code: number) => code >= 0xff10 && code <= 0xff19;
/** A character that starts a Chinese numeral (a digit or 十; not 百千万). */
const startsChinese = (code: number) => code !== 0x767e && code !== 0x5343 && code !== 0x4e07 && CN_BY_CODE.has(code);

/** JavaScript's \s. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
function skipSpaces(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}
function skipDigits(text: string, i: number, digit: (code: number) => boolean): number {
  while (i < text.length && digit(text.charCodeAt(i))) i++;
  return i;
}

/** Where the numeral that starts at i ends, and its style. */
function numeralEnd(text: string, i: number, first: number): { end: number; style: NumeralStyle } {
  if (isDigit(first)) {
    const run = skipDigits(text, i, isDigit);
    // 1,320: one to three digits, then groups of a comma and three digits.
    let grouped = run;
    if (run - i <= 3) while (text.charCodeAt(grouped) === 44 && skipDigits(text, grouped + 1, isDigit) >= grouped + 4) grouped += 4;
    if (grouped > run) return { end: grouped, style: 'digits' };
    const fraction = text.charCodeAt(run) === 46 && isDigit(text.charCodeAt(run + 1)) ? skipDigits(text, run + 1, isDigit) : run;
    return { end: fraction, style: 'digits' };
  }
  if (isWideDigit(first)) {
    const run = skipDigits(text, i, isWideDigit);
    const dot = text.charCodeAt(run);
    const fraction = (dot === 46 || dot === 0xff0e) && isWideDigit(text.charCodeAt(run + 1)) ? skipDigits(text, run + 1, isWideDigit) : run;
    return { end: fraction, style: 'fullwidth' };
  }
  return { end: skipDigits(text, i + 1, (code) => CN_BY_CODE.has(code)), style: 'chinese' };
}

/** The length of the unit written at i (万元|元|件次|件|起|条|个|项|人次|次|人|期|篇|家|份|%|％, first that fits), or 0. */
function unitLength(text: string, i: number): number {
  switch (text.charCodeAt(i)) {
    case 0x4e07: // 万
      return text.charCodeAt(i + 1) === 0x5143 ? 2 : 0; // 万元
    case 0x4ef6: // 件
    case 0x4eba: // 人
      return text.charCodeAt(i + 1) === 0x6b21 ? 2 : 1; // 件次, 人次
    case 0x5143: // 元
    case 0x8d77: // 起
    case 0x6761: // 条
    case 0x4e2a: // 个
    case 0x9879: // 项
    case 0x6b21: // 次
    case 0x671f: // 期
    case 0x7bc7: // 篇
    case 0x5bb6: // 家
    case 0x4efd: // 份
    case 0x25: // %
    case 0xff05: // ％
      return 1;
    default:
      return 0;
  }
}
/** 万, 千 or 亿 (a scale), not followed by 元 (万元 is a unit). */
const isScale = (text: string, i: number) => {
  const code = text.charCodeAt(i);
  return (code === 0x4e07 || code === 0x5343 || code === 0x4ebf) && text.charCodeAt(i + 1) !== 0x5143;
};

function valueOf(raw: string, style: NumeralStyle): number {
  if (style === 'digits') return Number(raw.includes(',') ? raw.replace(/,/g, '') : raw);
  if (style === 'fullwidth') return Number(raw.replace(/[０-９．]/g, (d) => (d === '．' ? '.' : String.fromCharCode(d.charCodeAt(0) - 0xfee0))));
  return parseChineseNumber(raw);
}

/** Every number in a text, with its style and the unit after it. */
export function numbersIn(text: string): ProseNumber[] {
  const out: ProseNumber[] = [];
  let i = 0;
  while (i < text.length) {
    const first = text.charCodeAt(i);
    if (!isDigit(first) && !isWideDigit(first) && !startsChinese(first)) {
      i++;
      continue;
    }
    const { end, style } = numeralEnd(text, i, first);
    const scaleAt = skipSpaces(text, end);
    const scaled = isScale(text, scaleAt);
    const unitAt = skipSpaces(text, scaled ? scaleAt + 1 : end);
    const unitEnd = unitAt + unitLength(text, unitAt);
    const raw = text.slice(i, end);
    const value = valueOf(raw, style);
    // A numeral that is no number (三四) is passed over as a whole, unit and all.
    if (Number.isFinite(value)) out.push({ value, style, start: i, end, raw, unit: (scaled ? text[scaleAt] : '') + text.slice(unitAt, unitEnd), unitEnd });
    i = unitEnd;
  }
  return out;
}

export function clauseRange(c: Clause, start: number, end: number): Range {
  return range(c.line, c.start + start, c.start + end);
}

export const cellName = (t: TableCell, l: Locale) => {
  const row = l === 'en' ? t.row.en : (t.row.short ?? t.row.label);
  const col = l === 'en' ? t.column.en : t.column.label;
  return row ? `${row}·${col}` : col;
};

/** A finding as these rules build it, field by field; `severity` grades it (see CheckContext.emit's `level`). */
export interface Built {
  range: Range;
  message: string;
  related?: Related[];
  fix?: Fix;
  severity?: Severity;
}
/** ctx.emit for findings built as objects. */
export const emitter =
  (emit: CheckContext['emit']) =>
  (f: Built): void =>
    emit(f.range, f.message, f.related ?? [], f.fix, undefined, f.severity);
