// Table recognition: physical rows → the statutory tables 二, 三, 四, driven by the format declarations.
// Where a table starts (its opener), which format reads it best, and the table model the checks read.
// The reading itself is table-reader.ts; the cells of physical rows as label and value cells, table-rows.ts.
import type { PhysicalRow, RawCell, Shape } from './cells.js';
import type { Doubt } from './confidence.js';
import type { ColumnDef, FormatDef, PartDef, RowDef, TableDef } from './format/schema.js';
import { FORMATS } from './format/formats.js';
import { labelIndex, matchLabel } from './labels.js';
import { memo, memo2 } from './memo.js';
import { readTable } from './table-reader.js';
import { FIRST_CELL_REACH, firstCell, firstFilled, foldedOpeners, logicalRows, segmentsOf } from './table-rows.js';
import { type Range, foldedCode } from './text.js';
import type { CellValue } from './values.js';

export { readTable } from './table-reader.js';

export interface TableCell {
  row: RowDef;
  column: ColumnDef;
  raw: string;
  range: Range;
  value: Readonly<CellValue>;
}

export interface RowLabel {
  /** The label as written (the segment that names the row, wrapped pieces joined). */
  text: string;
  range: Range;
  /** The written label may be replaced in place by the statutory one. */
  replaceable: boolean;
  exact: boolean;
  score: number;
}

export interface TableRow {
  def: RowDef;
  label: RowLabel | null;
  /** One per column of the part; null where the row has no cell for the column. */
  cells: (TableCell | null)[];
  /** Values beyond the columns the part has. */
  extra: readonly RawCell[];
  range: Range;
  /** Identified by its position between two known rows, not by its label. */
  byPosition?: boolean;
  duplicate?: boolean;
  outOfOrder?: boolean;
}

export interface TablePart {
  def: PartDef;
  caption: Range | null;
  /** Rows in document order, duplicates included. */
  rows: TableRow[];
}

export interface Table {
  def: TableDef;
  format: FormatDef;
  parts: TablePart[];
  /** From the opening caption or header to the last data row. */
  range: Range;
  openerRange: Range;
  shape: Shape;
  firstLine: number;
  lastLine: number;
  /** Rows this table is made of, by index into the physical rows it was read from. */
  rowsUsed: [number, number];
  /** What speaks against this reading's format: captions and column headers it does not have. */
  evidence: { unknownCaptions: number; headerMisses: number };
  /** Why the reading is uncertain (confidence.ts), set by the model; null when read with confidence. */
  doubt?: Doubt | null;
}

/**
 * Whether physical row `pr`, whose folded first cell is `f` (not empty), may open a table of kind `def`
 * (whose folded openers are `openers`).
 */
function opensTable(pr: PhysicalRow, f: string, def: TableDef, openers: readonly string[]): boolean {
  for (const o of openers) {
    if (f.startsWith(o) && f.length <= o.length + 40) {
      if (!SENTENCE.test(f)) return true;
      break;
    }
  }
  // A table whose caption was lost starts at its first statutory row.
  if (def.id === 'applications' && /本年新收|上年结转/.test(f)) {
    const lr = logicalRows(pr)[0];
    if (lr.labels.length && lr.values.some((v) => v.text !== '')) {
      const part = def.parts[0];
      const m = matchLabel(segmentsOf(lr.labels), labelIndex(part), null, 0);
      if (m.row && m.score >= 0.9 && part.rows.indexOf(m.row) <= 1) return true;
    }
  }
  return false;
}
const SENTENCE = /[。；;]/;

/**
 * For each table kind, the indices of the rows that may open it, ascending. One pass over the rows for
 * every kind at once: each row's first cell is looked at once, not once per kind and per search.
 */
export function openerRows(rows: readonly PhysicalRow[], defs: readonly TableDef[]): Map<TableDef, number[]> {
  const found = defs.map((): number[] => []);
  const { openers, firstCodes } = openerIndex(defs);
  for (let i = 0; i < rows.length; i++) {
    if (!mayOpen(rows[i], firstCodes)) continue;
    const f = firstCell(rows[i]);
    if (!f) continue;
    for (let d = 0; d < defs.length; d++) if (opensTable(rows[i], f, defs[d], openers[d])) found[d].push(i);
  }
  return new Map(defs.map((d, k) => [d, found[k]]));
}

/** The folded openers of each table kind, and the code units they start with: once per format, not per region. */
const openerIndex = memo((defs: readonly TableDef[]) => {
  const openers = defs.map(foldedOpeners);
  return { openers, firstCodes: new Set(openers.flat().map((o) => o.charCodeAt(0))) };
});

/**
 * Whether a row's first cell could open a table, from its raw text and without folding it: its folded
 * text must start like an opener, or name 本年新收/上年结转 (folding makes no Chinese character). Most
 * rows (prose) are refused here.
 */
function mayOpen(pr: PhysicalRow, firstCodes: ReadonlySet<number>): boolean {
  const first = firstFilled(pr);
  if (!first) return false;
  const t = first.text;
  const n = Math.min(t.length, FIRST_CELL_REACH);
  let i = 0;
  while (i < n && foldedCode(t.charCodeAt(i)) === 0) i++;
  // firstCell drops one leading bracket.
  if (i < n && foldedCode(t.charCodeAt(i)) === 0x28) {
    i++;
    while (i < n && foldedCode(t.charCodeAt(i)) === 0) i++;
  }
  if (i < n && firstCodes.has(foldedCode(t.charCodeAt(i)))) return true;
  // 收 or 转 within the reach firstCell folds (the native search, not a loop over every character).
  const shou = t.indexOf('收', i);
  if (shou >= 0 && shou < n) return true;
  const zhuan = t.indexOf('转', i);
  return zhuan >= 0 && zhuan < n;
}

/** How well a reading fits its format: rows found, less for rows found by position, captions and headers it lacks. */
export function tableScore(t: Table): number {
  let s = 0;
  for (const p of t.parts) for (const r of p.rows) if (!r.duplicate) s += r.byPosition ? 0.25 : r.label?.exact ? 1 : 0.75;
  return s - 2 * t.evidence.unknownCaptions - 0.5 * t.evidence.headerMisses;
}

/** Reads the table at `start` with every format and keeps the reading that fits best. */
export function readBestTable(rows: readonly PhysicalRow[], start: number, stop: number, id: TableDef['id'], preferred: FormatDef): Table {
  let best: Table | null = null;
  let bestScore = -Infinity;
  // Formats that declare the table identically need only one reading.
  const formats = [preferred, ...FORMATS.filter((f) => f !== preferred && !sameTable(f, preferred, id))];
  for (const format of formats) {
    const def = format.tables.find((t) => t.id === id)!;
    const t = readTable(rows, start, stop, def, format);
    const s = tableScore(t);
    if (s > bestScore) [best, bestScore] = [t, s];
    // Every row found under its exact label: no other format can read it better.
    if (s === t.parts.reduce((n, p) => n + p.def.rows.length, 0)) break;
  }
  return best!;
}

const sameDeclaration = memo2((a: TableDef, b: TableDef): boolean => JSON.stringify(a) === JSON.stringify(b));
/** Whether two formats declare a table identically (table 四 is the same in both). */
export function sameTable(a: FormatDef, b: FormatDef, id: TableDef['id']): boolean {
  return sameDeclaration(a.tables.find((t) => t.id === id)!, b.tables.find((t) => t.id === id)!);
}
