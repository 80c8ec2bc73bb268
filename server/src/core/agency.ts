// The reporting agency's name, from the report's title: the lines before the first section heading,
// with the year and the words of the report's own name (政府信息公开工作年度报告) taken away.
import type { Report } from './analyze.js';
import { trimWs } from './text.js';

/** Where the report's name starts in a title; the agency is written before it. */
const REPORT_NAME = /政\s*府\s*信\s*息\s*公\s*开/;
const YEAR = /(?:19|20)\d{2}\s*年\s*度?/g;
// Prose that opens the body when a report has no title ("依据《中华人民共和国政府信息公开条例》…").
const PROSE = /^(?:依据|根据|按照|本报告)|[。；;]/;

/** The agency's name, or '' when the report has no title that names one. */
export function agencyOf(report: Pick<Report, 'lines' | 'sections'>): string {
  const end = Math.min(report.sections[0]?.heading.line ?? 12, 12, report.lines.length);
  const title: string[] = [];
  for (let i = 0; i < end; i++) {
    const t = trimWs(report.lines[i].text.replace(/^\s*#+\s*/, ''));
    if (t === '') {
      if (title.length && REPORT_NAME.test(title.join(''))) break;
      continue;
    }
    if (PROSE.test(t)) break;
    title.push(t);
  }
  return agencyFromTitle(title.join(''));
}

/** The agency part of a title such as "硚口区司法局2024年政府信息公开工作年度报告". */
export function agencyFromTitle(title: string): string {
  const at = REPORT_NAME.exec(title);
  const head = at ? title.slice(0, at.index) : title.replace(/年度报告$/, '');
  return trimWs(head.replace(YEAR, '').replace(/[\s\u3000]+/g, '').replace(/[（(]?\s*$/, ''));
}
