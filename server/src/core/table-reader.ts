// Reading one table with one format's declaration: a reader with named steps over the logical rows.
import { type PhysicalRow, type RawCell, type Shape, edgeCharacter, edgeLine } from './cells.js';
import type { ColumnDef, FormatDef, GroupDef, PartDef, RowDef, TableDef } from './format/schema.js';
import { type LabelMatch, ROW_THRESHOLD, foldCaption, isExactLabel, labelIndex, matchCaption, matchLabel, segmentShapes } from './labels.js';
import { memo2 } from './memo.js';
import { type LogicalRow, fitValues, isProse, logicalRows, physicalRange, segmentsOf, startsWithOpener } from './table-rows.js';
import type { RowLabel, Table, TableCell, TablePart, TableRow } from './tables.js';
import { type Range, foldLabel, range } from './text.js';
import { type CellValue, parseCell } from './values.js';

function countFilled(cells: readonly RawCell[]): number {
  let n = 0;
  for (const c of cells) if (c.text !== '') n++;
  return n;
}

/**
 * A raw cell read for a row and column of the format. It keeps where the raw cell is as numbers, not the
 * raw cell: a report's model is kept (an editor's, each report of a file's), and the physical cells need
 * not be kept with it. Its range is made when a finding, a hover or a view asks for it.
 */
class ReadCell implements TableCell {
  readonly raw: string;
  readonly value: Readonly<CellValue>;
  private readonly line: number;
  private readonly from: number;
  private readonly endLine: number;
  private readonly to: number;
  private made: Range | undefined = undefined;

  constructor(
    readonly row: RowDef,
    readonly column: ColumnDef,
    source: RawCell,
  ) {
    this.raw = source.text;
    this.value = parseCell(source.text, column.kind);
    this.line = edgeLine(source, false);
    this.from = edgeCharacter(source, false);
    this.endLine = edgeLine(source, true);
    this.to = edgeCharacter(source, true);
  }

  get range(): Range {
    return (this.made ??= range(this.line, this.from, this.to, this.endLine));
  }

  toJSON(): TableCell {
    return { row: this.row, column: this.column, raw: this.raw, range: this.range, value: this.value };
  }
}

/** The one way a table cell is made. */
function tableCell(row: RowDef, column: ColumnDef, raw: RawCell): TableCell {
  return new ReadCell(row, column, raw);
}

/**
 * A row read for a statutory row. Its range, from its first cell to its last, is made when first asked
 * for (a finding, the outline, a view), as its cells' ranges are; until then it is kept as numbers.
 */
class ReadRow implements TableRow {
  declare byPosition?: boolean;
  declare duplicate?: boolean;
  declare outOfOrder?: boolean;
  private made: Range | undefined = undefined;
  private readonly startLine: number;
  private readonly startCharacter: number;
  private endLine = 0;
  private endCharacter = 0;

  /** From cell `first` to cell `last`; without them, from the physical row's first cell or to its last. */
  constructor(
    readonly def: RowDef,
    public label: RowLabel | null,
    readonly cells: (TableCell | null)[],
    public extra: readonly RawCell[],
    first: RawCell | undefined,
    last: RawCell | undefined,
    physical: PhysicalRow,
  ) {
    const from = first ?? physical.cells[0];
    this.startLine = from ? edgeLine(from, false) : physical.firstLine;
    this.startCharacter = from ? edgeCharacter(from, false) : 0;
    const to = last ?? physical.cells[physical.cells.length - 1];
    if (to) this.extendTo(to);
    else this.endLine = physical.lastLine;
  }

  get range(): Range {
    return (this.made ??= range(this.startLine, this.startCharacter, this.endCharacter, this.endLine));
  }

  /** Values on a later line joined the row: it now ends at the last of them. */
  extendTo(cell: RawCell): void {
    this.made = undefined;
    this.endLine = edgeLine(cell, true);
    this.endCharacter = edgeCharacter(cell, true);
  }

