import { isFurniture } from '../../cells.js';
import { sectionName } from '../../messages.js';
import { trimWs } from '../../text.js';
import { defineRule, say } from '../rule.js';
import { firstSections } from './common.js';

export default defineRule({
  id: 'section-empty',
  severity: 'warning',
  title: { 'zh-cn': '章节内容为空', en: 'Section is empty' },
  fixable: false,
  tags: ['sections'],
  needs: 'report',
  check({ report, locale: l, emit }) {
    const { lines } = report;
    for (const s of firstSections(report)) {
      let empty = true;
      for (let i = s.bodyFrom; i < s.bodyTo && empty; i++) if (trimWs(lines[i].text) !== '' && !isFurniture(lines[i].text)) empty = false;
      if (!empty) continue;
      const name = sectionName(s.def, l);
      emit(s.heading.range, say(l, `章节「${name}」没有内容`, `Section “${name}” has no content`));
    }
  },
});
