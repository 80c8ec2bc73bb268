// What the table rules share: the first table of each kind is the statutory one; later ones repeat it.
import { memo } from '../../memo.js';
import type { Report } from '../../model.js';
import type { Table } from '../../tables.js';

export const firstTables = memo((report: Report): ReadonlyMap<string, Table> => {
  const first = new Map<string, Table>();
  for (const t of report.tables) if (!first.has(t.def.id)) first.set(t.def.id, t);
  return first;
});

export function isFirstOfKind(report: Report, t: Table): boolean {
  return firstTables(report).get(t.def.id) === t;
}
