import { defineRule, say } from '../rule.js';
import { nameOf, rowsOf } from './common.js';

export default defineRule({
  id: 'row-cells',
  severity: 'error',
  title: { 'zh-cn': '行的单元格数量不对', en: 'Row has the wrong number of cells' },
  fixable: false,
  tags: ['rows'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    for (const at of rowsOf(report)) {
      const { row } = at;
      const want = row.cells.length;
      let have = 0;
      for (const c of row.cells) if (c !== null) have++;
      const extra = row.extra.length ? row.extra.filter((c) => c.text !== '') : row.extra;
      if (have === want && extra.length === 0) continue;
      const name = nameOf(at, l);
      const message = (got: number) =>
        have < want ? say(l, `行「${name}」应有 ${want} 个数字，只有 ${got} 个`, `Row “${name}” needs ${want} numbers, has ${got}`) : say(l, `行「${name}」应有 ${want} 个数字，却有 ${got} 个`, `Row “${name}” needs ${want} numbers, has ${got}`);
      if (have < want) emit(row.range, message(have));
      else emit({ start: extra[0].range.start, end: extra[extra.length - 1].range.end }, message(have + extra.length));
    }
  },
});
