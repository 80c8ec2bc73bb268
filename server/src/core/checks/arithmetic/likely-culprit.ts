import { equationKey } from '../../identities.js';
import * as M from '../../messages.js';
import { defineRule } from '../rule.js';
import { culpritOf } from './common.js';

// The one cell whose change repairs every broken identity of its table; it replaces their findings
// (arithmetic/common.ts). Its related locations are the identities it repairs, worded to agree with it.
export default defineRule({
  id: 'likely-culprit',
  severity: 'error',
  title: { 'zh-cn': '单元格可能填错（一处改动即可使所有等式成立）', en: 'Likely mistyped cell (one change satisfies every identity)' },
  fixable: true,
  tags: ['arithmetic'],
  needs: 'tables',
  check(ctx) {
    const l = ctx.locale;
    for (const t of ctx.report.tables) {
      const culprit = culpritOf(ctx, t);
      if (!culprit) continue;
      const part = culprit.broken[0].part.def;
      const name = M.cellNameOf(part, culprit.cell, l);
      ctx.emit(
        culprit.cell.range,
        M.culpritMessage(part, culprit.cell, culprit.value, culprit.broken, l),
        culprit.broken.map((e) => ({ range: e.anchor.cell!.range, message: M.culpritRepairs(e, name, culprit.value, l) })),
        { title: M.fixSetValue(name, culprit.value, l), edits: [{ range: culprit.cell.range, newText: String(culprit.value) }] },
        culprit.broken.map(equationKey),
      );
    }
  },
});
