// What the cell rules share: every cell read, with the part it belongs to.
import type { PartDef } from '../../format/schema.js';
import type { Report } from '../../model.js';
import type { Table, TableCell } from '../../tables.js';

/** Visits every cell read, with its part and table; a callback, so that walking a few hundred cells allocates nothing. */
export function eachCell(report: Report, visit: (part: PartDef, cell: TableCell, table: Table) => void): void {
  for (const t of report.tables)
    for (const p of t.parts)
      for (const r of p.rows)
        for (const cell of r.cells) if (cell) visit(p.def, cell, t);
}
