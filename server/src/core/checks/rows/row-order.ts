import { defineRule, say } from '../rule.js';
import { nameOf, rowsOf } from './common.js';

export default defineRule({
  id: 'row-order',
  severity: 'warning',
  title: { 'zh-cn': '法定行顺序错误', en: 'Statutory rows are out of order' },
  fixable: false,
  tags: ['rows'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    for (const at of rowsOf(report)) {
      const { row } = at;
      if (!row.duplicate && row.outOfOrder) {
        const name = nameOf(at, l);
        emit(row.label?.range ?? row.range, say(l, `行「${name}」不在法定位置`, `Row “${name}” is out of the statutory order`));
      }
    }
  },
});
