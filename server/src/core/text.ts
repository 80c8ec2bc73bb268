// Text primitives: lines with their offsets, positions in UTF-16 code units (what LSP clients speak,
// and what JavaScript string indices already are), and the normalisation that label matching needs.

import { LOOKALIKE_PAIRS } from './ideographs.js';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export interface Line {
  /** Index of the first character of the line in the document text. */
  offset: number;
  /** The line without its line break. */
  text: string;
}

// Characters that look like CJK unified ideographs but are not (⼀ U+2F00 KANGXI RADICAL ONE for 一, ⻚ U+2EDA
// for 页, compatibility ideographs): what a PDF whose font maps its glyphs to the radicals gives, and what text
// copied out of one carries. The engine reads them as the ideographs they look like.
const LOOKALIKE = new Map<number, number>();
for (let i = 0; i < LOOKALIKE_PAIRS.length; i += 2) LOOKALIKE.set(LOOKALIKE_PAIRS.charCodeAt(i), LOOKALIKE_PAIRS.charCodeAt(i + 1));
/** The blocks the lookalikes are in (radicals, strokes, compatibility ideographs): a cheap refusal first. */
export const LOOKALIKE_BLOCK = /[\u2E80-\u2FDF\u31C0-\u31EF\uF900-\uFAFF]/;
const EVERY_LOOKALIKE_BLOCK = new RegExp(LOOKALIKE_BLOCK.source, 'g');

/** The ideograph the code unit c looks like, when c is a lookalike (a radical, a stroke, a compatibility ideograph). */
export function lookalikeOf(c: number): number | undefined {
  return LOOKALIKE.get(c);
}

/** The text with every lookalike replaced by the ideograph it looks like (one code unit for one: offsets unchanged); itself when it has none. */
export function unifyIdeographs(text: string): string {
  if (!LOOKALIKE_BLOCK.test(text)) return text;
  return text.replace(EVERY_LOOKALIKE_BLOCK, (ch) => {
    const to = LOOKALIKE.get(ch.charCodeAt(0));
    return to === undefined ? ch : String.fromCharCode(to);
  });
}

/** The lines the report model reads: splitLines of the text with its lookalike ideographs unified (the same offsets). */
export function reportLines(text: string): Line[] {
  return readReportLines(text).lines;
}

/** reportLines, and whether the text held lookalikes (what lookalike-ideograph reports, known without a second scan). */
export function readReportLines(text: string): { lines: Line[]; lookalikes: boolean } {
  const unified = unifyIdeographs(text);
  return { lines: splitLines(unified), lookalikes: unified !== text };
}

const LARGE_TEXT = 1 << 20;

/** How many lines a text without CR splits into. */
function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The most lines a text is read to. A line costs the model some 50 bytes whatever its length (its object and
 * its place in the array), so a file of millions of short or blank lines took 30–60 times its size in memory
 * (50 MB of line breaks: 3 GB; 100 MB ran out of heap). No report comes near: a 汇编 of a thousand reports
 * has some 400,000 lines.
 */
export const MAX_LINES = 4_000_000;

/** Line breaks (\r\n, \n or \r, as splitLines cuts) in text[from, to). */
export function lineBreaks(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/**
 * Where the text's first `max` lines end (the line break after line `max` - 1), or -1 when it has no more
 * lines than that: text.slice(0, end) splits into exactly the first `max` lines of the text.
 */
export function endOfLines(text: string, max: number): number {
  // n characters hold at most n line breaks.
  if (text.length < max) return -1;
  if (text.indexOf('\r') < 0) {
    let at = -1;
    for (let k = 0; k < max; k++) if ((at = text.indexOf('\n', at + 1)) < 0) return -1;
    return at;
  }
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (++k === max) return i;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
  }
  return -1;
}

/** Splits on \r\n, \n and \r, as LSP does. */
export function splitLines(text: string): Line[] {
  let start = 0;
  // Most files have no CR: the native search for LF is several times faster than a loop over characters.
  if (text.indexOf('\r') < 0) {
    // A large text's lines are counted first: an array grown line by line holds up to half as much again
    // (12 MB of a 50 MB report's memory). A small one grows as it is filled.
    const lines: Line[] = text.length > LARGE_TEXT ? new Array<Line>(lineCount(text)) : [];
    let k = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      lines[k++] = { offset: start, text: text.slice(start, i) };
      start = i + 1;
    }
    lines[k] = { offset: start, text: text.slice(start) };
    return lines;
  }
  const lines: Line[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ offset: start, text: text.slice(start, i) });
      if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ offset: start, text: text.slice(start) });
  return lines;
}

