import { sectionName } from '../../messages.js';
import { defineRule, say } from '../rule.js';
import { repeatedSections } from './common.js';

export default defineRule({
  id: 'section-duplicate',
  severity: 'warning',
  title: { 'zh-cn': '法定章节重复', en: 'A statutory section appears twice' },
  fixable: false,
  tags: ['sections'],
  needs: 'report',
  check({ report, locale: l, emit }) {
    const repeats = repeatedSections(report);
    for (const s of report.sections) {
      if (!repeats.has(s)) continue;
      const name = sectionName(s.def, l);
      emit(s.heading.range, say(l, `章节「${name}」重复出现`, `Section “${name}” appears again`));
    }
  },
});
