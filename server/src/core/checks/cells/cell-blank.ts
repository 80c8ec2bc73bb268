import { zeroFillIsSafe } from '../../identities.js';
import { cellNameOf } from '../../messages.js';
import { defineRule, say } from '../rule.js';
import { cellsOf } from './common.js';

export default defineRule({
  id: 'cell-blank',
  severity: 'warning',
  title: { 'zh-cn': '应填数字的单元格为空', en: 'A cell that needs a number is blank' },
  fixable: true,
  tags: ['cells'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    for (const { part, cell } of cellsOf(report)) {
      const kind = cell.value.kind;
      if (kind !== 'blank' && kind !== 'placeholder') continue;
      const name = cellNameOf(part, cell, l);
      const raw = kind === 'placeholder' ? cell.raw : '';
      emit(
        cell.range,
        say(l, `${name}${raw ? `为“${raw}”` : '为空'}：格式要求填写数字，没有则填 0`, `${name} is ${raw ? `“${raw}”` : 'blank'}: the format asks for a number, 0 if none`),
        [],
        // Where 0 would break an identity whose other cells are all numbers, the blank stands for a
        // missing number, not for 0: no fix.
        zeroFillIsSafe(cell, report.equations) ? { title: say(l, '填写 0', 'Fill in 0'), edits: [{ range: cell.range, newText: '0' }] } : undefined,
      );
    }
  },
});
