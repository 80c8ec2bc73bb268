// The cells of a physical row read as logical rows (label cells, then value cells), the segments of
// their labels, and the openers that start a table.
import { type PhysicalRow, type RawCell, SENTENCE_MARK } from './cells.js';
import type { TableDef } from './format/schema.js';
import { type Segment, segmentShapes, segments } from './labels.js';
import { memo, memoText } from './memo.js';
import { type Range, foldLabel, hasHan } from './text.js';
import { isNumberLike, isPlaceholder } from './values.js';

// ---------------------------------------------------------------------------------------------------
// Cells of a physical row → logical rows (label cells, then value cells).

export interface LogicalRow {
  labels: RawCell[];
  values: RawCell[];
  physical: PhysicalRow;
}

function isLabelCell(c: RawCell): boolean {
  return c.text !== '' && hasHan(c.text) && isLabelText(c.text);
}
// Texts with Chinese in them recur (the statutory labels): read once each.
const isLabelText = memoText((text: string) => !isNumberLike(text) && !isPlaceholder(text));

/** A physical row may hold several logical rows (a block that lost its row breaks): split at labels. */
export function logicalRows(pr: PhysicalRow): LogicalRow[] {
  return (pr.logical ??= readLogicalRows(pr));
}

// The cells of the logical row being read, copied out at its end at their exact length (arrays grown by
// push hold room for 17). Reading is not re-entrant, so one pair serves every row.
const labelScratch: RawCell[] = [];
const valueScratch: RawCell[] = [];
/** Which cells of the row are label cells: each cell is asked once. */
const isLabelScratch: boolean[] = [];

function readLogicalRows(pr: PhysicalRow): LogicalRow[] {
  const cells = pr.cells;
  // Empty fields before the first label are merged label columns, in every shape (.docx exports write
  // them as lines holding a lone tab before the label; read as values, they hid a missing number).
  let leadingMerge = false;
  for (let k = 0; k < cells.length; k++) if ((isLabelScratch[k] = isLabelCell(cells[k]))) leadingMerge = true;
  const out: LogicalRow[] = [];
  let labels = 0;
  let values = 0;
  let filled = false;
  const close = () => out.push({ labels: labelScratch.slice(0, labels), values: valueScratch.slice(0, values), physical: pr });
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k];
    if (isLabelScratch[k]) {
      if (filled) {
        close();
        labels = values = 0;
        filled = false;
      } else if (values && labels) {
        // Empty fields between label cells are merged cells, not values.
        values = 0;
      }
      labelScratch[labels++] = c;
    } else if (labels || c.text !== '' || !leadingMerge) {
      valueScratch[values++] = c;
      if (c.text !== '') filled = true;
    }
  }
  close();
  return out;
}

// The extra cells of most rows: none, one array for all of them (never changed: rows replace theirs).
const NO_CELLS: readonly RawCell[] = Object.freeze([]);

/** Fits the value cells to the expected count: merge blanks are dropped from the ends first. */
export function fitValues(values: RawCell[], n: number): { fitted: readonly RawCell[]; extra: readonly RawCell[] } {
  let a = 0;
  let b = values.length;
  while (b - a > n && values[b - 1].text === '') b--;
  while (b - a > n && values[a].text === '') a++;
  const end = Math.min(b, a + n);
  // The common row has exactly its columns: no copies.
  const fitted = a === 0 && end === values.length ? values : values.slice(a, end);
  // Table 二's one-column sub-tables span the width of its three-column ones; exports that fill merged
  // cells repeat the value across that span ("行政许可\t152\t152\t152"). Wider rows have no merged values.
  const last = fitted[fitted.length - 1];
  if (end === b) return { fitted, extra: NO_CELLS };
  if (n < 3 && last && last.text !== '' && b - end < 3 && values.slice(end, b).every((c) => c.text === last.text)) return { fitted, extra: NO_CELLS };
  return { fitted, extra: values.slice(end, b) };
}

export function physicalRange(pr: PhysicalRow): Range {
  const first = pr.cells[0]?.range.start ?? { line: pr.firstLine, character: 0 };
  const last = pr.cells[pr.cells.length - 1]?.range.end ?? { line: pr.lastLine, character: 0 };
  return { start: first, end: last };
}

/**
 * PDF text's words that read as prose, not as a row: a sentence, or words longer than any label, caption or
 * header (a text that lost its line breaks: a line of 1.5 million characters was folded and searched whole,
 * again for every format and step, 550 MB of copies).
 */
export function isProse(lr: LogicalRow): boolean {
  return lr.physical.shape === 'spaced' && lr.labels.some((c) => c.text.length > 24 && (c.text.length > LONGEST_LABEL || SENTENCE_MARK.test(c.text)));
}
/** Longer than a statutory label, caption or column header can be written (the longest are some 40 characters). */
const LONGEST_LABEL = 200;

// ---------------------------------------------------------------------------------------------------

/** How much of a row's first cell is read for an opener. */
export const FIRST_CELL_REACH = 80;

export function firstFilled(pr: PhysicalRow): RawCell | undefined {
  return pr.cells.find((c) => c.text !== '');
}

/** The folded text of a row's first non-empty cell (its first FIRST_CELL_REACH units), without a leading bracket. */
export function firstCell(pr: PhysicalRow): string {
  if (pr.first !== undefined) return pr.first;
  const first = firstFilled(pr);
  const f = first ? foldLabel(first.text.length > FIRST_CELL_REACH ? first.text.slice(0, FIRST_CELL_REACH) : first.text) : '';
  return (pr.first = f.charCodeAt(0) === 0x28 ? f.slice(1) : f);
}

export const foldedOpeners = memo((def: TableDef): string[] => def.openers.map(foldLabel));

/** Whether a cell's text starts with one of the table's openers (its caption or first header). */
export function startsWithOpener(def: TableDef, text: string): boolean {
  const f = foldLabel(text).replace(/^[(]/, '');
  return foldedOpeners(def).some((o) => f.startsWith(o));
}

/** Segments of the label cells read as one text, with ranges mapped back to the cells. */
export function segmentsOf(cells: readonly RawCell[]): Segment[] {
  if (cells.length === 1) return segments(cells[0].text, cells[0]);
  const text = cells.map((c) => c.text).join('');
  const starts: number[] = [];
  let o = 0;
  for (const c of cells) {
    starts.push(o);
    o += c.text.length;
  }
  const at = (offset: number, end: boolean) => {
    let k = starts.length - 1;
    while (k > 0 && (end ? starts[k] >= offset : starts[k] > offset)) k--;
    const c = cells[k];
    if (c.wrapped) return end ? c.range.end : c.range.start;
    return { line: c.range.start.line, character: c.range.start.character + offset - starts[k] };
  };
  let pos = 0;
  return segmentShapes(text).map((seg) => {
    const from = text.indexOf(seg.text, pos);
    pos = from + seg.text.length;
    return { text: seg.text, enumerator: seg.enumerator, core: seg.core, range: { start: at(from, false), end: at(from + seg.text.length, true) } };
  });
}
