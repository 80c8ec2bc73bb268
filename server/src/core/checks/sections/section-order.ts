import { sectionName } from '../../messages.js';
import type { Section } from '../../sections.js';
import { defineRule, say } from '../rule.js';
import { firstSections } from './common.js';

export default defineRule({
  id: 'section-order',
  severity: 'warning',
  title: { 'zh-cn': '法定章节顺序错误', en: 'Statutory sections are out of order' },
  fixable: false,
  tags: ['sections'],
  needs: 'report',
  check({ report, locale: l, emit }) {
    let furthest: Section | null = null;
    for (const s of firstSections(report)) {
      if (furthest && s.def.number < furthest.def.number) {
        const name = sectionName(s.def, l);
        const after = sectionName(furthest.def, l);
        emit(s.heading.range, say(l, `章节「${name}」应在「${after}」之前`, `Section “${name}” should come before “${after}”`));
      }
      if (!furthest || s.def.number > furthest.def.number) furthest = s;
    }
  },
});
