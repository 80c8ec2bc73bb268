// What the row rules share: every row of every table read, and the name messages use for it (made only
// for the rows a finding is about).
import type { Locale } from '../rule.js';
import { rowName, tableName } from '../../messages.js';
import { memo } from '../../memo.js';
import type { Report } from '../../model.js';
import type { Table, TablePart, TableRow } from '../../tables.js';

export interface RowAt {
  table: Table;
  part: TablePart;
  row: TableRow;
}

/** Every row of every table, in document order; listed once per report for all the row rules. */
export const rowsOf = memo((report: Report): readonly RowAt[] => {
  const out: RowAt[] = [];
  for (const table of report.tables) for (const part of table.parts) for (const row of part.rows) out.push({ table, part, row });
  return out;
});

/** The row's name in messages; table 四's one unlabelled row is named by its table. */
export function nameOf(at: RowAt, l: Locale): string {
  return at.part.def.labelledRows ? rowName(at.row.def, l) : tableName(at.table.def, l);
}
