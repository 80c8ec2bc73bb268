// section-substance: part 五 (problems and improvements) must say something: not only 无, 暂无 or headings.
// An empty part is section-empty's finding, not this one's.
import { defineRule } from '../rule.js';
import type { Report } from '../../model.js';
import { isFurniture } from '../../cells.js';
import type { Locale } from '../rule.js';
import { foldLabel } from '../../text.js';
import { proseLines, say } from './common.js';

const HAN = /\p{Script=Han}/uy;

/** How many Chinese characters (code points of the Han script) the text holds, counting up to `max`. */
function countHan(text: string, max: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n < max; i += text.codePointAt(i)! > 0xffff ? 2 : 1) {
    HAN.lastIndex = i;
    if (HAN.test(text)) n++;
  }
  return n;
}

export default defineRule({
  id: 'section-substance',
  severity: 'warning',
  title: { 'zh-cn': '第五部分没有实质内容', en: 'Part 5 says nothing of substance' },
  fixable: false,
  tags: ['prose'],
  needs: 'tables',
  check({ report, locale, emit }) {
    const five = report.sections.find((s) => s.def.number === 5);
    if (!five) return;
    const subs = new Map(five.subheadings.map((h) => [h.line, h]));
    let any = false;
    let han = 0;
    for (const l of proseLines(report)) {
      if (l.section !== 5 || l.line === five.heading.line || isFurniture(l.text) || l.text.trim() === '') continue;
      any = true;
      const h = subs.get(l.line);
      const text = h ? l.text.slice(h.titleRange.end.character) : l.text;
      // Folding goes character by character, so each line can be counted on its own, and the count stops at
      // twelve (无、暂无、无相关情况… are shorter: twelve Chinese characters are substance).
      han += countHan(foldLabel(text), 12 - han);
      if (han >= 12) return;
    }
    if (!any) return;
    emit(
      five.heading.range,
      say(locale, '第五部分应写明存在的主要问题及改进情况，不能只写“无”或只有标题', 'Part 5 should state the main problems and the improvements, not only "none" or headings'),
    );
  },
});
