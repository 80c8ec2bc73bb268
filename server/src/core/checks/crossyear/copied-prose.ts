// copied-prose: parts 一 and 五 copied from last year's report, sentence for sentence (years aside),
// beyond a share: the report may not describe this year's work.
import type { Report } from '../../model.js';
import { foldLabel } from '../../text.js';
import { proseLines, emitter, say } from '../prose/common.js';
import { defineRule } from '../rule.js';
import { lastYear } from './common.js';

/** The threshold's name (settings: ogiReport.thresholds) and its default. */
export const COPIED_SHARE = 'copied-prose.max';
export const DEFAULT_COPIED_SHARE = 0.5;
const MIN_SENTENCE = 12;

function sentences(r: Report, section: number): string[] {
  const out: string[] = [];
  for (const l of proseLines(r)) {
    if (l.section !== section) continue;
    for (const s of l.text.split(/[。；;！？!?]/)) {
      // Years and numbers differ from year to year even in a copied sentence.
      const f = foldLabel(s).replace(/\d+/g, '#').replace(/[，,、：:“”"'（）()]/g, '');
      if (f.length >= MIN_SENTENCE) out.push(f);
    }
  }
  return out;
}

export default defineRule({
  id: 'copied-prose',
  severity: 'information',
  title: { 'zh-cn': '正文与上一年度报告大量雷同', en: "The text largely repeats last year's report" },
  fixable: false,
  tags: ['crossyear'],
  needs: 'tables',
  check(ctx) {
    const last = lastYear(ctx);
    if (!last) return;
    const { report: current, locale } = ctx;
    const { report: previous, uri } = last;
    const threshold = ctx.threshold(COPIED_SHARE, DEFAULT_COPIED_SHARE);
    const out = emitter(ctx.emit);
    for (const n of [1, 5]) {
      const section = current.sections.find((s) => s.def.number === n);
      if (!section) continue;
      const mine = sentences(current, n);
      if (mine.length < 3) continue;
      const theirs = new Set(sentences(previous, n));
      const same = mine.filter((s) => theirs.has(s)).length;
      const share = same / mine.length;
      if (share <= threshold) continue;
      const pct = Math.round(share * 100);
      const prevSection = previous.sections.find((s) => s.def.number === n);
      out({
        range: section.heading.range,
        message: say(locale, `本部分${mine.length}句中有${same}句（${pct}%）与${previous.year}年度报告相同`, `${same} of ${mine.length} sentences (${pct}%) of this part are the same as in the ${previous.year} report`),
        related: prevSection ? [{ range: prevSection.heading.range, message: say(locale, `${previous.year}年度报告的同一部分`, `The same part of the ${previous.year} report`), uri }] : [],
      });
    }
  },
});
