import { CURRENT_FORMAT } from '../../format/formats.js';
import { sectionName, tableName } from '../../messages.js';
import { lineRange } from '../../text.js';
import { defineRule, say } from '../rule.js';
import { firstTables } from './common.js';

export default defineRule({
  id: 'table-missing',
  severity: 'error',
  title: { 'zh-cn': '缺少法定表格', en: 'A statutory table is missing' },
  fixable: false,
  tags: ['tables'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    const present = firstTables(report);
    for (const def of CURRENT_FORMAT.tables) {
      if (present.has(def.id)) continue;
      const home = report.sections.find((s) => s.def.number === def.section);
      const table = tableName(def, l);
      const section = sectionName(CURRENT_FORMAT.sections[def.section - 1], l);
      // The subject names the table, so that a reader's problem on it (table-unreadable) can stand in its place.
      emit(home ? home.heading.range : lineRange(report.lines, 0), say(l, `缺少${table}（${section}）`, `${table} (${section}) is missing`), [], undefined, [`table:${def.id}`]);
    }
  },
});
