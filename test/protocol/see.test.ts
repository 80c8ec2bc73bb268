// Protocol tests of seeing the tables: ogiReport/preview, inlay hints (and their setting), the code lens,
// Format Document / Selection, the rewrite actions, the ogiReport.locale setting and the table completions.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { ClientCapabilities, CodeAction, CodeLens, CompletionItem, Diagnostic, InlayHint, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { type Analysis, analyze } from '../../server/src/core/analyze.js';
import { type DocumentAnalysis, analyzeDocument, inFile, updateDocument } from '../../server/src/core/document.js';
import { PreviewRequest, type PreviewResult, SHOW_PREVIEW_COMMAND } from '../../server/src/protocol.js';
import { inlayHints, preview } from '../../server/src/lsp/see.js';
import { renderPreviewBody } from '../../server/src/outputs/preview.js';
import { displayWidth } from '../../server/src/outputs/width.js';
import { applyEdits } from '../helpers.js';
import { LspClient, ROOT, VSCODE_CAPABILITIES } from './client.js';

const read = (p: string) => readFileSync(`${ROOT}/${p}`, 'utf8');
const SAMPLES = readdirSync(`${ROOT}/samples/broken`).map((f) => `samples/broken/${f}`);
const culpritFile = read('samples/broken/表三单元格填错-东城区.txt');
const WITH_HINTS: ClientCapabilities = { ...VSCODE_CAPABILITIES, textDocument: { ...VSCODE_CAPABILITIES.textDocument, inlayHint: {} }, workspace: { ...VSCODE_CAPABILITIES.workspace, inlayHint: { refreshSupport: true } } };
const ALL = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

/** What a reader gets from the tables: every cell's text by table, part, row and column, and the findings' words. */
function reading(a: Analysis) {
  const cells = a.report.tables.flatMap((t) =>
    t.parts.flatMap((p) => p.rows.flatMap((r) => r.cells.map((c, k) => `${t.def.id}/${p.def.id}/${r.def.id}/${p.def.columns[k].id}=${c ? c.raw : '∅'}`))),
  );
  return { cells, findings: a.findings.map((f) => `${f.rule}:${f.severity}:${f.message}`) };
}

const editsOf = (a: CodeAction): TextEdit[] => (a.edit!.documentChanges as TextDocumentEdit[]).flatMap((d) => d.edits as TextEdit[]);

