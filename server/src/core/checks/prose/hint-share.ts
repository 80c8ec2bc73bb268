// hint-share: a large share of 其他处理 or 不予处理 among the results is worth a second look (evaluators
// ask about it); only when the totals are large enough for a share to mean something.
import { defineRule } from '../rule.js';
import type { Report } from '../../model.js';
import type { Locale } from '../rule.js';
import { cellOf, numberOf, rowValue, emitter, say } from './common.js';

/** Threshold names (settings: ogiReport.thresholds) and their defaults. */
export const SHARE = 'hint-share.max';
export const SHARE_MIN_TOTAL = 'hint-share.minTotal';
export const DEFAULT_SHARE = 0.5;
export const DEFAULT_SHARE_MIN_TOTAL = 10;

export default defineRule({
  id: 'hint-share',
  severity: 'information',
  title: { 'zh-cn': '其他处理或不予处理占比偏高', en: 'A high share of other disposal or not processed' },
  fixable: false,
  tags: ['hint'],
  needs: 'tables',
  check({ report, locale, emit, threshold }) {
    const share = threshold(SHARE, DEFAULT_SHARE);
    const minTotal = threshold(SHARE_MIN_TOTAL, DEFAULT_SHARE_MIN_TOTAL);
    const totalCell = cellOf(report, 'applications', 'resultTotal', 'total');
    const total = numberOf(totalCell);
    if (total === null || total < minTotal) return;
    const out = emitter(emit);
    for (const [id, zh, en] of [
      ['otherDisposal', '（六）其他处理', '(6) other disposal'],
      ['notProcessed', '（五）不予处理', '(5) not processed'],
    ] as const) {
      const v = rowValue(report, 'applications', id, 'total');
      if (!v || v.value / total <= share) continue;
      const pct = Math.round((v.value / total) * 100);
      out({
        range: v.cells[0].range,
        message: say(locale, `${zh}${v.value}件，占办理结果总计${total}件的${pct}%，请核实分类是否准确`, `${en}: ${v.value} of ${total} results (${pct}%); check the classification`),
        related: [{ range: totalCell!.range, message: say(locale, `（七）总计：${total}`, `(7) total: ${total}`) }],
      });
    }
    return;
  },
});
