import { tableName } from '../../messages.js';
import type { RowDef } from '../../format/schema.js';
import type { Report } from '../../model.js';
import type { Table, TableRow } from '../../tables.js';
import { type Range, range } from '../../text.js';
import { defineRule, say } from '../rule.js';
import { isFirstOfKind } from '../tables/common.js';

/**
 * Where a row that was not read has its exact label after all: in the table's section (from the table's first
 * line to the next section heading), on a line that holds no row read. A PDF's geometry that put the row's
 * cells into another's (a header repeated on the next page over it) leaves its label there: the row is not
 * missing, its reading failed — a doubt, not a defect of the report.
 */
function unreadLabel(report: Report, t: Table, def: RowDef, readLines: ReadonlySet<number>): Range | null {
  const section = report.sections.find((s) => s.bodyFrom <= t.firstLine && t.firstLine < s.bodyTo);
  const to = section ? section.bodyTo : report.lines.length;
  for (let i = t.firstLine; i < to; i++) {
    if (readLines.has(i)) continue;
    const at = report.lines[i].text.indexOf(def.label);
    if (at >= 0) return range(i, at, at + def.label.length);
  }
  return null;
}

export default defineRule({
  id: 'row-missing',
  severity: 'error',
  title: { 'zh-cn': '缺少法定行', en: 'A statutory row is missing' },
  fixable: false,
  tags: ['rows'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    // The lines that hold a row read (its label's first line): made once, when a row is missing.
    let readLines: Set<number> | null = null;
    const rowLines = () => (readLines ??= new Set(report.tables.flatMap((x) => x.parts.flatMap((p) => p.rows.flatMap((r) => (r.label ? [r.label.range.start.line] : []))))));
    for (const t of report.tables) {
      // A caption repeated with no statutory row under it (a PDF's table header repeated on the next page,
      // read apart from its table) is no second table lacking every row: table-duplicate names it once.
      if (!isFirstOfKind(report, t) && t.parts.every((p) => p.rows.length === 0)) continue;
      const table = tableName(t.def, l);
      for (const part of t.parts) {
        const present = new Set(part.rows.map((r) => r.def));
        let lastSeen: TableRow | null = null;
        for (const def of part.def.rows) {
          const row = part.rows.find((r) => r.def === def && !r.duplicate);
          if (row) {
            lastSeen = row;
            continue;
          }
          if (present.has(def)) continue;
          const name = part.def.labelledRows ? def.label : table;
          const unread = part.def.labelledRows ? unreadLabel(report, t, def, rowLines()) : null;
          if (unread) {
            emit(
              unread,
              say(l, `${table}的行「${name}」没有读出：此处有它的标签，但读不出它的数字（表格可能错位），请核对原文`, `${table}: the row “${name}” was not read: its label is here, but its numbers could not be read (the table may be misaligned); check the original`),
              undefined,
              undefined,
              undefined,
              'warning',
            );
            continue;
          }
          // Where the row should stand: after the last row found before it.
          const at = lastSeen ? lastSeen.range : (part.caption ?? t.openerRange);
          emit(at, say(l, `${table}缺少行「${name}」`, `${table} lacks the row “${name}”`));
        }
      }
    }
  },
});
