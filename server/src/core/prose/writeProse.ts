// Writes the standard sentences of parts 三 and 四 from the tables, in the report's own numeral style,
// so that the prose cannot contradict the tables (prose-table reads them back without a finding).
import type { Report } from '../analyze.js';
import type { Locale } from '../rules.js';
import type { Position } from '../text.js';
import { type NumeralStyle, cellOf, formatNumber, numberOf, numbersIn, proseLines, rowValue } from '../checks/prose/common.js';

/** The numeral style most of the report's counts (N件) are written in; digits when there are none. */
export function numeralStyle(report: Report): NumeralStyle {
  const count: Record<NumeralStyle, number> = { digits: 0, fullwidth: 0, chinese: 0 };
  for (const l of proseLines(report)) for (const n of numbersIn(l.text)) if (n.unit === '件') count[n.style]++;
  if (count.chinese > count.digits && count.chinese >= count.fullwidth) return 'chinese';
  if (count.fullwidth > count.digits) return 'fullwidth';
  return 'digits';
}

export interface WrittenProse {
  /** Part 三's sentences, or null when table 三 cannot be read. */
  applications: string | null;
  /** Part 四's sentences, or null when table 四 cannot be read. */
  reviewLitigation: string | null;
  /** Where each belongs: the end of its section's heading line (insert a line break, then the text). */
  insertAt: { applications: Position | null; reviewLitigation: Position | null };
}

function headingEnd(report: Report, section: number): Position | null {
  const s = report.sections.find((x) => x.def.number === section);
  return s ? { line: s.heading.line, character: report.lines[s.heading.line].text.length } : null;
}

export function writeProseFromTables(report: Report, locale: Locale = 'zh-cn'): WrittenProse {
  const style = numeralStyle(report);
  const f = (n: number) => formatNumber(n, style);
  const app = (row: string) => rowValue(report, 'applications', row, 'total')?.value ?? null;
  const ids = ['newlyReceived', 'carriedOver', 'granted', 'partiallyGranted', 'withheld', 'unavailable', 'notProcessed', 'otherDisposal', 'resultTotal', 'carriedForward'];
  const v = ids.map(app);
  let applications: string | null = null;
  if (v.every((x) => x !== null)) {
    const [a, b, g, p, w, u, n, o, t, c] = (v as number[]).map(f);
    applications =
      locale === 'en'
        ? `This year ${a} new applications for government information were received and ${b} were carried over from last year. Of the results, ${g} were disclosed, ${p} partly disclosed, ${w} withheld, ${u} could not be provided, ${n} were not processed and ${o} were otherwise disposed of, ${t} completed in all; ${c} are carried forward to next year.`
        : `本年度新收政府信息公开申请${a}件，上年结转政府信息公开申请${b}件。本年度办理结果中，予以公开${g}件，部分公开${p}件，不予公开${w}件，无法提供${u}件，不予处理${n}件，其他处理${o}件，合计办结${t}件；结转下年度继续办理${c}件。`;
  }
  const cell = (col: string) => numberOf(cellOf(report, 'reviewLitigation', 'cases', col));
  const kinds = ['total', 'upheld', 'corrected', 'other', 'pending'];
  const review = kinds.map((k) => cell(`review.${k}`));
  const lit = kinds.map((k) => {
    const d = cell(`litigationDirect.${k}`);
    const r = cell(`litigationAfterReview.${k}`);
    return d === null || r === null ? null : d + r;
  });
  let reviewLitigation: string | null = null;
  if (review.every((x) => x !== null) && lit.every((x) => x !== null)) {
    const [rt, ru, rc, ro, rp] = (review as number[]).map(f);
    const [lt, lu, lc, lo, lp] = (lit as number[]).map(f);
    reviewLitigation =
      locale === 'en'
        ? `This year the agency was the respondent in ${rt} administrative reviews about government information disclosure: ${ru} upheld, ${rc} corrected, ${ro} with another outcome and ${rp} pending; and the defendant in ${lt} lawsuits: ${lu} upheld, ${lc} corrected, ${lo} with another outcome and ${lp} pending.`
        : `本年度因政府信息公开工作被申请行政复议${rt}件，其中结果维持${ru}件，结果纠正${rc}件，其他结果${ro}件，尚未审结${rp}件；被提起行政诉讼${lt}件，其中结果维持${lu}件，结果纠正${lc}件，其他结果${lo}件，尚未审结${lp}件。`;
  }
  return { applications, reviewLitigation, insertAt: { applications: headingEnd(report, 3), reviewLitigation: headingEnd(report, 4) } };
}