  /** What a plain row serialises as (the protocol sends tables as JSON). */
  toJSON(): TableRow {
    const out: TableRow = { def: this.def, label: this.label, cells: this.cells, extra: this.extra, range: this.range };
    if (this.byPosition) out.byPosition = true;
    if (this.duplicate) out.duplicate = true;
    if (this.outOfOrder) out.outOfOrder = true;
    return out;
  }
}

/** A row of a part from its label and value cells: the values fitted to the part's columns. */
function newRow(def: RowDef, part: PartDef, labelCells: readonly RawCell[], values: RawCell[], label: RowLabel | null, physical: PhysicalRow): ReadRow {
  const { fitted, extra } = fitValues(values, part.columns.length);
  const cells = part.columns.map((column, k) => (fitted[k] ? tableCell(def, column, fitted[k]) : null));
  const first = labelCells[0] ?? values[0];
  const last = values[values.length - 1] ?? labelCells[labelCells.length - 1];
  return new ReadRow(def, label, cells, extra, first, last, physical);
}

/** A row still waiting for its value cells (label and values on separate lines). */
interface Pending {
  row: ReadRow;
  part: number;
}

/** A row whose label names no statutory row, kept to be placed by position once the table is read. */
interface UnknownRow {
  row: LogicalRow;
  after: ReadRow | null;
  part: number;
}

/** A part as the reader fills it: its rows are the reader's. */
type ReadPart = TablePart & { rows: ReadRow[] };

/**
 * The state of reading one table with one format's declaration, and its steps: a caption switches the
 * part, a data row is matched by its label, values on their own line fill the pending row, a label
 * fragment waits for its numbers, an unknown row waits to be placed by position.
 */
class TableReader {
  readonly parts: ReadPart[];
  private partIdx = 0;
  /** The group named last (（三）不予公开), and the index of the row expected next: they break near-ties. */
  private context: string | null = null;
  private expected = 0;
  private pending: Pending | null = null;
  private lastRow: ReadRow | null = null;
  /** Unmatched label text before a row (a wrapped label, a vertical group label). */
  private prefix: RawCell[] = [];
  private readonly unknown: UnknownRow[] = [];
  private dataRows = 0;
  /** The last statutory row is complete, or prose follows the data: the table ends. */
  done = false;
  /** Set when the current physical row was used by the table. */
  used = false;
  readonly evidence = { unknownCaptions: 0, headerMisses: 0 };

  constructor(
    private readonly def: TableDef,
    private readonly format: FormatDef,
  ) {
    this.parts = def.parts.map((p) => ({ def: p, caption: null, rows: [] }));
  }

  /** Reads one logical row; false when the rest of its physical row is not part of the table. */
  step(lr: LogicalRow, shape: Shape): boolean {
    const nonEmpty = countFilled(lr.values);
    if (isProse(lr)) {
      if (this.dataRows === 0) return true;
      this.done = true;
      return false;
    }
    if (this.def.parts.length > 1 && lr.labels.length && nonEmpty === 0 && this.caption(lr)) return true;
    const part = this.def.parts[this.partIdx];
    if (!part.labelledRows) return this.unlabelledData(lr, nonEmpty);
    const spaced = shape === 'spaced';
    let labels = lr.labels;
    if (labels.length === 0) {
      if (nonEmpty === 0) return true;
      // PDF text: the label on the lines above, the numbers on a line of their own.
      if (spaced && this.prefix.length) labels = this.prefix;
      else {
        this.pendingValues(lr, spaced);
        return true;
      }
    }
    // Column headers (自然人, 法人或其他组织, 总计 …) head columns, not rows; they also tell the format.
    if (nonEmpty === 0 && labels.some((c) => isColumnHeader(part, this.format, c.text))) {
      for (const c of labels) if (!isColumnHeader(part, this.format, c.text) && !startsWithOpener(this.def, c.text)) this.evidence.headerMisses++;
      return true;
    }
    if (spaced && nonEmpty === 0) this.labelFragment(part, labels);
    else this.dataRow(part, lr, labels, nonEmpty, spaced);
    return true;
  }

