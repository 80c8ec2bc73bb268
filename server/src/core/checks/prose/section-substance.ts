// section-substance: part 五 (problems and improvements) must say something: not only 无, 暂无 or headings.
// An empty part is section-empty's finding, not this one's.
import { defineRule } from '../rule.js';
import type { Report } from '../../model.js';
import { isFurniture } from '../../cells.js';
import type { Locale } from '../rule.js';
import { foldLabel } from '../../text.js';
import { proseLines, say } from './common.js';

// At least twelve Chinese characters (an anchored test: no array of every character, linear).
const TWELVE_HAN = /^(?:\P{Script=Han}*\p{Script=Han}){12}/u;
const NOTHING = /^(?:无|暂无|没有|无问题|不存在|无此情况|本年度无|无相关情况)$/;

export default defineRule({
  id: 'section-substance',
  severity: 'warning',
  title: { 'zh-cn': '第五部分没有实质内容', en: 'Part 5 says nothing of substance' },
  fixable: false,
  tags: ['prose'],
  needs: 'report',
  check({ report, locale, emit }) {
    const five = report.sections.find((s) => s.def.number === 5);
    if (!five) return;
    const subs = new Map(five.subheadings.map((h) => [h.line, h]));
    const pieces: string[] = [];
    let any = false;
    for (const l of proseLines(report)) {
      if (l.section !== 5 || l.line === five.heading.line || isFurniture(l.text) || l.text.trim() === '') continue;
      any = true;
      const h = subs.get(l.line);
      const text = h ? l.text.slice(h.titleRange.end.character) : l.text;
      pieces.push(text);
    }
    if (!any) return;
    const folded = foldLabel(pieces.join('')).replace(/[。.，,：:；;！!？?、"'()（）\-—]/g, '');
    if (TWELVE_HAN.test(folded) && !NOTHING.test(folded)) return;
    emit(
      five.heading.range,
      say(locale, '第五部分应写明存在的主要问题及改进情况，不能只写“无”或只有标题', 'Part 5 should state the main problems and the improvements, not only "none" or headings'),
    );
  },
});
