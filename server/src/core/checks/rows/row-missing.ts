import { tableName } from '../../messages.js';
import type { TableRow } from '../../tables.js';
import { defineRule, say } from '../rule.js';
import { isFirstOfKind } from '../tables/common.js';

export default defineRule({
  id: 'row-missing',
  severity: 'error',
  title: { 'zh-cn': '缺少法定行', en: 'A statutory row is missing' },
  fixable: false,
  tags: ['rows'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
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
          // Where the row should stand: after the last row found before it.
          const at = lastSeen ? lastSeen.range : (part.caption ?? t.openerRange);
          const name = part.def.labelledRows ? def.label : table;
          emit(at, say(l, `${table}缺少行「${name}」`, `${table} lacks the row “${name}”`));
        }
      }
    }
  },
});
