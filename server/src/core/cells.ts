// From lines to physical table rows: every text shape a table takes in real files, reduced to rows of
// cells that keep their exact source range and raw text.
import { firstNonSpace, hasHan, isWsCode, lastNonSpace, type Line, type Range, range, trimSpan, trimWs, trimmedEnd, trimmedStart } from './text.js';
import type { LogicalRow } from './table-rows.js';
import { isNumberLike, isPlaceholder } from './values.js';

export type Shape =
  | 'tsv' // tab-separated fields, merged cells as empty fields
  | 'cellPerLine' // one cell per line starting with a tab, blank line between rows (.docx export)
  | 'pipe' // a | b | c |
  | 'markdown' // | a | b | with |---| separators
  | 'pipePerLine' // one cell per line with lone | lines between cells
  | 'spaced'; // PDF text: cells separated by spaces, labels wrapped across lines

export interface RawCell {
  /** The cell's text without surrounding white space; wrapped cells joined without the line break. */
  text: string;
  /** The text's exact range; for an empty cell, the field's span (possibly zero-width). */
  range: Range;
  /** Set when the cell spans lines (a wrapped header or label). */
  wrapped?: boolean;
}

export interface PhysicalRow {
  shape: Shape;
  cells: RawCell[];
  firstLine: number;
  lastLine: number;
  /** What table-rows.ts derives from the row on first use (its logical rows, its folded first cell): kept on the row, not in a WeakMap, since every row is asked. */
  logical: LogicalRow[] | undefined;
  first: string | undefined;
}

function physicalRow(shape: Shape, cells: RawCell[], firstLine: number, lastLine: number): PhysicalRow {
  return { shape, cells, firstLine, lastLine, logical: undefined, first: undefined };
}

const PIPES = /[|｜]/;
/** Punctuation that ends or splits a sentence: a line with it is prose, not a table row. */
export const SENTENCE_MARK = /[。；;！？]/;
// Matched on the line with its white-space runs collapsed to one space: the same language as
// /^\s*[|｜]?\s*:?-{2,}:?\s*([|｜]\s*:?-{2,}:?\s*)*[|｜]?\s*$/, whose neighbouring \s* made a long line of
// white space take quadratic time.
const MARKDOWN_SEPARATOR = /^ ?[|｜]? ?:?-{2,}:? ?(?:[|｜] ?:?-{2,}:? ?)*[|｜]? ?$/;
// Page footers and furniture that PDF text puts inside tables.
const FOOTER = /^\s*(?:[-—–_]+\s*\d{1,4}\s*[-—–_]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})\s*$/;
const NOISE = /^\s*(?:\[bookmark:[^\]]*\]\s*)+$|^\s*扫一扫在手机上打开(?:当前)?页面\s*$/;

export function isFurniture(text: string): boolean {
  const c = firstNonSpace(text);
  // FOOTER starts with a dash, an underscore, 第 or a digit; NOISE with [bookmark: or 扫.
  if (c === 0x2d || c === 0x2014 || c === 0x2013 || c === 0x5f || c === 0x7b2c || (c >= 0x30 && c <= 0x39)) return FOOTER.test(text);
  if (c === 0x5b || c === 0x626b) return NOISE.test(text);
  return false;
}

/** MARKDOWN_SEPARATOR starts with a pipe, a colon or a dash, and holds a "--": cheap refusals first. */
function isMarkdownSeparator(text: string): boolean {
  const c = firstNonSpace(text);
  return (c === 0x7c || c === 0xff5c || c === 0x3a || c === 0x2d) && text.includes('--') && MARKDOWN_SEPARATOR.test(text.replace(/\s+/g, ' '));
}

function isLonePipe(text: string): boolean {
  const a = trimmedStart(text, 0, text.length);
  if (trimmedEnd(text, a, text.length) - a !== 1) return false;
  const c = text.charCodeAt(a);
  return c === PIPE || c === FULLWIDTH_PIPE;
}