export function range(line: number, start: number, end: number, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function lineRange(lines: readonly Line[], line: number): Range {
  return range(line, 0, lines[line]?.text.length ?? 0);
}

// White space as it appears around numbers in pasted tables: ASCII, NBSP, ideographic space,
// zero-width characters and the BOM.
export function isWsCode(c: number): boolean {
  return c <= 0x20 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200d) || c === 0x202f || c === 0xfeff;
}

/** What JavaScript's \s matches (and String.prototype.trim drops), for cheap tests before a regex with \s runs. */
export function isRegexSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
/** The first code unit that \s does not match, or -1. */
export function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isRegexSpace(c)) return c;
  }
  return -1;
}

/** The last code unit that \s does not match, or -1. */
export function lastNonSpace(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (!isRegexSpace(c)) return c;
  }
  return -1;
}

/** [start, end) of the text between leading and trailing white space (start === end if none). */
export function trimSpan(s: string, start = 0, end = s.length): [number, number] {
  const a = trimmedStart(s, start, end);
  return [a, trimmedEnd(s, a, end)];
}

/** trimSpan's two ends apart, for loops that must not allocate a pair per call. */
export function trimmedStart(s: string, start: number, end: number): number {
  let a = start;
  while (a < end && isWsCode(s.charCodeAt(a))) a++;
  return a;
}
export function trimmedEnd(s: string, start: number, end: number): number {
  let b = end;
  while (b > start && isWsCode(s.charCodeAt(b - 1))) b--;
  return b;
}

export function trimWs(s: string): string {
  const [a, b] = trimSpan(s);
  return s.slice(a, b);
}

// The folded code unit of every BMP code unit: quotes, brackets and the full stop unified, full-width ASCII
// folded to half-width, 0 for white space (dropped; U+0000 is white space here). A table, not a Map: it
// is read for every character of every label.
const FOLDED = (() => {
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = isWsCode(c) ? 0 : c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c;
  for (const c of '“”„‟＂「」『』') t[c.charCodeAt(0)] = 0x22;
  for (const c of '‘’＇') t[c.charCodeAt(0)] = 0x27;
  for (const c of '【〔［[') t[c.charCodeAt(0)] = 0x28;
  for (const c of '】〕］]') t[c.charCodeAt(0)] = 0x29;
  t[0xff0e] = 0x2e;
  // A lookalike folds as the ideograph it looks like (labels compare equal whichever is written).
  for (const [from, to] of LOOKALIKE) t[from] = t[to];
  return t;
})();

/** The folded code unit of c, 0 when folding drops it (white space). */
export function foldedCode(c: number): number {
  return FOLDED[c];
}

/**
 * The comparison form of a label: full-width ASCII folded to half-width (what NFKC does to the
 * characters these reports use, without its cost), white space removed, quote styles unified, and
 * the brackets people use interchangeably mapped to one form.
 */
export function foldLabel(s: string): string {
  // Most labels are already in folded form: then the string itself, nothing allocated.
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (FOLDED[c] !== c) break;
    i++;
  }
  if (i === n) return s;
  // The rest as code units, turned into a string once (a string grown by += is a rope; a typed array
  // through apply is several times slower than a plain one).
  const codes: number[] = [];
  for (let j = i; j < n; j++) {
    const f = FOLDED[s.charCodeAt(j)];
    if (f !== 0) codes.push(f);
  }
  if (i === 0 && codes.length <= 4096) return String.fromCharCode.apply(null, codes);
  const parts = [s.slice(0, i)];
  for (let j = 0; j < codes.length; j += 4096) parts.push(String.fromCharCode.apply(null, codes.slice(j, j + 4096)));
  return parts.join('');
}

let prevRow = new Uint16Array(64);
let curRow = new Uint16Array(64);

/** Levenshtein distance, bounded: returns max+1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (prevRow.length <= lb) {
    prevRow = new Uint16Array(lb * 2 + 1);
    curRow = new Uint16Array(lb * 2 + 1);
  }
  let prev = prevRow;
  let cur = curRow;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const v = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb];
}

/**
 * 1 for equal strings, falling towards 0 with the share of edits needed. With `beat`, the distance
 * is bounded to what could still give more than `beat`: a lower score may come back as 0.
 */
