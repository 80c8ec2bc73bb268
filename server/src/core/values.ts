// What a table cell holds: a number, a blank, a placeholder for "nothing" ("/", "无"), or text.
import type { ValueKind } from './format/schema.js';
import { isAsciiDigits, trimWs, trimmedEnd, trimmedStart } from './text.js';

export type CellKind = 'number' | 'blank' | 'placeholder' | 'text';

export interface CellValue {
  kind: CellKind;
  /** The number the cell states; for a number with a unit ("12件") the number without it. */
  value: number | null;
  /** A unit written inside the cell ("件", "万元"). */
  unit?: string;
  /** Why a number is not acceptable for its column. */
  invalid?: 'negative' | 'fraction' | 'tooLarge';
}

// Larger counts are typing accidents; keeping every value below this keeps all sums exact in doubles.
export const MAX_VALUE = 1e12;

const PLACEHOLDER = /^(?:[/／\\\-－—–―_＿]+|无|空|暂无|没有)$/;
// The characters a placeholder of more than two characters is made of, before folding (foldDigits).
const PLACEHOLDER_RUN = new Set([...'/／\\＼-－—–―_＿\u2212\u2012'].map((c) => c.charCodeAt(0)));
const UNIT = /^(.*?\d)\s*(件|条|个|项|人次|次|人|家|篇|万元|元|%)$/;
/** The last code units of UNIT's units. */
const UNIT_ENDS = new Set([...'件条个项次人家篇元%'].map((c) => c.charCodeAt(0)));
const NUMBER = /^([+-])?(\d+(?:\.\d+)?)$/;
const GROUPED = /^([+-])?(\d{1,3}(?:,\d{3})+(?:\.\d+)?)$/;

function numeric(s: string): { sign: string; digits: string } | null {
  const m = NUMBER.exec(s) ?? GROUPED.exec(s);
  return m ? { sign: m[1] ?? '', digits: m[2].replace(/,/g, '') } : null;
}

function foldsTo(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x2212 || c === 0x2012 || c === 0x2013) return 0x2d;
  if (c > 0x20 && c !== 0xa0 && c !== 0x3000) return c;
  return -1;
}

/** Folds full-width digits and signs, so "１２" and "－3" read as numbers. */
function foldDigits(s: string): string {
  // Usually nothing to fold: the string itself. Otherwise code units, made a string once.
  let i = 0;
  while (i < s.length && foldsTo(s.charCodeAt(i)) === s.charCodeAt(i)) i++;
  if (i === s.length) return s;
  const codes: number[] = [];
  for (let k = i; k < s.length; k++) {
    const f = foldsTo(s.charCodeAt(k));
    if (f >= 0) codes.push(f);
  }
  const parts = [s.slice(0, i)];
  for (let k = 0; k < codes.length; k += 4096) parts.push(String.fromCharCode.apply(null, codes.slice(k, k + 4096)));
  return parts.join('');
}

/** 1 to 12 ASCII digits and nothing else (/^\d{1,12}$/, the common cell), without a regex: it runs per cell. */
function isPlainCount(s: string): boolean {
  return s.length > 0 && s.length <= 12 && isAsciiDigits(s);
}

/** Whether s holds a digit, ASCII or full-width: no number without one (the regexes below need not run). */
function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) return true;
  }
  return false;
}

/** Whether foldDigits(s.slice(from, to)) is longer than `max`, without making it (counted only that far). */
function foldsLonger(s: string, from: number, to: number, max: number): boolean {
  let n = 0;
  for (let i = from; i < to; i++) if (foldsTo(s.charCodeAt(i)) >= 0 && ++n > max) return true;
  return false;
}

export function isNumberLike(raw: string): boolean {
  if (isPlainCount(raw)) return true;
  if (!hasDigit(raw)) return false;
  const a = trimmedStart(raw, 0, raw.length);
  const b = trimmedEnd(raw, a, raw.length);
  // A number ends in a digit, a number with its unit in the unit, and a bare number starts with a digit or
  // its sign: anything else (a sentence, a label that names a year) is refused at its ends, before it is
  // folded (a copy of the whole text) and before the regexes, whose lazy prefix is slow on long text.
  const last = foldsTo(raw.charCodeAt(b - 1));
  if (isDigitCode(last)) {
    const first = foldsTo(raw.charCodeAt(a));
    return (isDigitCode(first) || first === 0x2b || first === 0x2d) && numeric(foldDigits(raw.slice(a, b))) !== null;
  }
  return UNIT_ENDS.has(last) && UNIT.test(foldDigits(raw.slice(a, b)));
}
const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;

export function isPlaceholder(raw: string): boolean {
  const a = trimmedStart(raw, 0, raw.length);
  const b = trimmedEnd(raw, a, raw.length);
  // Placeholders longer than two characters are runs of dashes or slashes: text (every label) is refused
  // at its first character, without a copy or a regex.
  if (b - a > 2 && !PLACEHOLDER_RUN.has(raw.charCodeAt(a)) && foldsLonger(raw, a, b, 2)) return false;
  return PLACEHOLDER.test(foldDigits(raw.slice(a, b)));
}

// Values that hold nothing but their kind, and the small counts most cells hold, are one object each,
// shared by every cell that reads as them (a report has hundreds of cells): they are never changed.
const BLANK: Readonly<CellValue> = { kind: 'blank', value: null };
const PLACEHOLDER_VALUE: Readonly<CellValue> = { kind: 'placeholder', value: null };
const TEXT: Readonly<CellValue> = { kind: 'text', value: null };
const SHARED_COUNTS = 1024;
const SMALL_COUNTS = new Array<Readonly<CellValue> | undefined>(SHARED_COUNTS).fill(undefined);

function count(n: number): Readonly<CellValue> {
  if (n >= SHARED_COUNTS) return { kind: 'number', value: n };
  return (SMALL_COUNTS[n] ??= { kind: 'number', value: n });
}

export function parseCell(raw: string, kind: ValueKind = 'count'): Readonly<CellValue> {
  // The common case first: a plain count.
  if (isPlainCount(raw)) return count(Number(raw));
  const trimmed = trimWs(raw);
  if (trimmed === '') return BLANK;
  const s = foldDigits(trimmed);
  if (PLACEHOLDER.test(s)) return PLACEHOLDER_VALUE;
  let unit: string | undefined;
  let n = numeric(s);
  if (!n) {
    const u = UNIT.exec(s);
    if (u) {
      n = numeric(u[1]);
      unit = u[2];
    }
  }
  if (!n) return TEXT;
  const value = Number(n.sign === '-' ? `-${n.digits}` : n.digits);
  const out: CellValue = { kind: 'number', value, ...(unit ? { unit } : {}) };
  if (!Number.isFinite(value) || Math.abs(value) > MAX_VALUE) out.invalid = 'tooLarge';
  else if (kind !== 'amount' && !Number.isInteger(value)) out.invalid = 'fraction';
  else if (kind !== 'signedCount' && value < 0) out.invalid = 'negative';
  return out;
}

/** A value the arithmetic may use: a valid number, or a blank/placeholder read as the 0 the format asks for. */
export function arithmeticValue(v: CellValue): number | null {
  if (v.kind === 'blank' || v.kind === 'placeholder') return 0;
  if (v.kind === 'number' && !v.invalid) return v.value;
  return null;
}
