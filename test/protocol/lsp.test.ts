// Protocol tests: the bundled language server (dist/server.js) driven over stdio by a real JSON-RPC client.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { CodeAction, CompletionItem, DocumentSymbol, Hover, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyze.js';
import { splitLines } from '../../server/src/core/text.js';
import { DIAGNOSTIC_SOURCE, DocumentStateRequest, type DocumentStateResult, FIX_ALL_KIND } from '../../server/src/protocol.js';
import { applyEdits, replaceRange, within } from '../helpers.js';
import { LspClient, ROOT } from './client.js';

/** Offsets in s (UTF-16) where a code point starts, and s.length. */
function codePointBoundaries(s: string): number[] {
  const out = [0];
  for (const ch of s) out.push(out[out.length - 1] + ch.length);
  return out;
}

const read = (p: string) => readFileSync(`${ROOT}/${p}`, 'utf8');
const culpritFile = read('samples/broken/表三单元格填错-东城区.txt');
const seed000 = read('samples/seeds/000_ad0933fee798d3b4.txt');
const seed003 = read('samples/seeds/003_a0b24b918161571f.txt');

describe('language server over JSON-RPC', () => {
  let c: LspClient;
  before(async () => {
    c = new LspClient();
    await c.initialize();
  });
  after(() => c.close());

  it('publishes diagnostics with exact UTF-16 ranges, 𠮷 before the broken cell', async () => {
    // Put 𠮷 (two UTF-16 code units) in front of the row whose cell is wrong.
    const lines = culpritFile.split('\n');
    const row = lines.findIndex((l) => l.startsWith('(四)无法提供'));
    lines[row] = '𠮷' + lines[row];
    const text = lines.join('\n');
    const diags = await c.open('file:///t/astral.txt', text);
    const culprit = diags.find((d) => d.code === 'likely-culprit')!;
    assert.ok(culprit, JSON.stringify(diags));
    assert.equal(culprit.source, DIAGNOSTIC_SOURCE);
    assert.equal(culprit.range.start.line, row);
    assert.equal(lines[row].slice(culprit.range.start.character, culprit.range.end.character), '4');
    assert.equal(culprit.range.start.character, lines[row].indexOf(' | 4 | ') + 3);
    assert.ok(culprit.relatedInformation!.length >= 2);
    for (const r of culprit.relatedInformation!) assert.equal(r.location.uri, 'file:///t/astral.txt');
  });

  it('gives document symbols: sections → sub-headings and tables → rows', async () => {
    const uri = 'file:///t/000.txt';
    await c.open(uri, seed000);
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、当前存在的主要问题及下一步改进措施', '六、其他需要报告的事项'],
    );
    assert.deepEqual(symbols[0].children!.map((s) => s.name).slice(0, 2), ['（一）主动公开政府信息情况', '（二）依申请公开政府信息情况']);
    const t3 = symbols[2].children!.find((s) => s.name.startsWith('表三'))!;
    assert.equal(t3.children!.length, 25);
    assert.equal(t3.children![2].name, '（一）予以公开');
    for (const s of symbols) for (const child of s.children ?? []) assert.ok(child.range.start.line >= s.range.start.line && child.range.end.line <= s.range.end.line);
    const folds = await c.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folds.some((f) => f.startLine === symbols[2].range.start.line));
    assert.ok(folds.some((f) => f.startLine === 51 && f.endLine === 79), JSON.stringify(folds));
  });

  it('gives a nested Outline for a PDF text whose row labels wrap onto the next line', async () => {
    const uri = 'file:///t/pdf.txt';
    await c.open(uri, read('samples/broken/勾稽关系不平-PDF文本.txt'));
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const walk = (ss: DocumentSymbol[], parent?: DocumentSymbol): number =>
      ss.reduce((n, s) => {
        assert.ok(within(s.selectionRange, s.range), `${s.name}: selectionRange inside range`);
        if (parent) assert.ok(within(s.range, parent.range), `${s.name}: inside ${parent.name}`);
        return n + 1 + walk(s.children ?? [], s);
      }, 0);
    assert.ok(walk(symbols) > 30);
  });

  it('hovers on a total with the sum written out', async () => {
    const uri = 'file:///t/003.txt';
    await c.open(uri, seed003);
    const line = seed003.split('\n').findIndex((l) => l.startsWith('一、本年新收'));
    const total = seed003.split('\n')[line].lastIndexOf(' 8 ') + 1;
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: total } });
    const text = (h.contents as { value: string }).value;
    assert.match(text, /表三/);
    assert.match(text, /一、本年新收·总计/);
    assert.match(text, /✓ 「一、本年新收」行总计（8 = 8）/);
    assert.ok(text.indexOf('✓ 所在的') < text.indexOf('自然人 8'), 'the verdict comes before the sums');
    assert.match(text, /自然人 8 \+ 一、本年新收·商业企业 0/);
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
  });

  it('offers row labels and table templates as snippets', async () => {
    const uri = 'file:///t/complete.txt';
    const lines = seed003.split('\n');
    const at = lines.findIndex((l) => l.startsWith('2.重复申请'));
    lines.splice(at, 1, '');
    await c.open(uri, lines.join('\n'));
    const items = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: at, character: 0 } });
    items.sort((x, y) => (x.sortText ?? x.label).localeCompare(y.sortText ?? y.label));
    assert.equal(items[0].label, '2.重复申请', 'the missing row comes first');
    const tables = items.filter((i) => i.label.startsWith('表三'));
    assert.equal(tables.length, 1, 'one 表三 for a 2021-format report');
    const t3 = tables[0];
    assert.equal(t3.insertTextFormat, 2);
    assert.match((t3.textEdit as TextEdit).newText, /\$\{1:0\}/);
    assert.match((t3.textEdit as TextEdit).newText, /^\| 一、本年新收政府信息公开申请数量 \|  \| \$\{1:0\} \|/m, 'as a table with pipes, the shape the document uses');
  });

  it('applies a quick fix and the error goes', async () => {
    const uri = 'file:///t/fix.txt';
    const diags = await c.open(uri, culpritFile);
    const d = diags.find((x) => x.code === 'likely-culprit')!;
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, '将（四）1.本机关不掌握相关政府信息·自然人改为 3');
    // Versioned: the client refuses it if the document changed since.
    const [docEdit] = actions[0].edit!.documentChanges as TextDocumentEdit[];
    assert.deepEqual(docEdit.textDocument, { uri, version: 1 });
    const edits = docEdit.edits as TextEdit[];
    const after = await c.change(uri, 2, edits.map((e) => ({ range: e.range, text: e.newText })));
    assert.deepEqual(after.filter((x) => x.severity === 1), []);
  });

  it('fixes everything certain in one edit, leaving no new error', async () => {
    const uri = 'file:///t/fixall.txt';
    let text = seed003;
    // A blank, a unit, a misspelt label and a mistyped cell.
    text = text.replace('二、上年结转政府信息公开申请数量 | 0 | 0 |', '二、上年结转政府信息公开申请数量 |  | 0 |');
    text = text.replace('一、本年新收政府信息公开申请数量 | 8 |', '一、本年新收政府信息公开申请数量 | 8件 |');
    text = text.replace('(一)予以公开', '(一)予已公开');
    text = text.replace('(四)无法提供 | 1.本机关不掌握相关政府信息 | 3 |', '(四)无法提供 | 1.本机关不掌握相关政府信息 | 4 |');
    const diags = await c.open(uri, text);
    assert.deepEqual([...new Set(diags.map((d) => d.code))].sort(), ['cell-blank', 'cell-unit', 'likely-culprit', 'row-label']);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: [FIX_ALL_KIND] },
    });
    assert.equal(actions.length, 1);
    // The lightbulb gets the action without its edit; resolving computes it, for this version.
    assert.equal(actions[0].edit, undefined);
    assert.deepEqual(actions[0].data, { uri, version: 1 });
    const resolved = await c.request<CodeAction>('codeAction/resolve', actions[0]);
    const [docEdit] = resolved.edit!.documentChanges as TextDocumentEdit[];
    assert.deepEqual(docEdit.textDocument, { uri, version: 1 });
    const after = await c.change(uri, 2, [{ text: applyEdits(text, docEdit.edits as TextEdit[]) }]);
    assert.deepEqual(after.map((d) => d.code), []);
  });

  it('keeps its text equal to the client’s through a stream of random edits', async () => {
    const uri = 'file:///t/random.txt';
    let text = seed000;
    let version = 1;
    await c.open(uri, text, version);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 30 }), insert: fc.constantFrom('', '𠮷', '0', '\t', '\n', '\r\n', '总计', '| 1 |', 'é', '𠮷𠮷 1') }), { minLength: 1, maxLength: 6 }),
        async (edits) => {
          const changes = [];
          for (const e of edits) {
            const lines = splitLines(text);
            const line = e.at % lines.length;
            // Edits start and end on code-point boundaries, as clients send them: never inside a surrogate pair.
            const boundaries = codePointBoundaries(lines[line].text);
            const k = e.at % boundaries.length;
            const range = { start: { line, character: boundaries[k] }, end: { line, character: boundaries[Math.min(boundaries.length - 1, k + e.del)] } };
            text = replaceRange(text, range, e.insert);
            changes.push({ range, text: e.insert });
          }
          assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text), 'no lone surrogate');
          version++;
          const diags = await c.change(uri, version, changes);
          assert.equal(diags.length, analyze(text).findings.length);
        },
      ),
      { numRuns: 60 },
    );
    assert.ok(text.includes('𠮷'), 'the edits put 𠮷 in the text');
    const state = await c.request<DocumentStateResult>(DocumentStateRequest.method, { uri });
    assert.equal(state.inSync, true);
    assert.equal(state.version, version);
    assert.equal(state.sha256, createHash('sha256').update(text).digest('hex'));
  });

  it('survives malformed requests and keeps answering', async () => {
    await assert.rejects(c.request('textDocument/hover', { nonsense: true }), { code: -32602 });
    await assert.rejects(c.request('ogiReport/noSuchMethod', {}), { code: -32601 });
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri: 'file:///never-opened.txt' }, position: { line: 3, character: 3 } }), null);
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///never-opened.txt' } }), []);
    assert.ok(c.alive);
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///t/000.txt' } });
    assert.equal(symbols.length, 6);
  });

  it('says once that a document is not a report, instead of nine missing parts', async () => {
    const diags = await c.open('file:///t/notes.txt', '会议纪要\n今天讨论了工作安排。\n');
    assert.deepEqual(diags.map((d) => d.code), ['not-a-report']);
  });

  it('takes a 50 MB document without freezing: sections only, said once', async () => {
    const uri = 'file:///t/huge.txt';
    const big = seed000 + '\n' + '0\t'.repeat(25_000_000);
    const t0 = Date.now();
    const diags = await c.open(uri, big);
    const took = Date.now() - t0;
    assert.deepEqual(diags.filter((d) => d.code === 'too-large').length, 1);
    assert.ok(took < 20_000, `took ${took} ms`);
    const t1 = Date.now();
    await c.request('textDocument/hover', { textDocument: { uri: 'file:///t/000.txt' }, position: { line: 0, character: 0 } });
    assert.ok(Date.now() - t1 < 2000);
    await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('applies settings: a rule switched off and another severity', async () => {
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ogiReport: { rules: { 'likely-culprit': 'off', 'row-total': 'warning' } } } });
    const diags = await c.diagnostics('file:///t/astral.txt');
    const codes = diags.diagnostics.map((d) => `${d.code}:${d.severity}`).sort();
    assert.deepEqual(codes, ['result-total:1', 'row-total:2']);
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ogiReport: {} } });
    await c.diagnostics('file:///t/astral.txt');
  });
});

describe('language server in English, without snippet support', () => {
  let c: LspClient;
  before(async () => {
    c = new LspClient();
    await c.initialize({ locale: 'en-US', snippets: false });
  });
  after(() => c.close());

  it('speaks Chinese to an English client unless ogiReport.locale says English', async () => {
    const diags = await c.open('file:///t/en.txt', culpritFile);
    assert.match(String(diags[0].message), /可能填错：应为 3，实际为 4/);
    const wait = c.diagnostics('file:///t/en.txt');
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ogiReport: { locale: 'en' } } });
    assert.match(String((await wait).diagnostics[0].message), /is likely mistyped: expected 3, found 4/);
  });

  it('offers templates as plain text with zeros', async () => {
    const uri = 'file:///t/plain.txt';
    await c.open(uri, '三、收到和处理政府信息公开申请情况\n\n');
    const items = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } });
    const t3 = items.find((i) => i.label.startsWith('Table 3'))!;
    assert.notEqual(t3.insertTextFormat, 2);
    assert.doesNotMatch((t3.textEdit as TextEdit).newText, /\$\{/);
    assert.match((t3.textEdit as TextEdit).newText, /一、本年新收政府信息公开申请数量\t\t0\t0/);
  });
});
