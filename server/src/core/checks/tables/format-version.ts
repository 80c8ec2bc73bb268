import { CURRENT_FORMAT } from '../../format/formats.js';
import { tableName } from '../../messages.js';
import { sameTable } from '../../tables.js';
import { defineRule, say } from '../rule.js';

export default defineRule({
  id: 'format-version',
  severity: 'warning',
  title: { 'zh-cn': '表格格式版本与报告年度不符', en: 'Table format version does not fit the report year' },
  fixable: false,
  tags: ['tables'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    const { year } = report;
    if (year === null || year < CURRENT_FORMAT.fromYear) return;
    const want = CURRENT_FORMAT.notice;
    for (const t of report.tables) {
      if (t.format === CURRENT_FORMAT || sameTable(t.format, CURRENT_FORMAT, t.def.id)) continue;
      const name = tableName(t.def, l);
      const used = t.format.notice;
      emit(
        t.openerRange,
        say(l, `${year} 年度报告应使用 ${want} 格式，但${name}为 ${used} 格式`, `A report for ${year} must use the ${want} format, but ${name} is in the ${used} format`),
      );
    }
  },
});