describe('seeing the tables over the protocol', () => {
  let c: LspClient;
  before(async () => {
    c = new LspClient('inProcess');
    await c.initialize({ locale: 'en-US', capabilities: WITH_HINTS });
  });
  after(() => c.close());

  it('draws the preview of the document: its version, its tables and the culprit marked where the diagnostic is', async () => {
    const uri = 'file:///see/preview.txt';
    const diags = await c.open(uri, culpritFile, 3);
    const culprit = diags.find((d) => d.code === 'likely-culprit')!;
    const p = (await c.request<PreviewResult>(PreviewRequest.method, { uri }))!;
    assert.equal(p.version, 3);
    assert.deepEqual(p.tables.map((t) => `${t.id}:${t.name}`), ['activeDisclosure:表二', 'applications:表三', 'reviewLitigation:表四']);
    const t3 = p.tables[1];
    assert.ok(t3.firstLine <= culprit.range.start.line && culprit.range.start.line <= t3.lastLine);
    const at = `data-line="${culprit.range.start.line}" data-character="${culprit.range.start.character}"`;
    const cell = new RegExp(`<td class="[^"]*ogi-mark-culprit[^"]*" ${at}[^>]*>`).exec(p.html);
    assert.ok(cell, 'the culprit cell is marked at the diagnostic');
    assert.match(cell[0], /data-expected="3"/);
    assert.doesNotMatch(p.html, /<script/i);
    assert.match(p.html, /表三/, 'Chinese labels with an English client');
    // Live: a new version is drawn from the new text.
    const line = culpritFile.split('\n')[culprit.range.start.line];
    const fixed = await c.change(uri, 4, [{ range: culprit.range, text: '3' }]);
    assert.ok(!fixed.some((d) => d.code === 'likely-culprit'), line);
    const q = (await c.request<PreviewResult>(PreviewRequest.method, { uri }))!;
    assert.equal(q.version, 4);
    assert.doesNotMatch(q.html, /ogi-mark-culprit/);
    assert.equal(await c.request(PreviewRequest.method, { uri: 'file:///see/not-open.txt' }), null);
  });

  it('puts → expected after the culprit as an inlay hint with the finding as tooltip, and the setting turns them off', async () => {
    const uri = 'file:///see/hints.txt';
    const diags = await c.open(uri, culpritFile);
    const culprit = diags.find((d) => d.code === 'likely-culprit')!;
    const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: ALL });
    assert.deepEqual(hints.map((h) => [h.label, h.position]), [['→ 3', culprit.range.end]]);
    assert.equal(hints[0].tooltip, culprit.message);
    // A range elsewhere gets none.
    assert.deepEqual(await c.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } }), []);
    // Two wrong totals without a culprit: each total gets what it should be.
    const uri2 = 'file:///see/hints2.txt';
    const two = await c.open(uri2, read('samples/broken/两处总计错误-东城区.txt'));
    const totals = two.filter((d) => d.code === 'row-total' || d.code === 'result-total');
    const hints2 = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: uri2 }, range: ALL });
    assert.ok(hints2.length >= 1);
    for (const h of hints2) {
      const d = totals.find((x) => x.range.end.line === h.position.line && x.range.end.character === h.position.character);
      assert.ok(d, `hint at a wrong total: ${JSON.stringify(h)}`);
      assert.match(String(d.message), new RegExp(`应为 ${String(h.label).slice(2)}`));
    }
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ogiReport: { inlayHints: { enable: false } } } });
    await c.diagnostics(uri);
    assert.deepEqual(await c.request('textDocument/inlayHint', { textDocument: { uri }, range: ALL }), []);
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ogiReport: {} } });
    await c.diagnostics(uri);
    assert.equal((await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: ALL })).length, 1);
  });

  it('puts a verdict lens above each statutory table that opens the preview', async () => {
    const uri = 'file:///see/lens.txt';
    await c.open(uri, culpritFile);
    const p = (await c.request<PreviewResult>(PreviewRequest.method, { uri }))!;
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses.map((l) => l.range.start.line), p.tables.map((t) => t.firstLine));
    assert.deepEqual(lenses.map((l) => l.command!.title), ['表二 · 无错误', '表三 · 勾稽关系 ✓ · 1 处错误', '表四 · 总计 ✓ · 无错误']);
    for (const l of lenses) assert.deepEqual([l.command!.command, l.command!.arguments], [SHOW_PREVIEW_COMMAND, [uri]]);
  });

  it('formats every table in place: columns aligned, no cell and no finding changed, and a second format changes nothing', async () => {
    for (const path of SAMPLES) {
      const uri = `file:///see/format/${encodeURIComponent(path)}`;
      const text = read(path);
      await c.open(uri, text);
      const edits = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
      const formatted = applyEdits(text, edits);
      assert.deepEqual(reading(analyze(formatted)), reading(analyze(text)), path);
      await c.change(uri, 2, [{ text: formatted }]);
      assert.deepEqual(await c.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }), [], `${path}: idempotent`);
    }
    // Pipe rows as typed (columns not aligned): formatting changes them.
    const uri = 'file:///see/format-pipe.txt';
    await c.open(uri, culpritFile);
    const edits = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    // Edits of lines (an editor that diffs each edit's region applies them at once), in every pipe table and nowhere else.
    const tables = analyze(culpritFile).report.tables;
    assert.deepEqual(tables.map((t) => t.shape), ['pipe', 'pipe', 'pipe']);
    const within = (t: (typeof tables)[number]) => (e: TextEdit) => e.range.start.line >= t.firstLine && e.range.end.line <= t.lastLine + 1;
    for (const t of tables) assert.ok(edits.some(within(t)), `${t.def.id} is aligned`);
    for (const e of edits) {
      assert.ok(tables.some((t) => within(t)(e)), JSON.stringify(e));
      assert.ok(e.range.end.line === e.range.start.line || (e.range.end.line === e.range.start.line + 1 && e.range.end.character === 0), `one line: ${JSON.stringify(e.range)}`);
    }
    const aligned = applyEdits(culpritFile, edits).split('\n');
    const applications = tables.find((t) => t.def.id === 'applications')!;
    const t3 = aligned.slice(applications.firstLine, applications.lastLine + 1).filter((l) => /\|\s+\d+ \|/.test(l));
    const pipes = (l: string) => l.split('|').length;
    assert.ok(t3.length > 20 && t3.every((l) => t3.every((m) => pipes(l) !== pipes(m) || displayWidth(l) === displayWidth(m))), 'value rows of 表三 with as many fields equally wide');
    // A selection outside every table formats nothing; one inside the table formats that table.
    const none = await c.request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, options: { tabSize: 4, insertSpaces: true } });
    assert.deepEqual(none, []);
    const some = await c.request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri }, range: edits[0].range, options: { tabSize: 4, insertSpaces: true } });
    assert.deepEqual(some, edits.filter(within(tables[0])));
  });

  it('rewrites a table into each other shape with a versioned edit, and the report reads back the same', async () => {
    let rewrites = 0;
    for (const path of SAMPLES) {
      const uri = `file:///see/rewrite/${encodeURIComponent(path)}`;
      const text = read(path);
      await c.open(uri, text, 7);
      const p = (await c.request<PreviewResult>(PreviewRequest.method, { uri }))!;
      for (const t of p.tables) {
        const range = { start: { line: t.firstLine + 1, character: 0 }, end: { line: t.firstLine + 1, character: 0 } };
        const all = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['refactor'] } });
        // Parts 三 and 四 also offer "write the prose from the table" (refactor.rewrite.prose).
        const actions = all.filter((a) => a.kind === 'refactor.rewrite');
        assert.ok(actions.length >= 1, `${path} ${t.name}`);
        for (const a of actions) {
          assert.equal(a.kind, 'refactor.rewrite');
          assert.match(a.title, new RegExp(`^改写为.*（${t.name}）$`));
          assert.equal((a.edit!.documentChanges as TextDocumentEdit[])[0].textDocument.version, 7);
          const rewritten = applyEdits(text, editsOf(a));
          assert.notEqual(rewritten, text);
          assert.deepEqual(reading(analyze(rewritten)), reading(analyze(text)), `${path}: ${a.title}`);
          rewrites++;
        }
      }
    }
    assert.ok(rewrites >= 20, String(rewrites));
  });

  it('offers no rewrite when the client asks for quick fixes only', async () => {
    const uri = 'file:///see/quickfix-only.txt';
    const diags = await c.open(uri, culpritFile);
    const d = diags.find((x) => x.code === 'likely-culprit')!;
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    assert.deepEqual(actions.map((a) => a.kind), ['quickfix']);
  });
});

