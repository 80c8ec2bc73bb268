// hint-share: a large share of 其他处理 or 不予处理 among the results is worth a second look (evaluators
// ask about it); only when the totals are large enough for a share to mean something.
import type { Report } from '../analyze.js';
import type { Locale } from '../rules.js';
import { type ProseFinding, type ProseOptions, type ProseRuleMeta, cellOf, numberOf, rowValue, say } from './common.js';

export const meta: ProseRuleMeta = {
  id: 'hint-share',
  severity: 'information',
  zh: '其他处理或不予处理占比偏高',
  en: 'A high share of other disposal or not processed',
  fixable: false,
};

export const DEFAULT_SHARE = 0.5;
export const DEFAULT_SHARE_MIN_TOTAL = 10;

export function check(report: Report, locale: Locale = 'zh-cn', options: ProseOptions = {}): ProseFinding[] {
  const threshold = options.thresholds?.share ?? DEFAULT_SHARE;
  const minTotal = options.thresholds?.shareMinTotal ?? DEFAULT_SHARE_MIN_TOTAL;
  const totalCell = cellOf(report, 'applications', 'resultTotal', 'total');
  const total = numberOf(totalCell);
  if (total === null || total < minTotal) return [];
  const out: ProseFinding[] = [];
  for (const [id, zh, en] of [
    ['otherDisposal', '（六）其他处理', '(6) other disposal'],
    ['notProcessed', '（五）不予处理', '(5) not processed'],
  ] as const) {
    const v = rowValue(report, 'applications', id, 'total');
    if (!v || v.value / total <= threshold) continue;
    const pct = Math.round((v.value / total) * 100);
    out.push({
      rule: 'hint-share',
      severity: meta.severity,
      range: v.cells[0].range,
      message: say(locale, `${zh}${v.value}件，占办理结果总计${total}件的${pct}%，请核实分类是否准确`, `${en}: ${v.value} of ${total} results (${pct}%); check the classification`),
      related: [{ range: totalCell!.range, message: say(locale, `（七）总计：${total}`, `(7) total: ${total}`) }],
    });
  }
  return out;
}