function isCellLine(text: string): boolean {
  return text.charCodeAt(0) === 9 && text.indexOf('\t', 1) === -1;
}

/** White space only, and no tab (a tab is an empty cell): most lines are refused at their first character. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 9 || !isWsCode(c)) return false;
  }
  return true;
}

/** A short line without separators that continues the cell above it ("商业\n企业"). */
function isContinuation(text: string): boolean {
  const t = trimWs(text);
  return t.length > 0 && t.length <= 12 && hasHan(t) && !/[\t|｜。；;]/.test(text) && !isNumberLike(t);
}

/** Text short enough, and not a sentence, to be a table cell rather than prose before a table. */
function isCellText(text: string): boolean {
  return !text.includes('\t') && text.length <= 60 && !SENTENCE_MARK.test(text);
}

/**
 * A cell as physicalRows reads it: its range is made when first asked for, since most cells (prose,
 * the rows no table claims, the numbers no finding names) are never asked.
 */
class SourceCell implements RawCell {
  wrapped: boolean | undefined = undefined;
  private made: Range | undefined = undefined;

  constructor(
    public text: string,
    private line: number,
    private from: number,
    private endLine: number,
    private to: number,
  ) {}

  /** The line or character where the cell starts or ends, without making its range. */
  edgeLine(end: boolean): number {
    return end ? this.endLine : this.line;
  }
  edgeCharacter(end: boolean): number {
    return end ? this.to : this.from;
  }

  get range(): Range {
    return (this.made ??= range(this.line, this.from, this.to, this.endLine));
  }

  /** The cell continues to character `to` of line `endLine`, its text now `text`. */
  extend(text: string, endLine: number, to: number): void {
    this.text = text;
    this.endLine = endLine;
    this.to = to;
    this.made = undefined;
  }

  /** What a plain RawCell serialises as (outputs and the protocol send cells as JSON). */
  toJSON(): RawCell {
    return this.wrapped ? { text: this.text, range: this.range, wrapped: true } : { text: this.text, range: this.range };
  }
}

/**
 * A cell's start or end as numbers, without making its range: what a table's cells and rows keep of the
 * physical cell they were read from, so that the physical cells need not outlive the reading.
 */
export function edgeLine(c: RawCell, end: boolean): number {
  return c instanceof SourceCell ? c.edgeLine(end) : end ? c.range.end.line : c.range.start.line;
}
export function edgeCharacter(c: RawCell, end: boolean): number {
  return c instanceof SourceCell ? c.edgeCharacter(end) : end ? c.range.end.character : c.range.start.character;
}

function cellFromSpan(lineNo: number, text: string, from: number, to: number): SourceCell {
  // trimSpan without its pair: this runs for every field of every row.
  const a = trimmedStart(text, from, to);
  const b = trimmedEnd(text, a, to);
  if (a === b) return new SourceCell('', lineNo, from, lineNo, to);
  return new SourceCell(text.slice(a, b), lineNo, a, lineNo, b);
}

const PIPE = 0x7c;
const FULLWIDTH_PIPE = 0xff5c;

const isPipeCode = (c: number) => c === PIPE || c === FULLWIDTH_PIPE;

/**
 * Empty fields read after a line's last text. A spreadsheet whose used range is wider than its table writes
 * thousands of empty fields a row (16,384 in Excel); no table has a tenth as many columns, and a cell object
 * for each took a line of 4.5 million tabs to 840 MB.
 */
const MAX_TRAILING_EMPTY = 64;

/** Where a line's last text ends: after its last code unit that is neither white space nor a separator. */
function textEnd(text: string, pipes: boolean): number {
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (!isWsCode(c) && !(pipes && isPipeCode(c))) break;
    end--;
  }
  return end;
}

