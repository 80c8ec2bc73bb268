// The agency a report is from, read from its title: the name before the year and 政府信息公开工作年度报告,
// normalised so that the same agency matches across years and layouts.
import type { Report } from './analyze.js';

const REPORT_WORDS = /政府信息公开(?:\s*公开)?工作年度报告|政府信息公开年度报告|信息公开工作年度报告|工作年度报告|年度报告/;

/** The agency's name from a report (its title lines) or from a title text; null when there is no title. */
export function agencyOf(source: Report | string): string | null {
  const head = typeof source === 'string' ? source : headText(source);
  const m = REPORT_WORDS.exec(head);
  if (!m) return null;
  let name = head.slice(0, m.index);
  // Drop the year (2023年 / 2023年度 / 二〇二三年度) and what precedes the title (markdown marks, a
  // first line of noise).
  name = name.replace(/[#＃*\s\u3000]/g, '');
  name = name.replace(/(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年度?$/, '');
  name = name.replace(/(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年度?/g, '');
  name = name.replace(/[（(【[].*?[）)】\]]/g, '').replace(/^.*[。：:]/, '');
  return name.length >= 2 ? name : null;
}

function headText(r: Report): string {
  const end = Math.min(r.sections[0]?.heading.line ?? 12, 12);
  return r.lines
    .slice(0, Math.max(end, 1))
    .map((l) => l.text.trim())
    .filter((t) => t !== '')
    .join('');
}

export function sameAgency(a: Report, b: Report): boolean {
  const x = agencyOf(a);
  const y = agencyOf(b);
  return x !== null && x === y;
}

export function isPreviousYear(current: Report, previous: Report): boolean {
  return current.year !== null && previous.year !== null && previous.year === current.year - 1;
}
