import { defineRule, say } from '../rule.js';
import { firstSections } from './common.js';

export default defineRule({
  id: 'section-numbering',
  severity: 'warning',
  title: { 'zh-cn': '章节序号与法定序号不符', en: 'Section number differs from the statutory one' },
  fixable: true,
  tags: ['sections'],
  needs: 'report',
  check({ report, locale: l, emit }) {
    for (const s of firstSections(report)) {
      const at = s.heading.numberRange;
      if (!at || s.heading.writtenNumber === s.def.number) continue;
      const want = s.def.numbering;
      const written = report.lines[s.heading.line].text.slice(at.start.character, at.end.character).trim();
      emit(
        at,
        say(l, `章节序号应为「${want}」，实际为「${written || '（缺序号）'}」`, `Section number should be “${want}”, found “${written || '(none)'}”`),
        [],
        { title: say(l, `将序号改为「${want}」`, `Renumber as “${want}”`), edits: [{ range: at, newText: want }] },
      );
    }
  },
});
