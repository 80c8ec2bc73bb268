import { tableName } from '../../messages.js';
import { defineRule, say } from '../rule.js';
import { isFirstOfKind } from './common.js';

export default defineRule({
  id: 'table-duplicate',
  severity: 'warning',
  title: { 'zh-cn': '法定表格重复出现', en: 'A statutory table appears twice' },
  fixable: false,
  tags: ['tables'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    for (const t of report.tables) {
      if (isFirstOfKind(report, t)) continue;
      const name = tableName(t.def, l);
      emit(t.openerRange, say(l, `${name}再次出现`, `${name} appears again`));
    }
  },
});
