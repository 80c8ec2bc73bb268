import { defineRule, say } from '../rule.js';
import { rowsOf } from './common.js';

export default defineRule({
  id: 'row-cells',
  severity: 'error',
  title: { 'zh-cn': '行的单元格数量不对', en: 'Row has the wrong number of cells' },
  fixable: false,
  tags: ['rows'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    for (const { row, name } of rowsOf(report, l)) {
      const want = row.cells.length;
      const have = row.cells.filter((c) => c !== null).length;
      const extra = row.extra.filter((c) => c.text !== '');
      const message = (got: number) =>
        have < want ? say(l, `行「${name}」应有 ${want} 个数字，只有 ${got} 个`, `Row “${name}” needs ${want} numbers, has ${got}`) : say(l, `行「${name}」应有 ${want} 个数字，却有 ${got} 个`, `Row “${name}” needs ${want} numbers, has ${got}`);
      if (have < want) emit(row.range, message(have));
      else if (extra.length) emit({ start: extra[0].range.start, end: extra[extra.length - 1].range.end }, message(have + extra.length));
    }
  },
});