  /** A caption row (第二十条第（五）项) switches the part; true when the row was a caption. */
  private caption(lr: LogicalRow): boolean {
    const text = lr.labels[0].text;
    const caption = foldCaption(text);
    // The first part of the best score (no arrays: this runs for every header row of table 二).
    let best = 0;
    let bestScore = -Infinity;
    for (let k = 0; k < this.def.parts.length; k++) {
      const score = matchCaption(caption, this.def.parts[k]);
      if (score > bestScore) {
        best = k;
        bestScore = score;
      }
    }
    if (bestScore >= 0.8) {
      this.partIdx = best;
      this.parts[best].caption = lr.labels[0].range;
      this.expected = 0;
      this.pending = null;
      this.used = true;
      return true;
    }
    if (startsWithOpener(this.def, text)) {
      // A caption this format does not have (第二十条第（九）项 read as 2021): evidence against it.
      this.evidence.unknownCaptions++;
      return true;
    }
    return false;
  }

  /** Table 四: one data row of numbers under header rows; the label, if any, does not matter. */
  private unlabelledData(lr: LogicalRow, nonEmpty: number): boolean {
    const part = this.def.parts[this.partIdx];
    const target = this.parts[this.partIdx];
    const existing = target.rows[0];
    // The data row left blank (a blank template: exactly one empty field per column) is the row, with blank cells.
    const blankRow = nonEmpty === 0 && lr.labels.length === 0 && lr.values.length === part.columns.length && !existing;
    if (!blankRow && (nonEmpty === 0 || (lr.labels.length && nonEmpty < 3))) return true;
    if (existing && existing.cells.some((c) => c === null)) this.fill(existing, this.partIdx, lr);
    else if (!existing) target.rows.push(newRow(part.rows[0], part, [], lr.values, null, lr.physical));
    else return false;
    this.used = true;
    this.dataRows++;
    this.lastRow = target.rows[0];
    if (target.rows[0].cells.every((c) => c !== null)) this.done = true;
    return true;
  }

  /** Values on their own line: they belong to the label just above, or continue a short row. */
  private pendingValues(lr: LogicalRow, spaced: boolean): void {
    const last = this.lastRow;
    // Only a row of the current part: after a caption the columns are another part's.
    const short = last && this.parts[this.partIdx].rows.includes(last) && last.cells.some((c) => c === null) && spaced;
    const target = this.pending ?? (short ? { row: last, part: this.partIdx } : null);
    if (!target) return;
    if (this.pending) this.accept(this.pending.row, this.pending.part);
    this.fill(target.row, target.part, lr);
    this.used = true;
  }

  /** A label fragment: the rest of the label above its numbers, or the start of the next label. */
  private labelFragment(part: PartDef, labels: RawCell[]): void {
    if (this.lastRow && continuesLabel(this.lastRow, labels)) extendLabel(this.lastRow, labels);
    else {
      this.prefix = [...this.prefix, ...labels].slice(-8);
      const g: GroupDef | null = matchLabel(segmentsOf(labels), labelIndex(part), this.context, this.expected).group;
      if (g) this.context = g.id;
    }
    this.used = true;
  }

