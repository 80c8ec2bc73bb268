import { lineRange } from '../../text.js';
import { defineRule, say } from '../rule.js';

// Prose, a list, anything but a report: one note rather than nine missing sections and tables.
export default defineRule({
  id: 'not-a-report',
  severity: 'information',
  title: { 'zh-cn': '文档不像政府信息公开工作年度报告', en: 'The document does not read like an annual report' },
  fixable: false,
  tags: ['document'],
  needs: 'text',
  check({ report, locale: l, emit }) {
    if (report.isReport) return;
    // A text too large for the tables to be read was looked at for its sections only.
    const [zh, en] = report.truncated ? ['法定章节', 'statutory section'] : ['法定章节或表格', 'statutory section or table'];
    emit(lineRange(report.lines, 0), say(l, `没有找到${zh}：这不像政府信息公开工作年度报告，不作检查`, `No ${en} found: this does not read like an annual report, so it is not checked`));
  },
});
