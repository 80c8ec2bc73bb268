import { defineRule, say } from '../rule.js';
import { rowsOf } from './common.js';

export default defineRule({
  id: 'row-label',
  severity: 'warning',
  title: { 'zh-cn': '行标签与法定标签不一致', en: 'Row label differs from the statutory label' },
  fixable: true,
  tags: ['rows'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    for (const { row } of rowsOf(report)) {
      const label = row.label;
      if (!label || label.exact) continue;
      const want = row.def.label;
      // A wrapped or merged label cannot be replaced in place: the finding stands without a fix.
      const fix = label.replaceable
        ? { title: say(l, `改为法定标签「${want}」`, `Restore the statutory label “${want}”`), edits: [{ range: label.range, newText: want }] }
        : undefined;
      emit(label.range, say(l, `行标签应为「${want}」，实际为「${label.text}」`, `Row label should be “${want}”, found “${label.text}”`), [], fix);
    }
  },
});