  /** A row with a label: matched to a statutory row, or kept as unknown when its label names none. */
  private dataRow(part: PartDef, lr: LogicalRow, labels: RawCell[], nonEmpty: number, spaced: boolean): void {
    let labelCells = spaced && labels !== this.prefix ? [...this.prefix, ...labels] : labels;
    let m: LabelMatch = matchLabel(segmentsOf(labelCells), labelIndex(part), this.context, this.expected);
    if (labelCells !== labels) {
      const alone = matchLabel(segmentsOf(labels), labelIndex(part), this.context, this.expected);
      if (alone.row && alone.score >= m.score) [m, labelCells] = [alone, labels];
    }
    if (m.group) this.context = m.group.id;
    const hasValues = nonEmpty > 0 || lr.values.length >= part.columns.length;
    if (!m.row || m.score < ROW_THRESHOLD) {
      if (hasValues && nonEmpty > 0) {
        this.unknown.push({ row: { ...lr, labels: labelCells }, after: this.lastRow, part: this.partIdx });
        this.used = true;
        this.prefix = [];
      }
      return;
    }
    this.prefix = [];
    const seg = m.segment!;
    const label: RowLabel = {
      text: seg.text,
      range: seg.range ?? labelCells[0].range,
      replaceable: seg.range !== null && seg.range.start.line === seg.range.end.line && !labelCells.some((c) => c.wrapped),
      exact: isExactLabel(seg, m.row),
      score: m.score,
    };
    const row = newRow(m.row, part, labelCells, lr.values, label, lr.physical);
    this.expected = part.rows.indexOf(m.row) + 1;
    this.used = true;
    if (!hasValues) {
      this.pending = { row, part: this.partIdx };
      return;
    }
    this.pending = null;
    this.accept(row, this.partIdx);
    if (isLastRow(this.def, this.partIdx, m.row) && row.cells.every((c) => c !== null)) this.done = true;
  }

  /** The row joins its part as a data row. */
  private accept(row: ReadRow, part: number): void {
    this.parts[part].rows.push(row);
    this.lastRow = row;
    this.dataRows++;
    if (this.pending?.row === row) this.pending = null;
  }

  /** Value cells on a line of their own fill the row's cells that are still missing. */
  private fill(row: ReadRow, partIdx: number, lr: LogicalRow): void {
    const part = this.def.parts[partIdx];
    const have = row.cells.filter((c) => c !== null).length;
    const { fitted, extra } = fitValues(lr.values, part.columns.length - have);
    fitted.forEach((c, k) => (row.cells[have + k] = tableCell(row.def, part.columns[have + k], c)));
    if (extra.length) row.extra = [...row.extra, ...extra];
    if (lr.values.length) row.extendTo(lr.values[lr.values.length - 1]);
  }

  /** Places the unknown rows by position and marks duplicates and rows out of order. */
  finish(): TablePart[] {
    resolveUnknown(this.parts, this.unknown);
    markOrder(this.parts);
    return this.parts;
  }
}

/**
 * Reads one table from physical rows starting at `start` (its opener), with one format's declaration.
 * Stops at the table's last statutory row, at prose after data, at `stop`, or at the end.
 */
export function readTable(rows: readonly PhysicalRow[], start: number, stop: number, def: TableDef, format: FormatDef): Table {
  const reader = new TableReader(def, format);
  // The shapes met and how many rows each: a table's rows have one or two (a linear search, not a Map per table).
  const shapes: Shape[] = [];
  const counts: number[] = [];
  let end = start;
  for (let i = start; i < stop && !reader.done; i++) {
    const pr = rows[i];
    reader.used = false;
    const k = shapes.indexOf(pr.shape);
    if (k < 0) {
      shapes.push(pr.shape);
      counts.push(1);
    } else counts[k]++;
    for (const lr of logicalRows(pr)) if (!reader.step(lr, pr.shape)) break;
    if (reader.used) end = i;
  }
  const parts = reader.finish();
  const first = rows[start];
  const last = rows[Math.max(start, end)];
  // The shape of most rows; of equals, the one met first.
  let shape: Shape = first.shape;
  let most = 0;
  for (let k = 0; k < shapes.length; k++) if (counts[k] > most) [shape, most] = [shapes[k], counts[k]];
  return {
    def,
    format,
    parts,
    range: { start: physicalRange(first).start, end: physicalRange(last).end },
    openerRange: physicalRange(first),
    shape,
    firstLine: first.firstLine,
    lastLine: last.lastLine,
    rowsUsed: [start, Math.max(start, end)],
    evidence: reader.evidence,
  };
}