describe('the messages language (ogiReport.locale)', () => {
  it('speaks Chinese to an English client by default, English when set, and follows the client with auto', async () => {
    const c = new LspClient('inProcess');
    let locale: string | undefined;
    c.configuration = (p) => p.items.map(() => (locale ? { locale } : null));
    await c.initialize({ locale: 'en-US', configurationPull: true, capabilities: WITH_HINTS });
    try {
      const uri = 'file:///see/locale.txt';
      const culprit = (ds: Diagnostic[]) => ds.find((d) => d.code === 'likely-culprit')!;
      let diags = await c.open(uri, culpritFile);
      assert.match(String(culprit(diags).message), /可能填错：应为 3，实际为 4/);
      const lens = async () => (await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }))[1].command!.title;
      assert.equal(await lens(), '表三 · 勾稽关系 ✓ · 1 处错误');
      for (const [setting, en] of [['en', true], ['auto', true], ['zh-cn', false]] as const) {
        locale = setting;
        const wait = c.diagnostics(uri);
        await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
        diags = (await wait).diagnostics;
        assert.match(String(culprit(diags).message), en ? /is likely mistyped: expected 3, found 4/ : /可能填错/, setting);
        assert.equal(await lens(), en ? 'Table 3 · Reconciliation ✓ · 1 error' : '表三 · 勾稽关系 ✓ · 1 处错误', setting);
        const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: culprit(diags).range, context: { diagnostics: [], only: ['quickfix', 'refactor'] } });
        assert.match(actions[0].title, en ? /^Set .* to 3$/ : /^将.*改为 3$/, setting);
        assert.ok(actions.some((a) => (en ? /^Rewrite as/ : /^改写为/).test(a.title)), setting);
        const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: ALL });
        assert.equal(hints[0].tooltip, culprit(diags).message);
      }
    } finally {
      await c.close();
    }
  });

  it('follows a Chinese client with auto', async () => {
    const c = new LspClient('inProcess');
    c.configuration = (p) => p.items.map(() => ({ locale: 'auto' }));
    await c.initialize({ locale: 'zh-cn', configurationPull: true });
    try {
      const diags = await c.open('file:///see/auto.txt', culpritFile);
      assert.match(String(diags.find((d) => d.code === "likely-culprit")!.message), /可能填错/);
    } finally {
      await c.close();
    }
  });
});

