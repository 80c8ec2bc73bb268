// Protocol edge cases, against startServer in process (a pair of in-memory streams): the lifecycle errors
// LSP prescribes, invalid params, changes that cannot be applied, a didOpen without text, answers in the
// client's own terms (eglot vs VS Code), and cancellation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CodeAction, DocumentSymbol, Hover, SymbolInformation, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { CONFIGURATION_SECTION, DocumentStateRequest, type DocumentStateResult, FIX_ALL_KIND, LANGUAGE_ID, TableTemplateRequest } from '../../server/src/protocol.js';
import { EGLOT_CAPABILITIES, LspClient, ROOT, VSCODE_CAPABILITIES } from './client.js';

const culpritFile = readFileSync(`${ROOT}/samples/broken/表三单元格填错-东城区.txt`, 'utf8');
const seed003 = readFileSync(`${ROOT}/samples/seeds/003_a0b24b918161571f.txt`, 'utf8');
const state = (c: LspClient, uri: string) => c.request<DocumentStateResult | null>(DocumentStateRequest.method, { uri });
const tick = () => new Promise((r) => setTimeout(r, 30));

describe('lifecycle (in process)', () => {
  it('answers -32002 before initialize, drops notifications, and -32600 after shutdown', async () => {
    const c = new LspClient('inProcess');
    await assert.rejects(c.request('textDocument/hover', { textDocument: { uri: 'file:///a.txt' }, position: { line: 0, character: 0 } }), { code: -32002 });
    await assert.rejects(c.request('ogiReport/noSuchMethod', {}), { code: -32002 });
    await assert.rejects(c.request('shutdown'), { code: -32002 });
    // A didOpen before initialize is dropped: after initialize the document is unknown.
    await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///early.txt', languageId: LANGUAGE_ID, version: 1, text: seed003 } });
    await c.initialize();
    assert.equal(await state(c, 'file:///early.txt'), null);
    await assert.rejects(c.request('initialize', { processId: null, rootUri: null, capabilities: {} }), { code: -32600 });
    await c.open('file:///a.txt', seed003);
    assert.equal(await c.request('shutdown'), null);
    await assert.rejects(c.request('textDocument/hover', { textDocument: { uri: 'file:///a.txt' }, position: { line: 0, character: 0 } }), { code: -32600 });
    await assert.rejects(c.request(DocumentStateRequest.method, { uri: 'file:///a.txt' }), { code: -32600 });
    await assert.rejects(c.request('ogiReport/noSuchMethod', {}), { code: -32600 });
    await assert.rejects(c.request('shutdown'), { code: -32600 });
    c.connection.dispose();
  });

  it('answers invalid params with -32602 for every request it serves', async () => {
    const c = new LspClient('inProcess');
    await c.initialize();
    await c.open('file:///p.txt', seed003);
    const bad = [
      ['textDocument/hover', { textDocument: { uri: 'file:///p.txt' } }],
      ['textDocument/hover', { textDocument: { uri: 'file:///p.txt' }, position: { line: -1, character: 0 } }],
      ['textDocument/hover', { textDocument: { uri: 'file:///p.txt' }, position: { line: 1.5, character: 0 } }],
      ['textDocument/completion', { textDocument: {}, position: { line: 0, character: 0 } }],
      ['textDocument/documentSymbol', { textDocument: { uri: 42 } }],
      ['textDocument/documentSymbol', {}],
      ['textDocument/foldingRange', { nonsense: true }],
      ['textDocument/codeAction', { textDocument: { uri: 'file:///p.txt' }, range: { start: { line: 0 } }, context: {} }],
      ['textDocument/codeAction', { textDocument: { uri: 'file:///p.txt' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }],
      [TableTemplateRequest.method, { uri: 'file:///p.txt' }],
      [DocumentStateRequest.method, { url: 'file:///p.txt' }],
    ] as const;
    for (const [method, params] of bad) await assert.rejects(c.request(method, params), { code: -32602 }, `${method} ${JSON.stringify(params)}`);
    // And it still serves.
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///p.txt' } });
    assert.equal(symbols.length, 6);
    await c.close();
  });
});

describe('document sync (in process)', () => {
  const valid = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const invalidRanges: [string, unknown][] = [
    ['a fractional character', { start: { line: 0, character: 1.5 }, end: { line: 0, character: 2 } }],
    ['a negative line', { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }],
    ['a null character (NaN in JSON)', { start: { line: 0, character: null }, end: { line: 0, character: 0 } }],
    ['a string line', { start: { line: '3', character: 0 }, end: { line: 3, character: 0 } }],
    ['a line past the end', { start: { line: 10_000, character: 0 }, end: { line: 10_000, character: 1 } }],
    ['an end before the start', { start: { line: 3, character: 2 }, end: { line: 2, character: 0 } }],
    ['a huge number', { start: { line: 1e300, character: 0 }, end: { line: 1e300, character: 0 } }],
  ];
  for (const [what, range] of invalidRanges) {
    it(`refuses a change with ${what}, keeps its text, and resyncs on a full text`, async () => {
      const c = new LspClient('inProcess');
      await c.initialize();
      const uri = 'file:///sync.txt';
      await c.open(uri, seed003);
      const before = await state(c, uri);
      // A valid change first in the same batch: the batch is refused whole, not half applied.
      const published = c.diagnostics(uri);
      await c.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: valid, text: 'x' }, { range, text: '0' }],
      });
      assert.deepEqual((await published).diagnostics, [], 'stale diagnostics are cleared');
      const after = await state(c, uri);
      assert.deepEqual({ ...after, inSync: true }, before, 'the server kept the old text and version');
      assert.equal(after!.inSync, false);
      assert.ok(c.logs.some((l) => l.includes('refused')), c.logs.join('\n'));
      assert.equal(c.shown.length, 1, 'the user is told once');
      // Out of sync, the document is not served: no fix computed on a text the user does not have.
      assert.equal(await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 1 } }), null);
      assert.deepEqual(await c.request('textDocument/codeAction', { textDocument: { uri }, range: valid, context: { diagnostics: [] } }), []);
      // Later incremental changes cannot be placed either; a full text brings it back.
      await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: valid, text: 'y' }] });
      assert.equal((await state(c, uri))!.inSync, false);
      const diags = await c.change(uri, 4, [{ text: culpritFile }]);
      assert.ok(diags.some((d) => d.code === 'likely-culprit'));
      const back = await state(c, uri);
      assert.equal(back!.inSync, true);
      assert.equal(back!.version, 4);
      assert.equal(back!.length, culpritFile.length);
      assert.equal(c.shown.length, 1);
      await c.close();
    });
  }

  it('takes a character past the end of a line as the end of the line (LSP), and the end of the document', async () => {
    const c = new LspClient('inProcess');
    await c.initialize();
    const uri = 'file:///clamp.txt';
    await c.open(uri, 'ab\ncd');
    await c.change(uri, 2, [{ range: { start: { line: 0, character: 99 }, end: { line: 0, character: 99 } }, text: '𠮷' }]);
    await c.change(uri, 3, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '!' }]);
    const s = await state(c, uri);
    assert.equal(s!.inSync, true);
    assert.equal(s!.length, 'ab𠮷\ncd!'.length);
    await c.close();
  });

  it('ignores a didOpen without text: no document, no error on every later re-check', async () => {
    const c = new LspClient('inProcess');
    await c.initialize();
    const uri = 'file:///notext.txt';
    await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: LANGUAGE_ID, version: 1 } });
    await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] });
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { [CONFIGURATION_SECTION]: {} } });
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { [CONFIGURATION_SECTION]: {} } });
    await tick();
    assert.equal(await state(c, uri), null);
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    assert.equal(c.logs.length, 1, c.logs.join('\n'));
    assert.match(c.logs[0], /without a text/);
    assert.equal(c.published.has(uri), false);
    // Opened properly afterwards, it is checked.
    assert.ok((await c.open(uri, culpritFile)).length > 0);
    await c.close();
  });
});

