import { cellNameOf } from '../../messages.js';
import { defineRule, say } from '../rule.js';
import { eachCell } from './common.js';

export default defineRule({
  id: 'cell-unit',
  severity: 'warning',
  title: { 'zh-cn': '单元格内写了单位', en: 'A cell holds a unit' },
  fixable: true,
  tags: ['cells'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    eachCell(report, (part, cell) => {
      const v = cell.value;
      if (v.kind !== 'number' || !v.unit || v.invalid) return;
      const name = cellNameOf(part, cell, l);
      if (cell.column.kind === 'amount' && v.unit === '元') {
        // Yuan in a 10,000-yuan column: the number itself is wrong, so no fix removes the unit alone.
        emit(cell.range, say(l, `${name}以“元”填写，但本栏单位为万元`, `${name} is given in yuan, but the column is in 10,000 yuan`));
        return;
      }
      emit(
        cell.range,
        say(l, `${name}内写了单位“${v.unit}”：表格单元格只填数字`, `${name} holds the unit “${v.unit}”: table cells hold numbers only`),
        [],
        { title: say(l, `删除单位“${v.unit}”`, `Remove the unit “${v.unit}”`), edits: [{ range: cell.range, newText: String(v.value) }] },
      );
    });
  },
});
