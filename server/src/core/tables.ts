// Table recognition: physical rows → the statutory tables 二, 三, 四, driven by the format declarations.
import { type PhysicalRow, type RawCell, SENTENCE_MARK, type Shape } from './cells.js';
import type { ColumnDef, FormatDef, GroupDef, PartDef, RowDef, TableDef } from './format/schema.js';
import { FORMATS } from './format/formats.js';
import { type LabelMatch, type Segment, ROW_THRESHOLD, isExactLabel, labelIndex, matchCaption, matchLabel, segments } from './labels.js';
import { type Range, foldLabel, hasHan, range } from './text.js';
import { type CellValue, isNumberLike, isPlaceholder, parseCell } from './values.js';

export interface TableCell {
  row: RowDef;
  column: ColumnDef;
  raw: string;
  range: Range;
  value: CellValue;
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
  extra: RawCell[];
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
}

// ---------------------------------------------------------------------------------------------------
// Cells of a physical row → logical rows (label cells, then value cells).

interface LogicalRow {
  labels: RawCell[];
  values: RawCell[];
  physical: PhysicalRow;
}

function isLabelCell(c: RawCell): boolean {
  return c.text !== '' && hasHan(c.text) && !isNumberLike(c.text) && !isPlaceholder(c.text);
}

const logicalCache = new WeakMap<PhysicalRow, LogicalRow[]>();

/** A physical row may hold several logical rows (a block that lost its row breaks): split at labels. */
function logicalRows(pr: PhysicalRow): LogicalRow[] {
  const cached = logicalCache.get(pr);
  if (cached) return cached;
  const isLabel = pr.cells.map(isLabelCell);
  // Empty fields before the first label are merged label columns, in every shape (.docx exports write
  // them as lines holding a lone tab before the label; read as values, they hid a missing number).
  const leadingMerge = isLabel.includes(true);
  const out: LogicalRow[] = [];
  let cur: LogicalRow = { labels: [], values: [], physical: pr };
  pr.cells.forEach((c, k) => {
    if (isLabel[k]) {
      if (cur.values.some((v) => v.text !== '')) {
        out.push(cur);
        cur = { labels: [], values: [], physical: pr };
      } else if (cur.values.length && cur.labels.length) {
        // Empty fields between label cells are merged cells, not values.
        cur.values = [];
      }
      cur.labels.push(c);
    } else if (cur.labels.length || c.text !== '' || !leadingMerge) {
      cur.values.push(c);
    }
  });
  out.push(cur);
  logicalCache.set(pr, out);
  return out;
}

/** Fits the value cells to the expected count: merge blanks are dropped from the ends first. */
function fitValues(values: RawCell[], n: number): { fitted: RawCell[]; extra: RawCell[] } {
  const v = values.slice();
  while (v.length > n && v[v.length - 1].text === '') v.pop();
  while (v.length > n && v[0].text === '') v.shift();
  const fitted = v.slice(0, n);
  const extra = v.slice(n);
  // Table 二's one-column sub-tables span the width of its three-column ones; exports that fill merged
  // cells repeat the value across that span ("行政许可\t152\t152\t152"). Wider rows have no merged values.
  const last = fitted[fitted.length - 1];
  if (n < 3 && last && last.text !== '' && extra.length < 3 && extra.every((c) => c.text === last.text)) return { fitted, extra: [] };
  return { fitted, extra };
}

function spanOf(cells: readonly RawCell[], fallback: Range): Range {
  if (cells.length === 0) return fallback;
  return { start: cells[0].range.start, end: cells[cells.length - 1].range.end };
}

function physicalRange(pr: PhysicalRow): Range {
  const first = pr.cells[0]?.range.start ?? { line: pr.firstLine, character: 0 };
  const last = pr.cells[pr.cells.length - 1]?.range.end ?? { line: pr.lastLine, character: 0 };
  return { start: first, end: last };
}

function isProse(lr: LogicalRow): boolean {
  return lr.physical.shape === 'spaced' && lr.labels.some((c) => c.text.length > 24 && SENTENCE_MARK.test(c.text));
}

// ---------------------------------------------------------------------------------------------------

