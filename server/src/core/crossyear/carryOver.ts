// carry-over: this year's 二、上年结转 must be last year's 四、结转下年度继续办理, column by column.
import type { Report } from '../analyze.js';
import type { Locale } from '../rules.js';
import { type ProseFinding, type ProseRuleMeta, cellName, firstTable, numberOf, say } from '../prose/common.js';
import type { CrossYearOptions } from './common.js';

export const meta: ProseRuleMeta = {
  id: 'carry-over',
  severity: 'error',
  zh: '上年结转与上一年度报告的结转下年度不符',
  en: "Carried over does not match last year's carried forward",
  fixable: true,
};

export function check(current: Report, previous: Report, locale: Locale = 'zh-cn', options: CrossYearOptions = {}): ProseFinding[] {
  const cur = firstTable(current, 'applications');
  const prev = firstTable(previous, 'applications');
  if (!cur || !prev) return [];
  const curRow = cur.parts[0].rows.find((r) => r.def.id === 'carriedOver' && !r.duplicate);
  const prevRow = prev.parts[0].rows.find((r) => r.def.id === 'carriedForward' && !r.duplicate);
  if (!curRow || !prevRow) return [];
  const out: ProseFinding[] = [];
  cur.parts[0].def.columns.forEach((col, i) => {
    const j = prev.parts[0].def.columns.findIndex((c) => c.id === col.id);
    const a = curRow.cells[i] ?? null;
    const b = j >= 0 ? (prevRow.cells[j] ?? null) : null;
    const va = numberOf(a);
    const vb = numberOf(b);
    if (va === null || vb === null || va === vb) return;
    const colName = locale === 'en' ? col.en : col.label;
    out.push({
      rule: 'carry-over',
      severity: meta.severity,
      range: a!.range,
      message: say(
        locale,
        `上年结转（${colName}）为${va}，上一年度（${previous.year}年）报告的结转下年度继续办理为${vb}`,
        `Carried over (${colName}) is ${va}; last year's (${previous.year}) report carried forward ${vb}`,
      ),
      related: [{ range: b!.range, message: `${previous.year}：${cellName(b!, locale)} = ${vb}`, ...(options.previousUri ? { uri: options.previousUri } : {}) }],
      fix: { title: say(locale, `改为${vb}`, `Change to ${vb}`), edits: [{ range: a!.range, newText: String(vb) }] },
    });
  });
  return out;
}
