// stock-flow: documents in force carry over from year to year. 2021 format: last year's 现行有效 +
// this year's 制发 − 废止 = this year's 现行有效. 2019 format: this year's 上一年项目数量 = last year's
// 上一年项目数量 + 本年增/减. Only between two reports of the same format.
import type { Report } from '../../model.js';
import type { TableCell } from '../../tables.js';
import { cellName, firstTable, numberOf, emitter, say } from '../prose/common.js';
import { defineRule } from '../rule.js';
import { lastYear } from './common.js';

function cell(r: Report, partId: string, rowId: string, colId: string): TableCell | null {
  const t = firstTable(r, 'activeDisclosure');
  const part = t?.parts.find((p) => p.def.id === partId);
  if (!part) return null;
  const i = part.def.columns.findIndex((c) => c.id === colId);
  const row = part.rows.find((x) => x.def.id === rowId && !x.duplicate);
  return i >= 0 && row ? (row.cells[i] ?? null) : null;
}

export default defineRule({
  id: 'stock-flow',
  severity: 'warning',
  title: { 'zh-cn': '现行有效件数与上一年度报告不衔接', en: "The stock in force does not follow from last year's report" },
  fixable: false,
  tags: ['crossyear'],
  needs: 'tables',
  check(ctx) {
    const last = lastYear(ctx);
    if (!last) return;
    const { report: current, locale } = ctx;
    const { report: previous, uri } = last;
    const cur = firstTable(current, 'activeDisclosure');
    const prev = firstTable(previous, 'activeDisclosure');
    if (!cur || !prev || cur.format.version !== prev.format.version) return;
    const out = emitter(ctx.emit);
    const rel = (c: TableCell, year: number | null, uri?: string) => ({ range: c.range, message: `${year ?? ''}：${cellName(c, locale)} = ${c.raw.trim()}`, ...(uri ? { uri } : {}) });
    if (cur.format.version === '2021') {
      for (const rowId of ['rules', 'normativeDocuments']) {
        const before = cell(previous, 'article20Item1', rowId, 'inForce');
        const issued = cell(current, 'article20Item1', rowId, 'issued');
        const repealed = cell(current, 'article20Item1', rowId, 'repealed');
        const now = cell(current, 'article20Item1', rowId, 'inForce');
        const [b, i, r, n] = [before, issued, repealed, now].map(numberOf);
        if (b === null || i === null || r === null || n === null) continue;
        const want = b + i - r;
        if (want === n) continue;
        const name = locale === 'en' ? now!.row.en : now!.row.label;
        out({
          range: now!.range,
          message: say(
            locale,
            `${name}现行有效件数为${n}，按上一年度现行有效${b}＋本年制发${i}－本年废止${r}应为${want}`,
            `${name} in force is ${n}; last year's ${b} + issued ${i} − repealed ${r} gives ${want}`,
          ),
          related: [rel(before!, previous.year, uri), rel(issued!, current.year), rel(repealed!, current.year)],
        });
      }
      return;
    }
    for (const part of cur.parts) {
      if (!part.def.columns.some((c) => c.id === 'lastYearItems') || !part.def.columns.some((c) => c.id === 'change')) continue;
      for (const row of part.rows) {
        const now = cell(current, part.def.id, row.def.id, 'lastYearItems');
        const before = cell(previous, part.def.id, row.def.id, 'lastYearItems');
        const change = cell(previous, part.def.id, row.def.id, 'change');
        const [n, b, c] = [now, before, change].map(numberOf);
        if (n === null || b === null || c === null || n === b + c) continue;
        const name = locale === 'en' ? row.def.en : row.def.label;
        out({
          range: now!.range,
          message: say(locale, `${name}上一年项目数量为${n}，按上一年度报告${b}＋本年增/减${c}应为${b + c}`, `${name} items last year is ${n}; last year's report gives ${b} + ${c} = ${b + c}`),
          related: [rel(before!, previous.year, uri), rel(change!, previous.year, uri)],
        });
      }
    }
  },
});
