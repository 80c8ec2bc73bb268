// prose-sum: "公开政府信息240条，其中动态类55条、政策性文件20条…" — the parts after 其中 must add up.
// Parts may overlap only in ways that make their sum exceed the total in rare reports, but a sum above the
// total is what the sentence cannot mean; a sum below it is a finding only when the list closes with a
// catch-all (其他/其余), which claims to be the complete breakdown.
import { defineRule } from '../rule.js';
import type { Report } from '../../model.js';
import type { Locale } from '../rule.js';
import { type ProseNumber, isFullStop, numbersIn, proseLines, emitter, say } from './common.js';
import { range } from '../../text.js';

const COUNTED = /^(?:件|条|个|篇|期|次|人次|家|份|起)$/;
const NOT_A_PART = /[%％]|率|占|比例|同比|增长|减少/;

/**
 * Where the part list that starts at `from` ends: at the next sentence end or the next 其中. The scan stops at
 * the next 其中 at the latest, where the next list starts: linear over the line.
 */
function partsEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isFullStop(code)) return i;
    if (code === 0x5176 && text.charCodeAt(i + 1) === 0x4e2d) return i; // 其中
  }
  return text.length;
}

export default defineRule({
  id: 'prose-sum',
  severity: 'warning',
  title: { 'zh-cn': '正文中分项之和与总数不符', en: 'The parts listed in the text do not add up to their total' },
  fixable: false,
  tags: ['prose'],
  needs: 'tables',
  check({ report, locale, emit }) {
    const out = emitter(emit);
    for (const { line, text } of proseLines(report)) {
      // Most lines hold no 其中: they need none of the searches below.
      let at = text.indexOf('其中');
      if (at < 0) continue;
      for (; at >= 0; at = text.indexOf('其中', at + 2)) {
        // The total stands right before 其中 ("240 条，其中" / "2077条。其中"): a short window is enough.
        const headFrom = Math.max(0, at - 40);
        const before = numbersIn(text.slice(headFrom, at));
        const total = before[before.length - 1];
        if (!total || (total.start === 0 && headFrom > 0) || !COUNTED.test(total.unit)) continue;
        const between = text.slice(headFrom + total.unitEnd, at);
        if (!/^[\s，,。：:]*$/.test(between)) continue;
        const region = text.slice(at + 2, partsEnd(text, at + 2));
        if (NOT_A_PART.test(region)) continue;
        const all = numbersIn(region);
        const parts = all.filter((n) => !(n.style === 'chinese' && n.unit === ''));
        if (parts.length < 2 || parts.some((p) => p.unit !== total.unit)) continue;
        const sum = parts.reduce((s, p) => s + p.value, 0);
        if (sum === total.value) continue;
        const lastPart = region.slice(0, parts[parts.length - 1].start);
        const closed = /(?:其他|其它|其余)[^、，,]*$/.test(lastPart);
        if (sum < total.value && !closed) continue;
        const tRange = range(line, headFrom + total.start, headFrom + total.end);
        const partRange = (p: ProseNumber) => range(line, at + 2 + p.start, at + 2 + p.end);
        const list = parts.map((p) => p.raw).join('+');
        out({
          range: tRange,
          message: say(
            locale,
            `总数${total.raw}${total.unit}与其中各项之和（${list}=${sum}）不符`,
            `The total ${total.raw} does not equal the sum of its parts (${list} = ${sum})`,
          ),
          related: parts.map((p) => ({ range: partRange(p), message: say(locale, `分项 ${p.raw}${p.unit}`, `part ${p.raw}`) })),
        });
      }
    }
    return;
  },
});
