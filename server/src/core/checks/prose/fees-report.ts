// fees-report: the 2021 format asks part 六 to report 收取信息处理费的情况. A part 六 silent about it is
// a note; a part 六 silent about it while the report shows fees elsewhere (信息处理费 stated in the prose,
// or table 三's （六）2 逾期未缴费, which means a fee notice went out) is a warning.
// 第二十条第（八）项 行政事业性收费 are administrative fees, not 信息处理费: they are no evidence here.
import { defineRule } from '../rule.js';
import type { Report } from '../../model.js';
import { CURRENT_FORMAT } from '../../format/formats.js';
import type { Related } from '../rule.js';
import { cellName, numberOf, cellOf, proseLines, say, numbersIn, emitter } from './common.js';
import { range } from '../../text.js';

const FEE_WORDS = /信息处理费|处理费|收费/;
const FEE_STATED = /(?:收取|收缴|缴纳)[^。；，,]{0,12}信息处理费[^。；]{0,12}?/g;

export default defineRule({
  id: 'fees-report',
  severity: 'information',
  title: { 'zh-cn': '第六部分未报告信息处理费收取情况', en: 'Part 6 does not report the information processing fees' },
  fixable: false,
  tags: ['prose'],
  needs: 'tables',
  check({ report, locale, emit }) {
    if (report.year === null || report.year < CURRENT_FORMAT.fromYear) return;
    const six = report.sections.find((s) => s.def.number === 6);
    if (!six) return;
    const lines = proseLines(report);
    const sixText = lines.filter((l) => l.section === 6 && l.line !== six.heading.line).map((l) => l.text).join('\n');
    // An empty part 六 is section-empty's finding.
    if (sixText.trim() === '') return;
    if (FEE_WORDS.test(sixText)) return;
    const related: Related[] = [];
    const unpaid = cellOf(report, 'applications', 'otherDisposal.feeUnpaid', 'total');
    if ((numberOf(unpaid) ?? 0) > 0) related.push({ range: unpaid!.range, message: `${cellName(unpaid!, locale)}：${unpaid!.raw.trim()}` });
    for (const l of lines) {
      // FEE_STATED names 信息处理费: a line without it needs no search.
      if (l.section === 6 || !l.text.includes('信息处理费')) continue;
      for (const m of l.text.matchAll(FEE_STATED)) {
        const after = l.text.slice(m.index! + m[0].length, m.index! + m[0].length + 20);
        const n = numbersIn(after)[0];
        if (n && (n.unit === '元' || n.unit === '万元') && n.value > 0)
          related.push({ range: range(l.line, m.index!, m.index! + m[0].length), message: say(locale, '此处写有信息处理费', 'Fees are stated here') });
      }
    }
    const evidence = related.length > 0;
    emitter(emit)({
        severity: evidence ? 'warning' : undefined,
        range: six.heading.range,
        message: evidence
          ? say(locale, '报告显示收取或通知收取了信息处理费，第六部分却未报告信息处理费的收取情况', 'The report shows information processing fees, but part 6 does not report them')
          : say(locale, '第六部分应报告收取信息处理费的情况（没有收取也应写明）', 'Part 6 should report the information processing fees charged (state it when none were)'),
        related,
      });
  },
});
