import { defineRule, say } from '../rule.js';
import { nameOf, rowsOf } from './common.js';

export default defineRule({
  id: 'row-duplicate',
  severity: 'error',
  title: { 'zh-cn': '法定行重复', en: 'A statutory row appears twice' },
  fixable: false,
  tags: ['rows'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    for (const at of rowsOf(report)) {
      const { row } = at;
      if (!row.duplicate) continue;
      const name = nameOf(at, l);
      emit(row.label?.range ?? row.range, say(l, `行「${name}」重复出现`, `Row “${name}” appears again`));
    }
  },
});