const firstCellCache = new WeakMap<PhysicalRow, string>();
/** The folded text of a row's first non-empty cell, without a leading bracket. */
function firstCell(pr: PhysicalRow): string {
  let f = firstCellCache.get(pr);
  if (f === undefined) {
    const first = pr.cells.find((c) => c.text !== '');
    f = first ? foldLabel(first.text.length > 80 ? first.text.slice(0, 80) : first.text).replace(/^[(]/, '') : '';
    firstCellCache.set(pr, f);
  }
  return f;
}

const openerCache = new WeakMap<TableDef, string[]>();
function foldedOpeners(def: TableDef): string[] {
  let openers = openerCache.get(def);
  if (!openers) openerCache.set(def, (openers = def.openers.map(foldLabel)));
  return openers;
}

/** Whether a cell's text starts with one of the table's openers (its caption or first header). */
function startsWithOpener(def: TableDef, text: string): boolean {
  const f = foldLabel(text).replace(/^[(]/, '');
  return foldedOpeners(def).some((o) => f.startsWith(o));
}

export function findOpener(rows: readonly PhysicalRow[], def: TableDef, from: number): number {
  const openers = foldedOpeners(def);
  for (let i = from; i < rows.length; i++) {
    const f = firstCell(rows[i]);
    if (!f) continue;
    if (openers.some((o) => f.startsWith(o) && f.length <= o.length + 40) && !/[。；;]/.test(f)) return i;
    // A table whose caption was lost starts at its first statutory row.
    if (def.id === 'applications' && /本年新收|上年结转/.test(f)) {
      const lr = logicalRows(rows[i])[0];
      if (lr.labels.length && lr.values.some((v) => v.text !== '')) {
        const part = def.parts[0];
        const m = matchLabel(segmentsOf(lr.labels), labelIndex(part), null, 0);
        if (m.row && m.score >= 0.9 && part.rows.indexOf(m.row) <= 1) return i;
      }
    }
  }
  return -1;
}

/** Segments of the label cells read as one text, with ranges mapped back to the cells. */
function segmentsOf(cells: readonly RawCell[]): Segment[] {
  if (cells.length === 1) return segments(cells[0].text, cells[0].range);
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
  return segments(text, null).map((seg) => {
    const from = text.indexOf(seg.text, pos);
    pos = from + seg.text.length;
    return { ...seg, range: { start: at(from, false), end: at(from + seg.text.length, true) } };
  });
}

interface Pending {
  row: TableRow;
  part: number;
  need: number;
}

/**
 * Reads one table from physical rows starting at `start` (its opener), with one format's declaration.
 * Stops at the table's last statutory row, at prose after data, at `stop`, or at the end.
 */
export function readTable(rows: readonly PhysicalRow[], start: number, stop: number, def: TableDef, format: FormatDef): Table {
  const parts: TablePart[] = def.parts.map((p) => ({ def: p, caption: null, rows: [] }));
  const multiPart = def.parts.length > 1;
  let partIdx = 0;
  let context: string | null = null;
  let expected = 0;
  let pending: Pending | null = null; // a row still waiting for value cells (label and values on separate lines)
  let lastRow: TableRow | null = null;
  let prefix: RawCell[] = []; // unmatched label text before a row (wrapped label, vertical group label)
  const unknown: { row: LogicalRow; after: TableRow | null; part: number }[] = [];
  let end = start;
  let dataRows = 0;
  let done = false;
  const shapes = new Map<Shape, number>();
  const evidence = { unknownCaptions: 0, headerMisses: 0 };

  const makeRow = (rowDef: RowDef, part: PartDef, lr: LogicalRow, label: RowLabel | null): TableRow => {
    const { fitted, extra } = fitValues(lr.values, part.columns.length);
    const cells: (TableCell | null)[] = part.columns.map((column, k) => {
      const c = fitted[k];
      return c ? { row: rowDef, column, raw: c.text, range: c.range, value: parseCell(c.text, column.kind) } : null;
    });
    const all = [...lr.labels, ...lr.values];
    return { def: rowDef, label, cells, extra, range: spanOf(all, physicalRange(lr.physical)) };
  };

  const fill = (p: Pending, lr: LogicalRow): void => {
    const part = def.parts[p.part];
    const have = p.row.cells.filter((c) => c !== null).length;
    const { fitted, extra } = fitValues(lr.values, part.columns.length - have);
    fitted.forEach((c, k) => {
      const column = part.columns[have + k];
      p.row.cells[have + k] = { row: p.row.def, column, raw: c.text, range: c.range, value: parseCell(c.text, column.kind) };
    });
    p.row.extra.push(...extra);
    p.row.range = { start: p.row.range.start, end: spanOf(lr.values, p.row.range).end };
  };

  let i = start;
  for (; i < stop && !done; i++) {
    const pr = rows[i];
    let used = false;
    shapes.set(pr.shape, (shapes.get(pr.shape) ?? 0) + 1);
    for (const lr of logicalRows(pr)) {
      const nonEmpty = lr.values.filter((v) => v.text !== '').length;
      if (isProse(lr)) {
        if (dataRows > 0) {
          done = true;
          break;
        }
        continue;
      }
      // A caption row switches the part (第二十条第（五）项).
      if (multiPart && lr.labels.length && nonEmpty === 0) {
        const capScores = def.parts.map((p) => matchCaption(lr.labels[0].text, p));
        const best = capScores.indexOf(Math.max(...capScores));
        if (capScores[best] < 0.8 && startsWithOpener(def, lr.labels[0].text)) {
          // A caption this format does not have (第二十条第（九）项 read as 2021): evidence against it.
          evidence.unknownCaptions++;
          continue;
        }
        if (capScores[best] >= 0.8) {
          partIdx = best;
          parts[best].caption = lr.labels[0].range;
          expected = 0;
          pending = null;
          used = true;
          continue;
        }
      }
      const part = def.parts[partIdx];
      const n = part.columns.length;
      if (!part.labelledRows) {
        // Table 四: one data row of numbers under header rows; the label, if any, does not matter.
        if (nonEmpty === 0 || (lr.labels.length && nonEmpty < 3)) continue;
        const target = parts[partIdx];
        const existing = target.rows[0];
        if (existing && existing.cells.some((c) => c === null)) fill({ row: existing, part: partIdx, need: 0 }, lr);
        else if (!existing) target.rows.push(makeRow(part.rows[0], part, { ...lr, labels: [] }, null));
        else break;
        used = true;
        dataRows++;
        lastRow = target.rows[0];
        if (target.rows[0].cells.every((c) => c !== null)) done = true;
        continue;
      }
      const spaced = pr.shape === 'spaced';
      let labels = lr.labels;
      if (labels.length === 0) {
        if (nonEmpty === 0) continue;
        if (spaced && prefix.length) {
          // PDF text: the label on the lines above, the numbers on a line of their own.
          labels = prefix;
        } else {
          // Values on their own line: they belong to the label just above, or continue a short row.
          // Only a row of the current part: after a caption the columns are another part's.
          const short = lastRow && parts[partIdx].rows.includes(lastRow) && lastRow.cells.some((c) => c === null) && spaced;
          const target = pending ?? (short ? { row: lastRow!, part: partIdx, need: 0 } : null);
          if (target) {
            if (pending) {
              parts[pending.part].rows.push(pending.row);
              dataRows++;
              lastRow = pending.row;
              pending = null;
            }
            fill(target, lr);
            used = true;
          }
          continue;
        }
      }
      // Column headers (自然人, 法人或其他组织, 总计 …) head columns, not rows; they also tell the format.
      if (nonEmpty === 0 && labels.some((c) => isColumnHeader(part, c.text))) {
        for (const c of labels) if (!isColumnHeader(part, c.text) && !startsWithOpener(def, c.text)) evidence.headerMisses++;
        continue;
      }
      if (spaced && nonEmpty === 0) {
        // A label fragment: the rest of the label above its numbers, or the start of the next label.
        if (lastRow && continuesLabel(lastRow, labels)) extendLabel(lastRow, labels);
        else {
          prefix = [...prefix, ...labels].slice(-8);
          const g: GroupDef | null = matchLabel(segmentsOf(labels), labelIndex(part), context, expected).group;
          if (g) context = g.id;
        }
        used = true;
        continue;
      }
      let labelCells = spaced && labels !== prefix ? [...prefix, ...labels] : labels;
      let m: LabelMatch = matchLabel(segmentsOf(labelCells), labelIndex(part), context, expected);
      if (labelCells !== labels) {
        const alone = matchLabel(segmentsOf(labels), labelIndex(part), context, expected);
        if (alone.row && alone.score >= m.score) [m, labelCells] = [alone, labels];
      }
      if (m.group) context = m.group.id;
      const hasValues = nonEmpty > 0 || lr.values.length >= n;
      if (!m.row || m.score < ROW_THRESHOLD) {
        if (hasValues && nonEmpty > 0) {
          unknown.push({ row: { ...lr, labels: labelCells }, after: lastRow, part: partIdx });
          used = true;
          prefix = [];
        }
        continue;
      }
      prefix = [];
      const seg = m.segment!;
      const label: RowLabel = {
        text: seg.text,
        range: seg.range ?? labelCells[0].range,
        replaceable: seg.range !== null && seg.range.start.line === seg.range.end.line && !labelCells.some((c) => c.wrapped),
        exact: isExactLabel(seg, m.row),
        score: m.score,
      };
      const row = makeRow(m.row, part, { ...lr, labels: labelCells }, label);
      expected = part.rows.indexOf(m.row) + 1;
      used = true;
      if (!hasValues) {
        pending = { row, part: partIdx, need: n };
        continue;
      }
      pending = null;
      parts[partIdx].rows.push(row);
      lastRow = row;
      dataRows++;
      if (isLastRow(def, partIdx, m.row) && row.cells.every((c) => c !== null)) done = true;
    }
    if (used) end = i;
  }

  resolveUnknown(parts, unknown);
  markOrder(parts);
  const first = rows[start];
  const last = rows[Math.max(start, end)];
  let shape: Shape = first.shape;
  let most = 0;
  for (const [s, k] of shapes) if (k > most) [shape, most] = [s, k];
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
    evidence,
  };
}

const headerCache = new WeakMap<PartDef, Set<string>>();
function isColumnHeader(part: PartDef, text: string): boolean {
  let set = headerCache.get(part);
  if (!set) {
    set = new Set(['申请人情况', '信息内容']);
    for (const c of part.columns) {
      set.add(foldLabel(c.label));
      if (c.group) set.add(foldLabel(c.group));
    }
    headerCache.set(part, set);
  }
  if (set.has(foldLabel(text))) return true;
  // PDF text merges neighbouring headers into one cell: "自然人 法人或其他组织 总计".
  const words = text.split(/[\s\u00a0\u3000]+/).filter(Boolean);
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
  const segs = segments(text, null);
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
function resolveUnknown(parts: TablePart[], unknown: { row: LogicalRow; after: TableRow | null; part: number }[]): void {
  for (const u of unknown) {
    const part = parts[u.part];
    const rows = part.def.rows;
    const present = new Set(part.rows.map((r) => r.def));
    const afterIdx = u.after && part.rows.includes(u.after) ? rows.indexOf(u.after.def) : -1;
    const candidate = rows[afterIdx + 1];
    if (!candidate || present.has(candidate)) continue;
    const nextPresent = rows.slice(afterIdx + 2).find((r) => present.has(r));
    if (nextPresent && rows.indexOf(nextPresent) !== afterIdx + 2) continue;
    const { fitted, extra } = fitValues(u.row.values, part.def.columns.length);
    const labelCell = u.row.labels[u.row.labels.length - 1];
    const row: TableRow = {
      def: candidate,
      label: {
        text: labelCell.text,
        range: labelCell.range,
        replaceable: u.row.labels.length === 1 && !labelCell.wrapped,
        exact: false,
        score: 0,
      },
      cells: part.def.columns.map((column, k) => {
        const c = fitted[k];
        return c ? { row: candidate, column, raw: c.text, range: c.range, value: parseCell(c.text, column.kind) } : null;
      }),
      extra,
      range: spanOf([...u.row.labels, ...u.row.values], labelCell.range),
      byPosition: true,
    };
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

const sameCache = new Map<string, boolean>();
/** Whether two formats declare a table identically (table 四 is the same in both). */
export function sameTable(a: FormatDef, b: FormatDef, id: TableDef['id']): boolean {
  const key = `${a.version}/${b.version}/${id}`;
  let same = sameCache.get(key);
  if (same === undefined) {
    same = JSON.stringify(a.tables.find((t) => t.id === id)) === JSON.stringify(b.tables.find((t) => t.id === id));
    sameCache.set(key, same);
  }
  return same;
}

