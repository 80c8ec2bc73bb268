import { lineRange, utf8Length } from '../../text.js';
import { defineRule, say } from '../rule.js';

export default defineRule({
  id: 'too-large',
  severity: 'information',
  title: { 'zh-cn': '文档过大，只检查章节结构', en: 'Document too large: only the sections are checked' },
  fixable: false,
  tags: ['document'],
  needs: 'text',
  check({ report, locale: l, options, emit }) {
    if (!report.truncated) return;
    const size = utf8Length(report.text);
    const limit = options.maxTableCheckLength!;
    emit(
      lineRange(report.lines, 0),
      say(
        l,
        `文档有 ${size} 字节（UTF-8），超过表格检查的上限 ${limit} 字节：只检查章节结构`,
        `The document has ${size} bytes of UTF-8, above the table-check limit of ${limit} bytes: only the sections are checked`,
      ),
    );
  },
});