function splitFields(lineNo: number, text: string, pipes: boolean): RawCell[] {
  const cells: RawCell[] = [];
  const end = textEnd(text, pipes);
  let from = 0;
  let trailing = 0;
  // The field [from, to), unless it is one empty field too many after the line's last text.
  const field = (to: number): boolean => {
    if (from >= end && ++trailing > MAX_TRAILING_EMPTY) return false;
    cells.push(cellFromSpan(lineNo, text, from, to));
    return true;
  };
  // The separators found by the native search, several times faster than a loop over every character.
  if (pipes) {
    let ascii = text.indexOf('|');
    let wide = text.indexOf('｜');
    while (ascii >= 0 || wide >= 0) {
      const i = ascii < 0 ? wide : wide < 0 ? ascii : Math.min(ascii, wide);
      if (!field(i)) return cells;
      from = i + 1;
      if (i === ascii) ascii = text.indexOf('|', from);
      else wide = text.indexOf('｜', from);
    }
  } else {
    for (let i = text.indexOf('\t'); i >= 0; i = text.indexOf('\t', from)) {
      if (!field(i)) return cells;
      from = i + 1;
    }
  }
  field(text.length);
  return cells;
}

/**
 * Whether the lines of pipe rows that follow line `from` without a break (those beginning with a pipe
 * passed over, a few at most) reach a row written as `a | b |`: a cell first, a pipe last.
 */
function cellThenPipeFollows(lines: readonly Line[], from: number, to: number): boolean {
  for (let j = from; j < Math.min(to, from + 8); j++) {
    const t = lines[j].text;
    const first = firstNonSpace(t);
    if (first < 0 || !PIPES.test(t)) return false;
    if (!isPipeCode(first)) return isPipeCode(lastNonSpace(t));
  }
  return false;
}

/** "0|" in the lone-pipe shape: a cell and the pipe that closes it on one line (a filled-in empty cell). */
function cellBeforePipe(lineNo: number, text: string): SourceCell | null {
  const [a, b] = trimSpan(text);
  if (b - a < 2) return null;
  const last = text.charCodeAt(b - 1);
  if (last !== PIPE && last !== FULLWIDTH_PIPE) return null;
  const body = text.slice(a, b - 1);
  if (body.includes('\t') || PIPES.test(body) || !isNumberLike(trimWs(body)) && !isPlaceholder(trimWs(body))) return null;
  return cellFromSpan(lineNo, text, a, b - 1);
}

function appendCell(cell: SourceCell, lineNo: number, text: string): void {
  const [a, b] = trimSpan(text);
  cell.extend(cell.text + text.slice(a, b), lineNo, a === b ? text.length : b);
  cell.wrapped = true;
}

/** More cells than a line of PDF text holds (a table row has some twenty): such a line is read as one cell. */
const MAX_SPACED_CELLS = 1000;

