// "Write the prose from the tables" over the protocol: on part 三 (or 四), a refactor action whose
// versioned edit writes the standard sentences from the table; applied, prose-table has nothing to say,
// whether the part had no such sentence (inserted) or a wrong one (rewritten), in digits or Chinese numerals.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { toChinese } from '../../server/src/core/checks/prose/common.js';
import { analyze, applyEdits, fixture } from '../helpers.js';
import { LspClient } from './client.js';

const base = fixture('prose', 'base-2023.txt');
const heading = (text: string, h: string) => text.split('\n').findIndex((l) => l.startsWith(h));
const withLine = (text: string, h: string, line: string) => {
  const lines = text.split('\n');
  lines.splice(heading(text, h) + 1, 0, line);
  return lines.join('\n');
};
const PART3 = '三、收到和处理政府信息公开申请情况';
const PART4 = '四、政府信息公开行政复议、行政诉讼情况';
const proseTable = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'prose-table');

describe('write the prose from the tables', () => {
  let c: LspClient;
  before(async () => {
    c = new LspClient();
    await c.initialize();
  });
  after(() => c.close());

  const cases: [string, string, string][] = [
    ['inserts part 三’s sentences', base, PART3],
    ['rewrites a wrong standard sentence', withLine(base, PART3, '本年度新收政府信息公开申请71件，上年结转政府信息公开申请5件。'), PART3],
    ['inserts part 四’s sentences', base, PART4],
    // The report writes its counts (N件) in Chinese numerals: so does the rewrite.
    ['keeps Chinese numerals', withLine(base.replace(/(\d+)\s*件/g, (_, d: string) => `${toChinese(Number(d))}件`), PART3, '本年度新收政府信息公开申请七十一件，上年结转政府信息公开申请五件。'), PART3],
  ];
  cases.forEach(([name, text, h], k) => {
    it(name, async () => {
      const uri = `file:///prose/${k}.txt`;
      await c.open(uri, text);
      const line = heading(text, h);
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        context: { diagnostics: [], only: ['refactor'] },
      });
      assert.equal(actions.length, 1, JSON.stringify(actions));
      const change = actions[0].edit!.documentChanges![0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
      assert.deepEqual(change.textDocument, { uri, version: 1 });
      const after = applyEdits(text, change.edits);
      // What was written: the lines of the result the report did not have (the edits are the lines' changes).
      const had = new Set(text.split('\n'));
      const written = after.split('\n').filter((l) => !had.has(l)).join('\n').trim();
      assert.ok(written.length > 0);
      if (h === PART3) assert.match(written, /结转下年度继续办理/);
      if (name.includes('Chinese')) assert.match(written, /七十件/);
      if (name.includes('rewrites')) assert.ok(!after.includes('申请71件'));
      assert.deepEqual(proseTable(await c.change(uri, 2, [{ text: after }])), []);
      assert.deepEqual(analyze(after).findings.filter((f) => f.rule === 'prose-table'), []);
    });
  });

  it('is not offered outside parts 三 and 四, nor to a client asking for quick fixes only', async () => {
    const uri = 'file:///prose/outside.txt';
    await c.open(uri, base);
    const ask = (line: number, only: string[]) => c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line, character: 0 }, end: { line, character: 0 } }, context: { diagnostics: [], only } });
    assert.deepEqual(await ask(heading(base, '一、总体情况'), ['refactor']), []);
    assert.deepEqual(await ask(heading(base, PART3), ['quickfix']), []);
  });
});
