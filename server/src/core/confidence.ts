// How sure the reading of a table is. Doubt is not an error: a table read with its rows out of place or its
// cells shifted (text copied from a PDF viewer in reading order, column after column) would otherwise be
// reported as wrong totals the real report does not have. A table whose reading is uncertain gets one
// finding (table-uncertain) and its identities are not evaluated.
//
// The measurable definition, per part of a table with labelled rows (table 四's single row is never doubted):
//   - rows out of order: ≥ 2 rows found after a row the format puts below them (TableRow.outOfOrder), or
//   - misfit rows: ≥ 2 rows with values whose cell count does not fit the part's columns (cells missing or
//     non-empty values beyond the last column), or
//   - a row placed by position (its label names no statutory row) whose cells do not fit, or
//   - missing rows: more than half of the table's statutory rows (all its labelled parts) are absent while
//     some row has numbers.
// One wrong or missing cell, one swapped row, one missing row do not make a table uncertain: those are
// the defects the row and arithmetic rules name (the mutation tests raise one cell; all are caught).
import type { Table, TableRow } from './tables.js';

export type DoubtReason = 'rows-out-of-order' | 'rows-misfit' | 'row-by-position-misfit' | 'rows-missing';

export interface Doubt {
  reason: DoubtReason;
  /** Rows that gave the reason (for the message). */
  count: number;
  /** Of how many statutory rows (rows-missing). */
  of?: number;
}

/** Thresholds of the definition above (exported for the tests and the README). */
export const DOUBT = { outOfOrder: 2, misfit: 2, missingShare: 0.5 } as const;

function hasValues(r: TableRow): boolean {
  return r.cells.some((c) => c !== null && c.raw !== '') || r.extra.some((c) => c.text !== '');
}

function misfits(r: TableRow): boolean {
  return hasValues(r) && (r.cells.some((c) => c === null) || r.extra.some((c) => c.text !== ''));
}

/** The first reason the table's reading is uncertain, or null when it is read with confidence. */
export function tableDoubt(t: Table): Doubt | null {
  for (const part of t.parts) {
    if (!part.def.labelledRows) continue;
    const rows = part.rows.filter((r) => !r.duplicate);
    if (rows.length === 0) continue;
    const outOfOrder = rows.filter((r) => r.outOfOrder).length;
    if (outOfOrder >= DOUBT.outOfOrder) return { reason: 'rows-out-of-order', count: outOfOrder };
    const misfit = rows.filter(misfits).length;
    if (misfit >= DOUBT.misfit) return { reason: 'rows-misfit', count: misfit };
    const placed = rows.filter((r) => r.byPosition && misfits(r)).length;
    if (placed > 0) return { reason: 'row-by-position-misfit', count: placed };
  }
  // Missing rows count over the whole table: a copy that scrambles table 二 leaves whole parts empty.
  const labelled = t.parts.filter((p) => p.def.labelledRows);
  const statutory = labelled.reduce((n, p) => n + p.def.rows.length, 0);
  const present = labelled.reduce((n, p) => n + new Set(p.rows.map((r) => r.def)).size, 0);
  const withValues = labelled.some((p) => p.rows.some(hasValues));
  if (statutory > 0 && statutory - present > statutory * DOUBT.missingShare && withValues) return { reason: 'rows-missing', count: statutory - present, of: statutory };
  return null;
}
