// carry-over: this year's 二、上年结转 must be last year's 四、结转下年度继续办理, column by column.
import type { Report } from '../../model.js';
import { cellName, firstTable, numberOf, emitter, say } from '../prose/common.js';
import { defineRule } from '../rule.js';
import { lastYear } from './common.js';

export default defineRule({
  id: 'carry-over',
  severity: 'error',
  title: { 'zh-cn': '上年结转与上一年度报告的结转下年度不符', en: "Carried over does not match last year's carried forward" },
  fixable: true,
  tags: ['crossyear'],
  needs: 'tables',
  check(ctx) {
    const last = lastYear(ctx);
    if (!last) return;
    const { report: current, locale } = ctx;
    const { report: previous, uri } = last;
    const cur = firstTable(current, 'applications');
    const prev = firstTable(previous, 'applications');
    if (!cur || !prev) return;
    const curRow = cur.parts[0].rows.find((r) => r.def.id === 'carriedOver' && !r.duplicate);
    const prevRow = prev.parts[0].rows.find((r) => r.def.id === 'carriedForward' && !r.duplicate);
    if (!curRow || !prevRow) return;
    const out = emitter(ctx.emit);
    cur.parts[0].def.columns.forEach((col, i) => {
      const j = prev.parts[0].def.columns.findIndex((c) => c.id === col.id);
      const a = curRow.cells[i] ?? null;
      const b = j >= 0 ? (prevRow.cells[j] ?? null) : null;
      const va = numberOf(a);
      const vb = numberOf(b);
      if (va === null || vb === null || va === vb) return;
      const colName = locale === 'en' ? col.en : col.label;
      out({
        range: a!.range,
        message: say(
          locale,
          `上年结转（${colName}）为${va}，上一年度（${previous.year}年）报告的结转下年度继续办理为${vb}`,
          `Carried over (${colName}) is ${va}; last year's (${previous.year}) report carried forward ${vb}`,
        ),
        related: [{ range: b!.range, message: `${previous.year}：${cellName(b!, locale)} = ${vb}`, uri }],
        fix: { title: say(locale, `改为${vb}`, `Change to ${vb}`), edits: [{ range: a!.range, newText: String(vb) }] },
      });
    });
  },
});
