import type { Doubt } from '../../confidence.js';
import { tableName } from '../../messages.js';
import { type Locale, defineRule, say } from '../rule.js';

// Doubt is not an error. A table whose reading is uncertain by the measurable definition of
// core/confidence.ts (≥ 2 rows out of order, ≥ 2 rows whose cells do not fit the columns, a row placed by
// position whose cells do not fit, or more than half of the table's statutory rows missing while others have
// numbers) gets this one finding; its identities (row-total, result-total, reconciliation, outcome-total,
// likely-culprit) are not evaluated and the row and cell findings on it are dropped (reading/common.ts).
function why(d: Doubt, l: Locale): string {
  switch (d.reason) {
    case 'rows-out-of-order':
      return say(l, `${d.count}行的位置与法定顺序不符`, `${d.count} rows are out of the statutory order`);
    case 'rows-misfit':
      return say(l, `${d.count}行的单元格数与列数不符`, `${d.count} rows have a cell count that does not fit the columns`);
    case 'row-by-position-misfit':
      return say(l, `按位置认定的行的单元格数与列数不符`, `a row placed by its position has cells that do not fit the columns`);
    case 'rows-missing':
      return say(l, `${d.of}个法定行中有${d.count}个未找到`, `${d.count} of ${d.of} statutory rows were not found`);
  }
}

export default defineRule({
  id: 'table-uncertain',
  severity: 'warning',
  title: { 'zh-cn': '表格的读取不确定，未核对其数字', en: 'The table’s reading is uncertain; its numbers were not checked' },
  fixable: false,
  tags: ['tables'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    for (const t of report.tables) {
      if (!t.doubt) continue;
      const name = tableName(t.def, l);
      emit(
        t.openerRange,
        say(
          l,
          `${name}的读取不确定（${why(t.doubt, l)}），可能是从PDF复制时单元格错位：未核对该表的合计与勾稽关系。请按表格原样（每行一行、单元格以制表符分隔）整理后再检查`,
          `The reading of ${name} is uncertain (${why(t.doubt, l)}); cells may have shifted when it was copied from a PDF. Its totals and reconciliation were not checked. Lay it out row by row, cells separated by tabs, and check again`,
        ),
      );
    }
  },
});

