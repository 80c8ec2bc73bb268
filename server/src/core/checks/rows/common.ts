// What the row rules share: every row of every table read, with the name messages use for it.
import type { Locale } from '../rule.js';
import { rowName, tableName } from '../../messages.js';
import type { Report } from '../../model.js';
import type { Table, TablePart, TableRow } from '../../tables.js';

export interface RowAt {
  table: Table;
  part: TablePart;
  row: TableRow;
  /** The row's name in messages; table 四's one unlabelled row is named by its table. */
  name: string;
}

export function* rowsOf(report: Report, l: Locale): Generator<RowAt> {
  for (const table of report.tables) {
    for (const part of table.parts) {
      for (const row of part.rows) {
        yield { table, part, row, name: part.def.labelledRows ? rowName(row.def, l) : tableName(table.def, l) };
      }
    }
  }
}