/** Words that head columns of a part: its column labels and groups, and the format's label-column headers. */
const headerWords = memo2((part: PartDef, format: FormatDef): ReadonlySet<string> => {
  const set = new Set(format.labelHeaderWords.map(foldLabel));
  for (const c of part.columns) {
    set.add(foldLabel(c.label));
    if (c.group) set.add(foldLabel(c.group));
  }
  return set;
});

const HEADER_SPACE = /[\s\u00a0\u3000]/;
const HEADER_SPACES = /[\s\u00a0\u3000]+/;
function isColumnHeader(part: PartDef, format: FormatDef, text: string): boolean {
  const set = headerWords(part, format);
  if (set.has(foldLabel(text))) return true;
  // PDF text merges neighbouring headers into one cell: "自然人 法人或其他组织 总计". Without a space, one word.
  if (!HEADER_SPACE.test(text)) return false;
  const words = text.split(HEADER_SPACES).filter(Boolean);
  return words.length > 1 && words.every((w) => set.has(foldLabel(w)));
}

function isLastRow(def: TableDef, partIdx: number, row: RowDef): boolean {
  const part = def.parts[def.parts.length - 1];
  return partIdx === def.parts.length - 1 && part.rows[part.rows.length - 1] === row;
}

// A single character before a space is a vertical group label interleaved with the rows.
function continuation(more: readonly RawCell[]): string {
  return more.map((c) => c.text.replace(/^\S\s+(?=\S)/u, '')).join('');
}

function leafExact(text: string, def: RowDef): boolean {
  const segs = segmentShapes(text);
  return segs.length > 0 && isExactLabel(segs[segs.length - 1], def);
}

/** Whether the fragment completes the wrapped label of the row above. */
function continuesLabel(row: TableRow, more: readonly RawCell[]): boolean {
  return !!row.label && !row.label.exact && leafExact(row.label.text + continuation(more), row.def);
}

function extendLabel(row: TableRow, more: readonly RawCell[]): void {
  if (!row.label) return;
  const joined = row.label.text + continuation(more);
  row.label = {
    ...row.label,
    text: joined,
    range: { start: row.label.range.start, end: more[more.length - 1].range.end },
    replaceable: false,
    exact: leafExact(joined, row.def),
  };
}

/** A row whose label names no statutory row, between two known rows with one missing between them. */
function resolveUnknown(parts: ReadPart[], unknown: UnknownRow[]): void {
  for (const u of unknown) {
    const part = parts[u.part];
    const rows = part.def.rows;
    const present = new Set(part.rows.map((r) => r.def));
    const afterIdx = u.after && part.rows.includes(u.after) ? rows.indexOf(u.after.def) : -1;
    const candidate = rows[afterIdx + 1];
    if (!candidate || present.has(candidate)) continue;
    const nextPresent = rows.slice(afterIdx + 2).find((r) => present.has(r));
    if (nextPresent && rows.indexOf(nextPresent) !== afterIdx + 2) continue;
    const labelCell = u.row.labels[u.row.labels.length - 1];
    const label: RowLabel = { text: labelCell.text, range: labelCell.range, replaceable: u.row.labels.length === 1 && !labelCell.wrapped, exact: false, score: 0 };
    const row = newRow(candidate, part.def, u.row.labels, u.row.values, label, u.row.physical);
    row.byPosition = true;
    const at = u.after ? part.rows.indexOf(u.after) + 1 : 0;
    part.rows.splice(at, 0, row);
  }
}

function markOrder(parts: TablePart[]): void {
  for (const part of parts) {
    const seen = new Set<RowDef>();
    let maxIdx = -1;
    for (const row of part.rows) {
      if (seen.has(row.def)) row.duplicate = true;
      seen.add(row.def);
      const idx = part.def.rows.indexOf(row.def);
      if (!row.duplicate && idx < maxIdx) row.outOfOrder = true;
      maxIdx = Math.max(maxIdx, idx);
    }
  }
}
