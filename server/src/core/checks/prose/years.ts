// years: the title year, the statistics period, the sentences that open with a year in parts 一, 三 and 四,
// and the signature date must agree; the period must be a whole calendar year; dates must be whole.
import { defineRule } from '../rule.js';
import type { Report } from '../../model.js';
import type { Fix, Locale, Related, Severity } from '../rule.js';
import { type Range, range } from '../../text.js';
import { isFullStop, proseLines, emitter, say } from './common.js';

const PERIOD =
  /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起?\s*(?:至|到|—|–|-|－|～|~)\s*(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const TITLE = /((?:19|20)\d{2})\s*年\s*度?\s*[^。，,]{0,30}?年度报告/;
const GARBLED = /(?<![\d０-９])(?:19|20)\d{2}\d{1,4}\s*日|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*日(?![均常报])|(?:19|20)\d{2}\s*年\s*月\s*\d{1,2}\s*日/g;
// Sticky: tried at each sentence start of the line (the match cannot run past the sentence's end mark).
const OPENING_YEAR = /\s*(?:[（(][一二三四五六七八九十\d]{1,2}[)）]\s*)?((?:19|20)\d{2})\s*年\s*度?\s*(?=[，,]|共|全年|收到|新收)/y;
const A_YEAR = /(?:19|20)\d{2}/;
const SIGNATURE = /^\s*(?:(?:日期|发布日期|发布时间|时间)[：:]\s*)?((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2}))\s*$/;

/** The year the title names, with its place. */
export function titleYear(report: Report): { year: number; range: Range } | null {
  const end = Math.min(report.sections[0]?.heading.line ?? 12, 12);
  const lines = report.lines.slice(0, Math.max(end, 1));
  // Titles wrap over lines ("…司法局2024年政府\n信息公开工作年度报告"): join the non-empty head lines.
  const parts: { line: number; from: number; text: string }[] = [];
  let joined = '';
  lines.forEach((l, i) => {
    if (l.text.trim() === '') return;
    parts.push({ line: i, from: joined.length, text: l.text });
    joined += l.text;
  });
  const m = TITLE.exec(joined);
  if (!m) return null;
  const at = m.index + m[0].indexOf(m[1]);
  const p = [...parts].reverse().find((x) => x.from <= at)!;
  return { year: Number(m[1]), range: range(p.line, at - p.from, at - p.from + 4) };
}

export default defineRule({
  id: 'years',
  severity: 'warning',
  title: { 'zh-cn': '年度不一致或日期有误', en: 'Years disagree or a date is malformed' },
  fixable: true,
  tags: ['prose'],
  needs: 'tables',
  check({ report, locale, emit }) {
    const out = emitter(emit);
    const title = titleYear(report);
    const year = title?.year ?? report.year;
    const add = (r: Range, message: string, severity: Severity = 'warning', fix?: Fix, related: Related[] = []) =>
      out({ severity, range: r, message, related, fix });
    const prose = proseLines(report);
    const firstTableSection = report.sections.find((s) => s.def.number >= 2)?.heading.line ?? report.lines.length;
    let periodSeen = false;
    for (const { line, text, section } of prose) {
      // Every search below needs a year written in digits (19xx or 20xx); most lines hold none.
      if (!A_YEAR.test(text)) continue;
      GARBLED.lastIndex = 0;
      for (let g = GARBLED.exec(text); g !== null; g = GARBLED.exec(text)) add(range(line, g.index!, g.index! + g[0].length), say(locale, `日期不完整或有误：“${g[0]}”`, `Malformed date: "${g[0]}"`));
      if (!periodSeen && line < firstTableSection) {
        const p = PERIOD.exec(text);
        if (p) {
          periodSeen = true;
          const [, y1, m1, d1, y2, m2, d2] = p;
          const r = range(line, p.index, p.index + p[0].length);
          const whole = Number(m1) === 1 && Number(d1) === 1 && Number(m2) === 12 && Number(d2) === 31 && (!y2 || y2 === y1);
          if (!whole)
            add(r, say(locale, `统计期限“${p[0]}”不是完整的自然年（应为1月1日至12月31日）`, `The statistics period "${p[0]}" is not a whole calendar year (1 January to 31 December)`));
          else if (title && Number(y1) !== title.year) {
            const yAt = p.index + p[0].indexOf(y1);
            const edits = [{ range: range(line, yAt, yAt + 4), newText: String(title.year) }];
            if (y2) {
              const y2At = p.index + p[0].lastIndexOf(y2);
              edits.push({ range: range(line, y2At, y2At + 4), newText: String(title.year) });
            }
            add(
              r,
              say(locale, `统计期限为${y1}年，标题为${title.year}年`, `The statistics period is ${y1} but the title says ${title.year}`),
              'warning',
              { title: say(locale, `改为${title.year}年`, `Change to ${title.year}`), edits },
              [{ range: title.range, message: say(locale, `标题年度 ${title.year}`, `title year ${title.year}`) }],
            );
          }
        }
      }
      if (year !== null && (section === 0 || section === 1 || section === 3 || section === 4)) {
        for (let start = 0; start < text.length; start = nextSentence(text, start)) {
          OPENING_YEAR.lastIndex = start;
          const o = OPENING_YEAR.exec(text);
          if (!o || Number(o[1]) === year) continue;
          const at = text.indexOf(o[1], start);
          add(
            range(line, at, at + 4),
            say(locale, `本段所述为${o[1]}年，报告年度为${year}年`, `This sentence speaks of ${o[1]}; the report is for ${year}`),
            'warning',
            { title: say(locale, `改为${year}年`, `Change to ${year}`), edits: [{ range: range(line, at, at + 4), newText: String(year) }] },
          );
        }
      }
    }
    if (year !== null) signature(report, year, locale, add);
    return;
  },
});

/** Where the sentence after the one starting at `start` starts (after 。；;！？), or the line's length. */
function nextSentence(text: string, start: number): number {
  for (let i = start; i < text.length; i++) if (isFullStop(text.charCodeAt(i))) return i + 1;
  return text.length;
}

function signature(report: Report, year: number, locale: Locale, add: (r: Range, m: string, s?: Severity) => void): void {
  // The signature date stands alone on one of the last lines.
  const last = report.lines.length - 1;
  for (let i = last; i >= Math.max(0, last - 8); i--) {
    const m = SIGNATURE.exec(report.lines[i].text);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5])];
    const at = report.lines[i].text.indexOf(m[1]);
    const r = range(i, at, report.lines[i].text.trimEnd().length);
    const date = y * 10000 + mo * 100 + d;
    if (mo < 1 || mo > 12 || d < 1 || d > 31) add(r, say(locale, `日期无效：${m[0].trim()}`, `Invalid date: ${m[0].trim()}`));
    else if (date < (year + 1) * 10000 + 101)
      add(r, say(locale, `落款日期${y}年${mo}月${d}日早于${year}年度结束`, `The date ${y}-${mo}-${d} is before the end of ${year}`));
    else if (date > (year + 1) * 10000 + 131)
      add(r, say(locale, `落款日期${y}年${mo}月${d}日晚于${year + 1}年1月31日的报送期限`, `The date ${y}-${mo}-${d} is after the deadline of 31 January ${year + 1}`), 'hint');
    return;
  }
}
