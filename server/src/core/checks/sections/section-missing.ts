import { CURRENT_FORMAT } from '../../format/formats.js';
import { sectionName } from '../../messages.js';
import { lineRange } from '../../text.js';
import { defineRule, say } from '../rule.js';

export default defineRule({
  id: 'section-missing',
  severity: 'error',
  title: { 'zh-cn': '缺少法定章节', en: 'A statutory section is missing' },
  fixable: false,
  tags: ['sections'],
  needs: 'report',
  check({ report, locale: l, emit }) {
    const { sections, lines } = report;
    const present = new Set(sections.map((s) => s.def.number));
    for (const def of CURRENT_FORMAT.sections) {
      if (present.has(def.number)) continue;
      // Where the section should stand: before the first later section, or at the end.
      const next = sections.find((s) => s.def.number > def.number);
      const at = next ? next.heading.range : lineRange(lines, lines.length - 1);
      const name = sectionName(def, l);
      emit(at, say(l, `缺少法定章节「${name}」`, `Statutory section “${name}” is missing`));
    }
  },
});
