// Builds the one-defect fixtures of the prose, hint and cross-year rules in test/fixtures/rules from the
// clean prose base (test/fixtures/prose/base-2023.txt) and the clean pair of test/fixtures/crossyear.
// Run: node --import tsx scripts/make-prose-rule-fixtures.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { analyze } from '../server/src/core/analyze.js';
import { cellOf } from '../server/src/core/checks/prose/common.js';
import { splitLines } from '../server/src/core/text.js';

const ROOT = new URL('..', import.meta.url).pathname;
const base = readFileSync(`${ROOT}test/fixtures/prose/base-2023.txt`, 'utf8');

function fill(text: string, values: Record<string, number>): string {
  const r = analyze(text).report;
  const lines = splitLines(text);
  const edits = Object.entries(values).map(([key, v]) => {
    const [table, row, col] = key.split('/');
    const c = cellOf(r, table as 'applications', row, col);
    if (!c) throw new Error(`no cell ${key}`);
    return { from: lines[c.range.start.line].offset + c.range.start.character, to: lines[c.range.end.line].offset + c.range.end.character, text: String(v) };
  });
  edits.sort((a, b) => b.from - a.from);
  return edits.reduce((t, e) => t.slice(0, e.from) + e.text + t.slice(e.to), text);
}
/** The text with a paragraph after the heading of a section (一…六). */
function afterHeading(text: string, heading: string, paragraph: string): string {
  const at = text.indexOf(`\n${heading}`);
  if (at < 0) throw new Error(heading);
  const end = text.indexOf('\n', at + 1);
  return `${text.slice(0, end + 1)}\n${paragraph}\n${text.slice(end + 1)}`;
}
function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(from);
  return text.replace(from, to);
}
/** Section n's body (heading line kept) replaced by `body`. */
function withBody(text: string, heading: string, nextHeading: string | null, body: string): string {
  const a = text.indexOf(`\n${heading}`);
  const from = text.indexOf('\n', a + 1) + 1;
  const to = nextHeading ? text.indexOf(`\n${nextHeading}`) + 1 : text.length;
  return `${text.slice(0, from)}\n${body}\n\n${text.slice(to)}`;
}

const out: Record<string, string> = {
  // Part 三 says 予以公开 31 件; table 三 says 30.
  'prose-table.txt': afterHeading(base, '三、收到和处理政府信息公开申请情况', '本年度办理结果中，予以公开31件。'),
  // 240 条, of which the listed parts (closed by 其他类) add up to 240: the total says 241.
  'prose-sum.txt': replaceOnce(base, '政府信息 240 条', '政府信息 241 条'),
  // The statistics period is 2022's; the title says 2023.
  'years.txt': replaceOnce(base, '统计期限为 2023 年 1 月 1 日至 2023 年 12 月 31 日', '统计期限为 2022 年 1 月 1 日至 2022 年 12 月 31 日'),
  // A misquoted format notice.
  'notice.txt': afterHeading(
    base,
    '一、总体情况',
    '本报告按照国务院办公厅政府信息公开办公室《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕31号）要求编制。',
  ),
  // Part 六 says only 无: nothing about 信息处理费.
  'fees-report.txt': withBody(base, '六、其他需要报告的事项', null, '无。'),
  // Part 五 says only 无.
  'section-substance.txt': withBody(base, '五、当前存在的主要问题及下一步改进措施', '六、其他需要报告的事项', '无。'),
  // A town reporting 1 规章 issued and in force.
  'hint-town-rules.txt': fill(base.replace('重庆市大渡口区司法局', '重庆市大渡口区跳磴镇人民政府'), { 'activeDisclosure/rules/issued': 1, 'activeDisclosure/rules/inForce': 1 }),
  // 其他处理 38 of 65 results (granted 30 moved to 其他处理·其他): the table's sums still hold.
  'hint-share.txt': fill(base, {
    'applications/granted/naturalPerson': 0,
    'applications/granted/total': 0,
    'applications/otherDisposal.other/naturalPerson': 32,
    'applications/otherDisposal.other/total': 32,
  }),
  // 行政规范性文件 3 issued, 3 repealed, 3 in force (last year's stock is not known in one file).
  'hint-uniform-row.txt': fill(base, { 'activeDisclosure/normativeDocuments/repealed': 3, 'activeDisclosure/normativeDocuments/inForce': 3 }),
  // Against crossyear/dadukou-2022.txt (carried 5 forward): this year's 上年结转·自然人 says 4 (its row total and the reconciliation break too: one cell is wrong).
  'carry-over.txt': fill(base, { 'applications/carriedOver/naturalPerson': 4 }),
  // Against crossyear/dadukou-2022.txt (10 in force): 10 + 3 − 1 = 12, this year's says 13.
  'stock-flow.txt': fill(base, { 'activeDisclosure/normativeDocuments/inForce': 13 }),
  // Against crossyear/dadukou-2022.txt, whose prose is this one's with the years shifted: part 一 and 五 copied.
  'copied-prose.txt': base,
};
for (const [name, text] of Object.entries(out)) writeFileSync(`${ROOT}test/fixtures/rules/${name}`, text);
