import { sectionName, tableName } from '../../messages.js';
import { defineRule, say } from '../rule.js';
import { isFirstOfKind } from './common.js';

export default defineRule({
  id: 'table-misplaced',
  severity: 'warning',
  title: { 'zh-cn': '法定表格不在其章节中', en: 'A statutory table is outside its section' },
  fixable: false,
  tags: ['tables'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    for (const t of report.tables) {
      const home = report.sections.find((s) => s.def.number === t.def.section);
      if (!home || !isFirstOfKind(report, t) || (t.firstLine >= home.bodyFrom && t.firstLine < home.bodyTo)) continue;
      const name = tableName(t.def, l);
      const section = sectionName(home.def, l);
      emit(t.openerRange, say(l, `${name}应在章节「${section}」中`, `${name} belongs in section “${section}”`));
    }
  },
});
