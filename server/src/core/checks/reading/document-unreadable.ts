import { lineRange } from '../../text.js';
import { defineRule } from '../rule.js';

// The reader could not read the document, or not all of it (a corrupt or encrypted file, a PDF without a
// text layer, tables as pictures, a page limit): fed by the reader through AnalyzeOptions.readProblems,
// as the encoding rule is fed by options.decoding. One finding per problem, on the first line.
export default defineRule({
  id: 'document-unreadable',
  severity: 'warning',
  title: { 'zh-cn': '文件无法完整读取', en: 'The file could not be read in full' },
  fixable: false,
  tags: ['document'],
  needs: 'text',
  check({ report, locale: l, options, emit }) {
    for (const p of options.readProblems ?? []) if (!p.table) emit(lineRange(report.lines, 0), p.message[l]);
  },
});
