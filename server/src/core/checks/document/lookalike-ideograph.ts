import { positionAt, unifyIdeographs } from '../../text.js';
import type { TextEdit } from '../rule.js';
import { defineRule, say } from '../rule.js';

// Kangxi radicals (⼀ U+2F00 for 一), CJK radicals (⻚ for 页) and compatibility ideographs look like the
// characters they stand for but are other code points: text copied out of a PDF whose font maps its glyphs
// to them is made of them, and a published report holding them fails every search and every count of its
// words. The engine reads them as the ideographs (core/text.ts unifyIdeographs); this says they are there,
// once, and the fix writes the ideographs (one code unit for one: nothing else moves).
export default defineRule({
  id: 'lookalike-ideograph',
  severity: 'warning',
  title: { 'zh-cn': '文本中有形似汉字的部首或兼容字符', en: 'Characters that look like Chinese characters but are not' },
  fixable: true,
  tags: ['document'],
  needs: 'text',
  check({ report, locale: l, emit }) {
    // Known from reading the lines; only a text that holds them is unified again, to place them.
    if (!report.lookalikes) return;
    const text = report.text;
    // Where the unified text differs from the text, a lookalike stands.
    const unified = unifyIdeographs(text);
    const edits: TextEdit[] = [];
    let count = 0;
    let firstAt = -1;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === unified.charCodeAt(i)) continue;
      if (count++ === 0) firstAt = i;
      const start = positionAt(report.lines, i);
      const last = edits[edits.length - 1];
      // A run of them is one edit.
      if (last && last.range.end.line === start.line && last.range.end.character === start.character) {
        last.newText += unified[i];
        last.range.end = { line: start.line, character: start.character + 1 };
      } else edits.push({ range: { start, end: { line: start.line, character: start.character + 1 } }, newText: unified[i] });
    }
    const first = { from: text[firstAt], to: unified[firstAt] };
    const code = (s: string) => `U+${s.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    emit(
      edits[0].range,
      say(
        l,
        `文本中有${count}个康熙部首或兼容汉字，看起来与汉字相同，实为其他字符（检索、复制、统计字数时对不上；常见于从PDF复制的文字），如「${first.from}」（${code(first.from)}）应为「${first.to}」`,
        `The text has ${count} Kangxi radical(s) or compatibility ideograph(s) that look like Chinese characters but are other characters (searches and word counts miss them; common in text copied from a PDF), e.g. “${first.from}” (${code(first.from)}) for “${first.to}”`,
      ),
      [],
      { title: say(l, '全部替换为标准汉字', 'Replace them all with the standard characters'), edits },
    );
  },
});