/** Space-separated tokens; neighbouring label tokens form one cell, each number its own cell. */
function spacedCells(lineNo: number, text: string): RawCell[] {
  const cells: SourceCell[] = [];
  let labelStart = 0;
  let i = 0;
  let labelOpen = false;
  while (i < text.length) {
    while (i < text.length && isWsCode(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && !isWsCode(text.charCodeAt(i))) i++;
    const token = text.slice(start, i);
    const isValue = isNumberLike(token) || isPlaceholder(token);
    if (!isValue && labelOpen) {
      const last = cells[cells.length - 1];
      last.extend(text.slice(labelStart, i), lineNo, i);
    } else {
      if (cells.length === MAX_SPACED_CELLS) return [cellFromSpan(lineNo, text, 0, text.length)];
      cells.push(new SourceCell(token, lineNo, start, lineNo, i));
      labelStart = start;
    }
    labelOpen = !isValue;
  }
  return cells;
}

/**
 * The physical rows of lines [from, to). Blank lines, page footers and paste noise are skipped;
 * what a row means is decided later, by the statutory labels it carries.
 */
export function physicalRows(lines: readonly Line[], from: number, to: number): PhysicalRow[] {
  const rows: PhysicalRow[] = [];
  let i = from;
  while (i < to) {
    const text = lines[i].text;
    if (isBlank(text) || isFurniture(text) || isMarkdownSeparator(text)) {
      i++;
      continue;
    }
    if (isCellLine(text)) {
      // One cell per line until a line without its tab that is empty or white space only (a blank line
      // with trailing spaces, or an indented empty paragraph 　　, is a row break too); an empty cell is its tab alone.
      const cells: SourceCell[] = [];
      let j = i;
      for (; j < to; j++) {
        const t = lines[j].text;
        if (isBlank(t)) break;
        if (isCellLine(t)) cells.push(cellFromSpan(j, t, 1, t.length));
        else if (cells.length > 0 && isContinuation(t)) appendCell(cells[cells.length - 1], j, t);
        else break;
      }
      rows.push(physicalRow('cellPerLine', cells, i, j - 1));
      i = j;
      continue;
    }
    if (isLonePipe(text) || (i + 1 < to && isLonePipe(lines[i + 1].text) && isCellText(text))) {
      // One cell per line with lone | lines between cells; an empty line ends the row.
      const cells: SourceCell[] = [];
      let open: SourceCell | null = null;
      let pipes = 0;
      // A line of white space between two pipes: the empty cell's own place, where "0" reads back as it.
      let spaceLine = -1;
      let j = i;
      for (; j < to; j++) {
        const t = lines[j].text;
        if (isBlank(t) && (t.length === 0 || open === null)) {
          if (t.length === 0) break;
          if (pipes > 0 && spaceLine < 0) spaceLine = j;
          continue;
        }
        const closed = open === null && pipes > 0 ? cellBeforePipe(j, t) : null;
        if (isLonePipe(t)) {
          if (open) cells.push(open);
          else if (pipes > 0) {
            // Two pipes with nothing between: the empty cell is the start of the second pipe's line,
            // since "0|" there reads as the cell 0 followed by its pipe.
            cells.push(spaceLine >= 0 ? cellFromSpan(spaceLine, lines[spaceLine].text, 0, lines[spaceLine].text.length) : cellFromSpan(j, t, 0, 0));
          }
          open = null;
          pipes++;
          spaceLine = -1;
        } else if (closed) {
          cells.push(closed);
          pipes++;
          spaceLine = -1;
        } else if (t.includes('\t') || PIPES.test(t) || isFurniture(t)) {
          break;
        } else if (open) appendCell(open, j, t);
        else open = cellFromSpan(j, t, 0, t.length);
      }
      if (open) cells.push(open);
      rows.push(physicalRow('pipePerLine', cells, i, j - 1));
      i = Math.max(j, i + 1);
      continue;
    }
    if (PIPES.test(text)) {
      const cells = splitFields(i, text, true);
      const first = firstNonSpace(text);
      const last = lastNonSpace(text);
      // A leading pipe is a markdown row's border, unless the row is one of `a | b |` rows (a cell, then
      // its pipe) whose first cell is empty: then the cell before it is kept. Decided once for a block of
      // pipe rows, by its first row that begins with a pipe; the rows after it follow.
      const prev = rows[rows.length - 1];
      const continues = prev !== undefined && prev.lastLine === i - 1 && (prev.shape === 'pipe' || prev.shape === 'markdown');
      const leading = isPipeCode(first) && (continues ? prev.shape === 'markdown' : !cellThenPipeFollows(lines, i + 1, to));
      if (leading) cells.shift();
      if (isPipeCode(last)) cells.pop();
      rows.push(physicalRow(leading ? 'markdown' : 'pipe', cells, i, i));
    } else if (text.includes('\t')) {
      rows.push(physicalRow('tsv', splitFields(i, text, false), i, i));
    } else if (text.length > 40 && SENTENCE_MARK.test(text)) {
      // A sentence: prose around the tables, one cell; never split into tokens.
      rows.push(physicalRow('spaced', [cellFromSpan(i, text, 0, text.length)], i, i));
    } else {
      rows.push(physicalRow('spaced', spacedCells(i, text), i, i));
    }
    i++;
  }
  return rows;
}
