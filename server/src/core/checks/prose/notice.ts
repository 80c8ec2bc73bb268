// notice: the format notice cited as the basis must be 国办公开办函〔2021〕30号 for reports of 2021 on and
// 〔2019〕60号 before. Bracket style alone ([2021]、(2021)) is no finding; other notices (国办函〔2020〕109号,
// the fee measures) are not citations of the format.
import { defineRule } from '../rule.js';
import type { Report } from '../../model.js';
import { FORMATS } from '../../format/formats.js';
import type { Locale } from '../rule.js';
import { range } from '../../text.js';
import { proseLines, emitter, say } from './common.js';

const CITATION = /(国(?:务院)?办(?:公厅)?[\u4e00-\u9fa5]{0,6}?[函发])\s*[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*(\d{1,4})\s*号/g;
const ABOUT_FORMAT = /年度报告格式|报告格式|格式的通知/;

function expectedNotice(year: number): string {
  const f = [...FORMATS].sort((a, b) => b.fromYear - a.fromYear).find((x) => year >= x.fromYear) ?? FORMATS[FORMATS.length - 1];
  return f.notice;
}

function parts(notice: string): { issuer: string; year: number; number: number } {
  const m = /^(.*?函)〔(\d{4})〕(\d+)号$/.exec(notice)!;
  return { issuer: m[1], year: Number(m[2]), number: Number(m[3]) };
}

export default defineRule({
  id: 'notice',
  severity: 'warning',
  title: { 'zh-cn': '所引年度报告格式通知文号有误', en: 'The format notice is cited wrongly' },
  fixable: true,
  tags: ['prose'],
  needs: 'tables',
  check({ report, locale, emit }) {
    if (report.year === null) return;
    const want = expectedNotice(report.year);
    const w = parts(want);
    const known = FORMATS.map((f) => parts(f.notice));
    const out = emitter(emit);
    for (const { line, text } of proseLines(report)) {
      // A citation needs 办 and 号: most lines hold no citation at all.
      if (!text.includes('号') || !text.includes('办')) continue;
      for (const m of text.matchAll(CITATION)) {
        const [whole, issuer, y, n] = m;
        const isKnown = known.some((k) => k.year === Number(y) && k.number === Number(n));
        const openIssuer = /公开办/.test(issuer);
        // Right after the notice's title ("…报告格式的通知》（…）"): the citation is of the format notice.
        const afterTitle = /格式的通知[》>]?\s*[（(]?\s*$/.test(text.slice(Math.max(0, m.index! - 12), m.index!));
        const ofFormat = afterTitle || (isKnown && (openIssuer || ABOUT_FORMAT.test(text))) || (openIssuer && ABOUT_FORMAT.test(text));
        if (!ofFormat) continue;
        if (issuer === w.issuer && Number(y) === w.year && Number(n) === w.number) continue;
        const r = range(line, m.index!, m.index! + whole.length);
        const old = isKnown && issuer === w.issuer;
        out({
          range: r,
          message: old
            ? say(locale, `${report.year}年度报告应依据${want}，而非${whole}`, `A report for ${report.year} follows ${want}, not ${whole}`)
            : say(locale, `格式通知文号有误：“${whole}”，应为“${want}”`, `Misquoted format notice "${whole}"; it is "${want}"`),
          related: [],
          fix: { title: say(locale, `改为${want}`, `Cite ${want}`), edits: [{ range: r, newText: want }] },
        });
      }
    }
    return;
  },
});
