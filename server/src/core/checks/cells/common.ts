// What the cell rules share: every cell read, with the part it belongs to.
import type { PartDef } from '../../format/schema.js';
import type { Report } from '../../model.js';
import type { TableCell } from '../../tables.js';

export function* cellsOf(report: Report): Generator<{ part: PartDef; cell: TableCell }> {
  for (const t of report.tables) for (const p of t.parts) for (const r of p.rows) for (const cell of r.cells) if (cell) yield { part: p.def, cell };
}
