import { defineRule } from '../rule.js';
import { tablePlace } from './common.js';

// A statutory table the reader could not read unambiguously (flattened text whose digit runs split in
// several ways or none): one finding on the table, in place of every engine finding on it (common.ts).
export default defineRule({
  id: 'table-unreadable',
  severity: 'warning',
  title: { 'zh-cn': '表格无法无歧义地读出', en: 'A table cannot be read unambiguously' },
  fixable: false,
  tags: ['tables'],
  needs: 'text',
  check({ report, locale: l, options, emit }) {
    for (const p of options.readProblems ?? []) if (p.table) emit(tablePlace(report, p.table), p.message[l], [], undefined, [`table:${p.table}`]);
  },
});