describe('answers in the client’s terms (in process)', () => {
  const uri = 'file:///terms.txt';
  const line = seed003.split('\n').findIndex((l) => l.startsWith('一、本年新收'));
  const total = { line, character: seed003.split('\n')[line].lastIndexOf(' 8 ') + 1 };

  it('eglot: plain-text hover, no dynamic registration, versioned fix-all computed at once', async () => {
    const c = new LspClient('inProcess');
    const init = (await c.initialize({ capabilities: EGLOT_CAPABILITIES })) as { capabilities: { codeActionProvider: { resolveProvider?: boolean } } };
    assert.equal(init.capabilities.codeActionProvider.resolveProvider, false);
    await c.open(uri, culpritFile);
    await tick();
    assert.deepEqual(c.registrations, []);
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: total });
    const contents = h.contents as { kind: string; value: string };
    assert.equal(contents.kind, 'plaintext');
    assert.doesNotMatch(contents.value, /\*\*|`|\\/);
    assert.match(contents.value, /^表三 · /);
    const diags = c.published.get(uri)!.diagnostics;
    assert.ok(diags.every((d) => d.relatedInformation === undefined), 'no relatedInformation to a client without it');
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: total, end: total }, context: { diagnostics: [], only: [FIX_ALL_KIND] } });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].data, undefined);
    const [edit] = actions[0].edit!.documentChanges as TextDocumentEdit[];
    assert.deepEqual(edit.textDocument, { uri, version: 1 });
    assert.ok(edit.edits.length > 0);
    await c.close();
  });

  it('VS Code: markdown hover with the verdict first, didChangeConfiguration registered', async () => {
    const c = new LspClient('inProcess');
    await c.initialize({ capabilities: VSCODE_CAPABILITIES });
    await c.open(uri, culpritFile);
    await tick();
    assert.deepEqual(c.registrations.map((r) => r.method), ['workspace/didChangeConfiguration']);
    const culprit = c.published.get(uri)!.diagnostics.find((d) => d.code === 'likely-culprit')!;
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: culprit.range.start });
    const contents = h.contents as { kind: string; value: string };
    assert.equal(contents.kind, 'markdown');
    const [verdict] = contents.value.split('\n\n---\n\n');
    const lines = verdict.split('  \n');
    assert.ok(lines.length <= 3, verdict);
    assert.match(lines[0], /^\*\*表三\*\* · /);
    assert.match(lines[1], /^✗ .*应为 3，实际为 4/);
    assert.match(lines[2], /^修复：将.*改为 3$/);
    await c.close();
  });

  it('without changes support: plain changes; without hierarchical symbols: SymbolInformation', async () => {
    const c = new LspClient('inProcess');
    await c.initialize({ capabilities: { textDocument: { hover: {} } } });
    const diags = await c.open(uri, culpritFile);
    const d = diags.find((x) => x.code === 'likely-culprit')!;
    const [fix] = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    assert.equal((fix.edit!.changes![uri] as TextEdit[])[0].newText, '3');
    const symbols = await c.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 6 && symbols.every((s) => s.location.uri === uri));
    assert.ok(symbols.some((s) => s.containerName?.startsWith('表三')));
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: d.range.start });
    assert.equal((h.contents as { kind: string }).kind, 'plaintext', 'no contentFormat: plain text');
    await c.close();
  });
});

describe('cancellation (in process)', () => {
  it('a cancelled symbols / code-action / resolve request gets RequestCancelled', async () => {
    const c = new LspClient('inProcess');
    // Settings pulled from the client, answered late: the cancel arrives while the server waits.
    let answer!: () => void;
    c.configuration = (p) => new Promise((r) => (answer = () => r(p.items.map(() => null))));
    await c.initialize({ configurationPull: true });
    const uri = 'file:///cancel.txt';
    const opened = c.diagnostics(uri, 1);
    await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: LANGUAGE_ID, version: 1, text: culpritFile } });
    while (!answer) await tick();
    answer();
    await opened;
    // A new configuration makes the server ask the client again (for the re-check); while that answer is
    // outstanding every request on the document waits for it, and the cancel arrives meanwhile.
    const reconfigure = async () => {
      answer = undefined as never;
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      while (!answer) await tick();
    };
    const requests: [string, unknown][] = [
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, context: { diagnostics: [] } }],
      ['codeAction/resolve', { title: 'fix all', kind: FIX_ALL_KIND, data: { uri, version: 1 } }],
    ];
    for (const [method, params] of requests) {
      await reconfigure();
      const source = new CancellationTokenSource();
      const pending = c.connection.sendRequest(method, params, source.token);
      await tick();
      source.cancel();
      await tick();
      answer();
      await assert.rejects(pending, { code: -32800 }, method);
    }
    // Not cancelled, the same requests answer.
    await reconfigure();
    const p = c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const q = c.request<CodeAction>('codeAction/resolve', requests[2][1]);
    await tick();
    answer();
    assert.equal((await p).length, 6);
    assert.ok(((await q).edit!.documentChanges![0] as TextDocumentEdit).edits.length > 0);
    await c.close();
  });
});
