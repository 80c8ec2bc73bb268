// Protocol tests for a file of many reports: diagnostics, outline, hover, folding, fix-all per report, and
// typing that never analyses a superseded version.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, DocumentSymbol, FoldingRange, Hover, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { analyzeDocument } from '../../server/src/core/document.js';
import { splitLines } from '../../server/src/core/text.js';
import { FIX_ALL_KIND } from '../../server/src/protocol.js';
import { applyEdits } from '../helpers.js';
import { LspClient, ROOT } from './client.js';

const read = (p: string) => readFileSync(`${ROOT}/${p}`, 'utf8').replace(/\s*$/, '\n');
const seed000 = read('samples/seeds/000_ad0933fee798d3b4.txt');
const seed003 = read('samples/seeds/003_a0b24b918161571f.txt');
const culprit = read('samples/broken/表三单元格填错-东城区.txt');
const lineCount = (t: string) => splitLines(t).length - 1;

describe('a file of many reports over JSON-RPC', () => {
  let c: LspClient;
  before(async () => {
    c = new LspClient();
    await c.initialize();
  });
  after(() => c.close());

  const parts = [seed000, culprit, seed003];
  const text = parts.join('\n');
  const starts = parts.map((_, k) => parts.slice(0, k).reduce((n, p) => n + lineCount(p) + 1, 0));

  it('publishes every report’s findings where they stand in the file', async () => {
    const uri = 'file:///m/three.txt';
    const diags = await c.open(uri, text);
    const doc = analyzeDocument(text);
    assert.deepEqual(doc.reports.map((r) => r.span.fromLine), starts);
    assert.deepEqual(diags.map((d) => [d.code, d.range]), doc.findings.map((f) => [f.rule, f.range]));
    const own = analyzeDocument(culprit).findings.find((f) => f.rule === 'likely-culprit')!;
    const inFile = diags.find((d) => d.code === 'likely-culprit')!;
    assert.equal(inFile.range.start.line, own.range.start.line + starts[1]);
  });

  it('gives one outline node per report, with its sections inside it', async () => {
    const uri = 'file:///m/three.txt';
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 3);
    assert.equal(symbols[0].name, '重庆市大渡口区司法局2023 年政府信息公开工作年度报告');
    symbols.forEach((s, k) => {
      assert.equal(s.range.start.line, starts[k]);
      assert.equal(s.range.end.line, (starts[k + 1] ?? lineCount(text) + 1) - 1);
      assert.equal(s.children!.length, 6, s.name);
      for (const child of s.children!) assert.ok(child.range.start.line >= starts[k] && child.range.end.line <= s.range.end.line);
    });
    assert.equal(symbols[2].children![0].range.start.line, starts[2] + splitLines(seed003).findIndex((l) => l.text.startsWith('一、')));
  });

  it('hovers on a total in the third report as it does in the report alone', async () => {
    const alone = 'file:///m/003.txt';
    await c.open(alone, seed003);
    const line = seed003.split('\n').findIndex((l) => l.startsWith('一、本年新收'));
    const character = seed003.split('\n')[line].lastIndexOf(' 8 ') + 1;
    const h1 = await c.request<Hover>('textDocument/hover', { textDocument: { uri: alone }, position: { line, character } });
    const h3 = await c.request<Hover>('textDocument/hover', { textDocument: { uri: 'file:///m/three.txt' }, position: { line: line + starts[2], character } });
    assert.match((h3.contents as { value: string }).value, /一、本年新收·总计/);
    assert.deepEqual(h3.contents, h1.contents);
    assert.deepEqual(h3.range, { start: { line: h1.range!.start.line + starts[2], character: h1.range!.start.character }, end: { line: h1.range!.end.line + starts[2], character: h1.range!.end.character } });
  });

  it('folds every report’s sections and tables', async () => {
    const folds = await c.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: 'file:///m/three.txt' } });
    const alone = await c.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: 'file:///m/003.txt' } });
    const third = folds.filter((f) => f.startLine >= starts[2]).map((f) => ({ ...f, startLine: f.startLine - starts[2], endLine: f.endLine - starts[2] }));
    assert.deepEqual(third, alone);
    assert.ok(folds.some((f) => f.startLine < starts[1]) && folds.some((f) => f.startLine >= starts[1] && f.startLine < starts[2]));
  });

  it('fixes the report that needs it and leaves the others as they are', async () => {
    const uri = 'file:///m/three.txt';
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: [FIX_ALL_KIND] },
    });
    assert.equal(actions.length, 1);
    const resolved = await c.request<CodeAction>('codeAction/resolve', actions[0]);
    const edits = (resolved.edit!.documentChanges as TextDocumentEdit[])[0].edits as TextEdit[];
    assert.ok(edits.length > 0);
    for (const e of edits) assert.ok(e.range.start.line >= starts[1] && e.range.end.line < starts[2], JSON.stringify(e.range));
    const fixed = applyEdits(text, edits);
    const after = await c.change(uri, 2, [{ text: fixed }]);
    assert.deepEqual(after.filter((d) => d.severity === 1), []);
    // The fixed report's text is what fix-all gives for it alone.
    const alone = applyEdits(culprit, (await fixAllAlone(culprit)) as TextEdit[]);
    assert.equal(fixed, [seed000, alone, seed003].join('\n'));
  });

  async function fixAllAlone(t: string): Promise<TextEdit[]> {
    const uri = 'file:///m/culprit-alone.txt';
    await c.open(uri, t);
    const [a] = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: [FIX_ALL_KIND] } });
    const r = await c.request<CodeAction>('codeAction/resolve', a);
    return (r.edit!.documentChanges as TextDocumentEdit[])[0].edits as TextEdit[];
  }

  it('after a burst of 40 inserts publishes the last version, having analysed at most a few others', async () => {
    const uri = 'file:///m/burst.txt';
    // One long report (every keystroke re-analyses all of it): the burst arrives while it is analysed.
    const big = seed000 + '本机关持续推进政府信息公开工作，主动公开各类信息，做好依申请公开答复。\n'.repeat(6000);
    await c.open(uri, big);
    const published: number[] = [];
    for (let v = 2; v <= 41; v++) void c.diagnostics(uri, v).then(() => published.push(v));
    const lines = big.split('\n');
    const line = lines.findIndex((l) => /^\t?一、本年新收/.test(l));
    const ch = lines[line].search(/\d/);
    const last = c.diagnostics(uri, 41);
    for (let v = 2; v <= 41; v++) {
      void c.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line, character: ch }, end: { line, character: ch } }, text: '1' }],
      });
    }
    const final = await last;
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(published.length <= 5, `published ${published.join(', ')}`);
    assert.equal(published[published.length - 1], 41);
    const expected = analyzeDocument(lines.map((l, k) => (k === line ? l.slice(0, ch) + '1'.repeat(40) + l.slice(ch) : l)).join('\n')).findings;
    assert.deepEqual(final.diagnostics.map((d) => [d.code, d.range]), expected.map((f) => [f.rule, f.range]));
    assert.ok(expected.length > 0);
  });
});
