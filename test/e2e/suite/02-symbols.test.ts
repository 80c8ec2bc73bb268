/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { documentSymbols, openReport, serverReady } from './helpers';

const SEED = 'seeds/000_ad0933fee798d3b4.txt';

// the six statutory section headings of seed 000, as written, with their 0-based lines
const SECTIONS: [string, number][] = [
  ['一、总体情况', 8],
  ['二、主动公开政府信息情况', 32],
  ['三、收到和处理政府信息公开申请情况', 49],
  ['四、政府信息公开行政复议、行政诉讼情况', 81],
  ['五、当前存在的主要问题及下一步改进措施', 88],
  ['六、其他需要报告的事项', 96],
];

const names = (symbols: readonly vscode.DocumentSymbol[]) => symbols.map((s) => s.name);

function contains(outer: vscode.Range, inner: vscode.Range): boolean {
  return outer.contains(inner.start) && outer.contains(inner.end);
}

describe('document symbols', () => {
  let doc: vscode.TextDocument;
  let symbols: vscode.DocumentSymbol[];

  before(async () => {
    await serverReady();
    doc = await openReport(SEED);
    symbols = await documentSymbols(doc.uri);
  });

  it('top level: the six statutory sections, in order, named by their heading as written', () => {
    assert.deepEqual(names(symbols), SECTIONS.map(([n]) => n));
    symbols.forEach((s, i) => {
      const line = SECTIONS[i][1];
      assert.equal(s.range.start.line, line, `${s.name} starts at its heading line`);
      assert.ok(doc.lineAt(line).text.includes(s.name), `${s.name} is the heading text on line ${line}`);
      assert.ok(contains(s.range, s.selectionRange), `${s.name}: selectionRange inside range`);
      if (i > 0) assert.ok(symbols[i - 1].range.end.isBeforeOrEqual(s.range.start), `${symbols[i - 1].name} ends before ${s.name}`);
    });
  });

  it('sub-headings are children of their section', () => {
    const overview = symbols[0];
    const subs = names(overview.children);
    assert.ok(subs.some((n) => n.startsWith('（一）主动公开')), `（一）… under 一、总体情况: ${JSON.stringify(subs)}`);
    assert.ok(subs.some((n) => n.startsWith('（二）')), `（二）… under 一、总体情况: ${JSON.stringify(subs)}`);
  });

  // Table symbols, located structurally first (by a 表N or Table N name), so that the structure and the
  // naming contract fail separately.
  const TABLE = /^(表[一二三四五六]|Table [1-6]\b)/;

  it('the three tables sit in sections 二, 三 and 四, with their rows as children', () => {
    const tables = symbols.map((s) => s.children.filter((c) => TABLE.test(c.name)));
    assert.deepEqual(tables.map((t) => t.length), [0, 1, 1, 1, 0, 0], `tables per section; children: ${JSON.stringify(symbols.map((s) => names(s.children)))}`);
    const [t2, t3, t4] = [tables[1][0], tables[2][0], tables[3][0]];
    for (const [section, table] of [[symbols[1], t2], [symbols[2], t3], [symbols[3], t4]] as const) {
      assert.ok(contains(section.range, table.range), `${table.name} inside ${section.name}`);
      assert.ok(table.children.length > 0, `${table.name} has its rows as children`);
      for (const row of table.children) assert.ok(contains(table.range, row.range), `row ${row.name} inside ${table.name}`);
    }
    assert.ok(
      t3.children.some((r) => doc.lineAt(r.range.start.line).text.includes('本年新收')),
      `one of 表三's rows is the 本年新收 line: ${JSON.stringify(t3.children.map((r) => [r.name, r.range.start.line]))}`,
    );
    assert.ok(t3.children.length >= 10, `表三 has its many rows (${t3.children.length})`);
  });

  it('the table symbols are named 表二…, 表三…, 表四… (in any VS Code display language)', () => {
    const tables = symbols.flatMap((s) => s.children.filter((c) => TABLE.test(c.name)));
    assert.deepEqual(
      tables.map((t) => t.name.slice(0, 2)),
      ['表二', '表三', '表四'],
      `table names ${JSON.stringify(names(tables))} (vscode.env.language: ${vscode.env.language})`,
    );
  });
});