describe('capabilities and completions', () => {
  it('declares inlay hints only to a client that has them', async () => {
    for (const [caps, declared] of [[WITH_HINTS, true], [VSCODE_CAPABILITIES, false]] as const) {
      const c = new LspClient('inProcess');
      const r = (await c.initialize({ capabilities: caps })) as { capabilities: Record<string, unknown> };
      assert.equal('inlayHintProvider' in r.capabilities, declared);
      assert.ok(r.capabilities.codeLensProvider && r.capabilities.documentFormattingProvider && r.capabilities.documentRangeFormattingProvider);
      await c.close();
    }
  });

  it('offers 表三 once in an untitled document, in the document\'s shape; the 2019 tables only for a report before 2021', async () => {
    const c = new LspClient('inProcess');
    await c.initialize();
    try {
      const complete = async (uri: string, text: string) => {
        await c.open(uri, text);
        const lines = text.split('\n');
        const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
        return c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
      };
      const items = await complete('untitled:Untitled-1', '表三');
      const t3 = items.filter((i) => i.label.startsWith('表三'));
      assert.equal(t3.length, 1, JSON.stringify(items.map((i) => i.label)));
      assert.match(t3[0].filterText!, /表三/);
      assert.match((t3[0].textEdit as TextEdit).newText, /^一、本年新收政府信息公开申请数量\t\t\$\{1:0\}/m, 'tab rows in a document without tables');
      assert.deepEqual(items.map((i) => i.label.slice(0, 2)).sort(), ['年度', '表三', '表二', '表四'].sort());
      // A markdown document gets a markdown table.
      const md = read('samples/broken/空白单元格-markdown.txt') + '\n\n表三';
      const mdItem = (await complete('untitled:Untitled-2', md)).find((i) => i.label.startsWith('表三'))!;
      assert.match((mdItem.textEdit as TextEdit).newText, /^\| 一、本年新收政府信息公开申请数量 \|/m);
      // A 2019 report: both formats of 表二 and 表三, the 2019 one first; 表四 is the same in both.
      const old = read('samples/broken/缺少行-2019格式.txt') + '\n\n表';
      const oldItems = (await complete('untitled:Untitled-3', old)).filter((i) => i.label.startsWith('表'));
      const sorted = oldItems.sort((x, y) => x.sortText!.localeCompare(y.sortText!)).map((i) => i.label);
      assert.equal(sorted.length, 5, JSON.stringify(sorted));
      assert.match(sorted[0], /^表二.*2019 格式/);
      assert.match(sorted[1], /^表二.*2021 格式/);
    } finally {
      await c.close();
    }
  });
});

