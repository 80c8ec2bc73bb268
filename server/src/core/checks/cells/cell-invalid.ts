import { cellNameOf } from '../../messages.js';
import { defineRule, say } from '../rule.js';
import type { Locale } from '../rule.js';
import type { TableCell } from '../../tables.js';
import type { PartDef } from '../../format/schema.js';
import { eachCell } from './common.js';

export default defineRule({
  id: 'cell-invalid',
  severity: 'error',
  title: { 'zh-cn': '单元格不是有效的数字', en: 'A cell is not a valid number' },
  fixable: false,
  tags: ['cells'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    eachCell(report, (part, cell) => {
      const v = cell.value;
      if (v.kind === 'text' || (v.kind === 'number' && v.invalid)) emit(cell.range, invalidMessage(part, cell, l));
    });
  },
});

/** What is wrong with a cell that holds text or an invalid number (named only for the cells that are wrong). */
function invalidMessage(part: PartDef, cell: TableCell, l: Locale): string {
  const v = cell.value;
  const raw = cell.raw;
  const name = cellNameOf(part, cell, l);
  if (v.kind === 'text')
    return cell.column.kind === 'amount'
      ? say(l, `${name}应为金额数字，实际为“${raw}”`, `${name} should be an amount, found “${raw}”`)
      : say(l, `${name}应为非负整数，实际为“${raw}”`, `${name} should be a non-negative whole number, found “${raw}”`);
  if (v.kind === 'number' && v.invalid === 'negative') return say(l, `${name}不能为负数，实际为 ${raw}`, `${name} cannot be negative, found ${raw}`);
  if (v.kind === 'number' && v.invalid === 'fraction') return say(l, `${name}应为整数，实际为 ${raw}`, `${name} should be a whole number, found ${raw}`);
  return say(l, `${name}的数值 ${raw} 大得不合理`, `${name} holds an implausibly large number ${raw}`);
}
