import { defineRule, say } from '../rule.js';
import { rowsOf } from './common.js';

export default defineRule({
  id: 'row-order',
  severity: 'warning',
  title: { 'zh-cn': '法定行顺序错误', en: 'Statutory rows are out of order' },
  fixable: false,
  tags: ['rows'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    for (const { row, name } of rowsOf(report, l)) {
      if (!row.duplicate && row.outOfOrder) {
        emit(row.label?.range ?? row.range, say(l, `行「${name}」不在法定位置`, `Row “${name}” is out of the statutory order`));
      }
    }
  },
});