export function similarity(a: string, b: string, beat = 0): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  let max = Math.ceil(longest * 0.5);
  if (beat > 0) max = Math.min(max, Math.ceil(longest * (1 - beat)));
  const d = editDistance(a, b, max);
  return d > max ? 0 : 1 - d / longest;
}

// \p{Script=Han} as code point ranges (Unicode 15.1), tested without a regex: the test runs per cell.
// Pairs [first, last]; the BMP ranges first, then the ideographs beyond it (𠮷 is in Ext B, 0x20bb7).
const HAN_BMP = [0x2e80, 0x2e99, 0x2e9b, 0x2ef3, 0x2f00, 0x2fd5, 0x3005, 0x3005, 0x3007, 0x3007, 0x3021, 0x3029, 0x3038, 0x303b, 0x3400, 0x4dbf, 0x4e00, 0x9fff, 0xf900, 0xfa6d, 0xfa70, 0xfad9];
const HAN_ASTRAL = [0x16fe2, 0x16fe3, 0x16ff0, 0x16ff6, 0x20000, 0x2a6df, 0x2a700, 0x2b81d, 0x2b820, 0x2cead, 0x2ceb0, 0x2ebe0, 0x2ebf0, 0x2ee5d, 0x2f800, 0x2fa1d, 0x30000, 0x3134a, 0x31350, 0x33479];

export function isHanCodePoint(cp: number): boolean {
  if (cp >= 0x4e00 && cp <= 0x9fff) return true; // the common case: CJK Unified Ideographs
  if (cp < 0x2e80) return false;
  const table = cp > 0xffff ? HAN_ASTRAL : HAN_BMP;
  for (let k = 0; k < table.length; k += 2) {
    if (cp < table[k]) return false;
    if (cp <= table[k + 1]) return true;
  }
  return false;
}

export function hasHan(s: string, start = 0, end = s.length): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x2e80) continue;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        if (isHanCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000)) return true;
        i++;
        continue;
      }
    }
    if (isHanCodePoint(c)) return true;
  }
  return false;
}

/** Whether every code unit of s is an ASCII digit (true for ''): /^\d*$/ without a regex. */
export function isAsciiDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

// 一 … 九 by code unit (0 for none): numbering is read per heading candidate, without a regex.
const CN_DIGIT_CODES = new Map([...'一二三四五六七八九'].map((c, k) => [c.charCodeAt(0), k + 1]));
const TEN = 0x5341; // 十
/** 一 … 九十九 as a number (only what numbering needs), or NaN; ASCII digits as their number. */
export function chineseNumeral(s: string): number {
  const n = s.length;
  if (n === 0) return NaN;
  if (isAsciiDigits(s)) return Number(s);
  const digit = (i: number) => CN_DIGIT_CODES.get(s.charCodeAt(i)) ?? 0;
  // d, 十, 十d, d十, d十d
  if (n === 1) return s.charCodeAt(0) === TEN ? 10 : digit(0) || NaN;
  const tenAt = s.charCodeAt(0) === TEN ? 0 : s.charCodeAt(1) === TEN ? 1 : -1;
  if (tenAt < 0 || n > tenAt + 2) return NaN;
  const tens = tenAt === 0 ? 1 : digit(0);
  const ones = n === tenAt + 2 ? digit(tenAt + 1) : 0;
  if (tens === 0 || (n === tenAt + 2 && ones === 0)) return NaN;
  return tens * 10 + ones;
}

/** A string with the same characters that shares no storage with its source. */
export function flatCopy(s: string): string {
  // Concatenating makes a rope; slicing it flattens the rope into new storage of s.length + 1 units.
  // V8 copies slices shorter than 13 units anyway.
  return s.length < 13 ? s : (`\u0000${s}`).slice(1);
}

/** The position of a text offset (UTF-16), by binary search over the lines' offsets. */
export function positionAt(lines: readonly Line[], offset: number): Position {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: Math.min(offset - lines[lo].offset, lines[lo].text.length) };
}

/** The length of s in UTF-8 bytes, without encoding it (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // 4 bytes for the pair's 2 units
      i++;
    } else n += 2;
  }
  return n;
}
