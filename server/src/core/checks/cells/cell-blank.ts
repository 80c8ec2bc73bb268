import { type Equation, type Operand, zeroFillIsSafe } from '../../identities.js';
import { cellNameOf } from '../../messages.js';
import type { TableCell } from '../../tables.js';
import { defineRule, say } from '../rule.js';
import { eachCell } from './common.js';

export default defineRule({
  id: 'cell-blank',
  severity: 'warning',
  title: { 'zh-cn': '应填数字的单元格为空', en: 'A cell that needs a number is blank' },
  fixable: true,
  tags: ['cells'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    eachCell(report, (part, cell) => {
      const kind = cell.value.kind;
      if (kind !== 'blank' && kind !== 'placeholder') return;
      const name = cellNameOf(part, cell, l);
      const raw = kind === 'placeholder' ? cell.raw : '';
      // Only the identities the cell takes part in can tell (zeroFillIsSafe passes over the others).
      emit(
        cell.range,
        say(l, `${name}${raw ? `为“${raw}”` : '为空'}：格式要求填写数字，没有则填 0`, `${name} is ${raw ? `“${raw}”` : 'blank'}: the format asks for a number, 0 if none`),
        [],
        // Where 0 would break an identity whose other cells are all numbers, the blank stands for a
        // missing number, not for 0: no fix.
        zeroFillIsSafe(cell, equationsOf(cell, report.equations)) ? { title: say(l, '填写 0', 'Fill in 0'), edits: [{ range: cell.range, newText: '0' }] } : undefined,
      );
    });
  },
});

/** The identities the cell is an operand of (left or right side), in the report's order; found without copying operands. */
function equationsOf(cell: TableCell, equations: readonly Equation[]): Equation[] {
  const has = (side: readonly Operand[]) => {
    for (const o of side) if (o.cell === cell) return true;
    return false;
  };
  return equations.filter((e) => has(e.left) || has(e.right));
}
