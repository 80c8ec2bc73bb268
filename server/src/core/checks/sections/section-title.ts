import { defineRule, say } from '../rule.js';
import { firstSections } from './common.js';

export default defineRule({
  id: 'section-title',
  severity: 'information',
  title: { 'zh-cn': '章节标题与法定标题不一致', en: 'Section title differs from the statutory one' },
  fixable: true,
  tags: ['sections'],
  needs: 'report',
  check({ report, locale: l, emit }) {
    for (const s of firstSections(report)) {
      if (s.exactTitle) continue;
      const want = s.def.title;
      emit(
        s.heading.titleRange,
        say(l, `章节标题应为「${want}」，实际为「${s.heading.title}」`, `Section title should be “${want}”, found “${s.heading.title}”`),
        [],
        { title: say(l, `改为法定标题「${want}」`, `Use the statutory title “${want}”`), edits: [{ range: s.heading.titleRange, newText: want }] },
      );
    }
  },
});
