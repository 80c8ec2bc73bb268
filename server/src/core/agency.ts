// The agency a report is from, read from its title: the lines before the first section heading, the
// name before the year and 政府信息公开工作年度报告, normalised so that the same agency matches across
// years and layouts (the CSV's agency column and the cross-year pairing use the same reading).
import type { Report } from './model.js';
import { trimWs } from './text.js';

/** Where the report's name starts in a title; the agency is written before it. */
const REPORT_WORDS = /政\s*府\s*信\s*息\s*公\s*开|信息公开工作年度报告|工作年度报告|年度报告/;
const YEAR = /(?:(?:19|20|１９|２０)[\d０-９]{2}|[〇零一二三四五六七八九]{4})\s*年\s*度?/g;
// Prose that opens the body when a report has no title ("依据《中华人民共和国政府信息公开条例》…").
const PROSE = /^(?:依据|根据|按照|本报告)|[。；;]/;

/** What agencyOf reads of a report: its lines and sections, and where it starts among the lines (a report of a 汇编 in the file's coordinates). */
type Titled = Pick<Report, 'lines' | 'sections'> & Partial<Pick<Report, 'fromLine' | 'toLine'>>;

/** The agency's name from a report (its title lines) or from a title text; null when there is no title that names one. */
export function agencyOf(source: Titled | string): string | null {
  return agencyFromTitle(typeof source === 'string' ? source : titleText(source));
}

/** The title lines of a report: up to the first section heading, a blank line after the title, or prose after it. */
function titleText(report: Titled): string {
  const from = report.fromLine ?? 0;
  const end = Math.min(report.sections[0]?.heading.line ?? from + 12, from + 12, report.toLine ?? report.lines.length, report.lines.length);
  const title: string[] = [];
  for (let i = from; i < end; i++) {
    const t = trimWs(report.lines[i].text.replace(/^\s*#+\s*/, ''));
    if (t === '') {
      if (title.length && REPORT_WORDS.test(title.join(''))) break;
      continue;
    }
    // Prose ends the title; before it, it is an editor's note or an opening paragraph.
    if (PROSE.test(t)) {
      if (title.length) break;
      continue;
    }
    title.push(t);
  }
  return title.join('');
}

/** The agency part of a title such as "硚口区司法局2024年政府信息公开工作年度报告". */
export function agencyFromTitle(title: string): string | null {
  const m = REPORT_WORDS.exec(title);
  if (!m) return null;
  const name = title
    .slice(0, m.index)
    .replace(/[#＃*\s\u3000]/g, '')
    .replace(YEAR, '')
    .replace(/[（(【[].*?[）)】\]]/g, '')
    .replace(/^.*[。：:]/, '')
    .replace(/[（(]$/, '');
  return name.length >= 2 ? name : null;
}

export function sameAgency(a: Titled, b: Titled): boolean {
  const x = agencyOf(a);
  return x !== null && x === agencyOf(b);
}

/** The key a report is paired by across years: its agency and a year (the CLI's and the editor's pairing). */
export function agencyYearKey(agency: string, year: number): string {
  return `${year}\u0000${agency}`;
}

/** A report's pairing key, for its own year moved by `yearOffset` (1: the report that would take it as last year's); null without agency or year. */
export function reportKey(report: Titled & Pick<Report, 'year'>, yearOffset = 0): string | null {
  const a = agencyOf(report);
  return a === null || report.year === null ? null : agencyYearKey(a, report.year + yearOffset);
}

export function isPreviousYear(current: Pick<Report, 'year'>, previous: Pick<Report, 'year'>): boolean {
  return current.year !== null && previous.year !== null && previous.year === current.year - 1;
}