describe('the preview of a file holding many reports (lsp/see.ts)', () => {
  it('draws each report under a heading of its own, its tables listed in order', () => {
    const a = analyze(culpritFile);
    const b = analyze(read('samples/broken/表四总计错误-竖线分隔.txt'));
    const one = preview({ uri: 'file:///x', version: 5 }, [a], 'zh-cn');
    assert.doesNotMatch(one.html, /ogi-report-title/);
    const two = preview({ uri: 'file:///x', version: 5 }, [a, b], 'zh-cn');
    assert.equal(two.version, 5);
    assert.equal([...two.html.matchAll(/<h2 class="ogi-report-title">/g)].length, 2);
    assert.deepEqual(two.tables.map((t) => t.name), [...a.report.tables, ...b.report.tables].map((t) => t.def.name));
    assert.ok(two.html.indexOf(renderPreviewBody(b)) > two.html.indexOf(renderPreviewBody(a)));
  });

  it('gives the inlay hints of the lines asked for, reading only the reports they meet', () => {
    const text = Array.from({ length: 40 }, (_, k) => read(SAMPLES[k % SAMPLES.length]).replace(/\s*$/, '\n')).join('\n\f\n');
    const doc = analyzeDocument(text);
    const at = inFile(doc.reports, text);
    const analyses = doc.reports.map((_, k) => at(k));
    const all = inlayHints(analyses, ALL);
    assert.ok(all.length > 20);
    for (const k of [0, 17, 39]) {
      const { fromLine, toLine } = doc.reports[k].span;
      for (const range of [{ start: { line: fromLine, character: 0 }, end: { line: toLine - 1, character: 0 } }, { start: { line: fromLine + 30, character: 0 }, end: { line: fromLine + 45, character: 0 } }]) {
        const inside = all.filter((h) => h.position.line >= range.start.line && h.position.line <= range.end.line);
        assert.deepEqual(inlayHints(analyses, range), inside, `report ${k}`);
      }
    }
  });

  it('after an edit draws only the reports it touched again, and gives what a fresh drawing gives (a number changed, a line added)', () => {
    const parts = SAMPLES.map(read).map((t) => t.replace(/\s*$/, '\n'));
    const text = Array.from({ length: 200 }, (_, k) => parts[k % parts.length]).join('\n\f\n');
    const doc = { uri: 'file:///many', version: 1 };
    const drawn = (t: string, d: DocumentAnalysis) => {
      const at = inFile(d.reports, t);
      const analyses = d.reports.map((_, k) => at(k));
      const t0 = performance.now();
      const kept = preview(doc, analyses, 'zh-cn', d.reports);
      return { kept, ms: performance.now() - t0, fresh: preview(doc, analyses, 'zh-cn') };
    };
    const first = analyzeDocument(text);
    const a = drawn(text, first);
    assert.equal(a.kept.html, a.fresh.html);
    // A digit of the last row of the 100th report's last table doubled: the same lines everywhere. (Reports
    // partition the file: a report's offset is the length of those before it.)
    const offsetOf = (d: DocumentAnalysis, k: number) => d.reports.slice(0, k).reduce((n, r) => n + r.text.length, 0);
    const own = first.reports[100].analysis.report;
    const row = own.lines[own.tables[own.tables.length - 1].lastLine];
    const digit = offsetOf(first, 100) + row.offset + row.text.search(/\d/);
    const changed = `${text.slice(0, digit)}${text[digit]}${text.slice(digit)}`;
    const second = updateDocument(text, first, changed);
    const b = drawn(changed, second);
    assert.equal(b.kept.html, b.fresh.html);
    assert.notEqual(b.kept.html, a.kept.html);
    assert.ok(b.ms < a.ms / 5, `first drawing ${a.ms.toFixed(0)} ms, after the edit ${b.ms.toFixed(0)} ms`);
    // A line added in the 100th report: every report after it starts a line later, and is drawn at its new place.
    const nl = changed.indexOf('\n', offsetOf(second, 100)) + 1;
    const moved = `${changed.slice(0, nl)}\n${changed.slice(nl)}`;
    const c = drawn(moved, updateDocument(changed, second, moved));
    assert.equal(c.kept.html, c.fresh.html);
    assert.notEqual(c.kept.html, b.kept.html);
  });
});
