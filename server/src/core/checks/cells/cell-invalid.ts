import { cellNameOf } from '../../messages.js';
import { defineRule, say } from '../rule.js';
import { cellsOf } from './common.js';

export default defineRule({
  id: 'cell-invalid',
  severity: 'error',
  title: { 'zh-cn': '单元格不是有效的数字', en: 'A cell is not a valid number' },
  fixable: false,
  tags: ['cells'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    for (const { part, cell } of cellsOf(report)) {
      const v = cell.value;
      const raw = cell.raw;
      const name = () => cellNameOf(part, cell, l);
      if (v.kind === 'text') {
        emit(
          cell.range,
          cell.column.kind === 'amount'
            ? say(l, `${name()}应为金额数字，实际为“${raw}”`, `${name()} should be an amount, found “${raw}”`)
            : say(l, `${name()}应为非负整数，实际为“${raw}”`, `${name()} should be a non-negative whole number, found “${raw}”`),
        );
      } else if (v.kind === 'number' && v.invalid === 'negative') {
        emit(cell.range, say(l, `${name()}不能为负数，实际为 ${raw}`, `${name()} cannot be negative, found ${raw}`));
      } else if (v.kind === 'number' && v.invalid === 'fraction') {
        emit(cell.range, say(l, `${name()}应为整数，实际为 ${raw}`, `${name()} should be a whole number, found ${raw}`));
      } else if (v.kind === 'number' && v.invalid === 'tooLarge') {
        emit(cell.range, say(l, `${name()}的数值 ${raw} 大得不合理`, `${name()} holds an implausibly large number ${raw}`));
      }
    }
  },
});
