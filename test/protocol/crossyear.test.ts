// Last year's report in the editor: two documents open (last year's and this year's, made from a seed),
// carry-over on this year's with last year's cell as a related location in the other document; an edit
// of last year's 结转下年度 re-checks this year's. And a last year's report that is not open but a file of
// the workspace folder, re-read when the client says it changed.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { cellOf } from '../../server/src/core/checks/prose/common.js';
import { REPORT_VIEW_SCHEME } from '../../server/src/protocol.js';
import { readDocument } from '../../server/src/readers/index.js';
import { ROOT, analyze, applyEdits, fixture } from '../helpers.js';
import { LspClient, VSCODE_CAPABILITIES } from './client.js';

const lastText = fixture('crossyear', 'dadukou-2022.txt');
const brokenText = fixture('crossyear', 'dadukou-2023-broken.txt');
const carry = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'carry-over');
// Last year's 结转下年度 written as this year's 上年结转 says (4): the pair agrees.
const agreeing = (() => {
  const r = analyze(lastText).report;
  return applyEdits(lastText, ['naturalPerson', 'total'].map((col) => ({ range: cellOf(r, 'applications', 'carriedForward', col)!.range, newText: '4' })));
})();

describe('cross-year checks between open documents', () => {
  let c: LspClient;
  before(async () => {
    c = new LspClient();
    await c.initialize();
  });
  after(() => c.close());
  const LAST = 'file:///years/last.txt';
  const THIS = 'file:///years/this.txt';

  it("carry-over appears on this year's report, last year's cell related in the other document", async () => {
    await c.open(LAST, lastText);
    const ds = carry(await c.open(THIS, brokenText));
    assert.equal(ds.length, 2);
    const lastCell = cellOf(analyze(lastText).report, 'applications', 'carriedForward', 'total')!;
    assert.ok(ds.every((d) => d.severity === 1 && d.relatedInformation?.[0].location.uri === LAST));
    assert.deepEqual(ds[1].relatedInformation![0].location.range, lastCell.range);
  });

  it("editing last year's 结转下年度 to match re-checks this year's: the error goes", async () => {
    const next = c.diagnostics(THIS);
    await c.change(LAST, 2, [{ text: agreeing }]);
    assert.deepEqual(carry((await next).diagnostics), []);
    // And back: the error returns.
    const again = c.diagnostics(THIS);
    await c.change(LAST, 3, [{ text: lastText }]);
    assert.equal(carry((await again).diagnostics).length, 2);
  });

  it("writes next year's report from last year's: carried over from it, named for next year", async () => {
    const r = await c.request<{ text: string; suggestedName: string } | null>('ogiReport/nextYearReport', { uri: 'file:///years/%E5%A4%A7%E6%B8%A1%E5%8F%A32022.txt' });
    assert.equal(r, null, 'a document that is not open has no answer');
    const got = await c.request<{ text: string; suggestedName: string }>('ogiReport/nextYearReport', { uri: LAST });
    assert.equal(got.suggestedName, '重庆市大渡口区司法局2023年政府信息公开工作年度报告.txt');
    const next = analyze(got.text).report;
    assert.equal(next.year, 2023);
    // Last year's 结转下年度 (5) is the new report's 上年结转: carry-over agrees with last year's report.
    assert.equal(cellOf(next, 'applications', 'carriedOver', 'total')!.raw.trim(), '5');
    const named = await c.open('file:///years/report-2022.txt', lastText);
    void named;
    const byFile = await c.request<{ suggestedName: string }>('ogiReport/nextYearReport', { uri: 'file:///years/report-2022.txt' });
    assert.equal(byFile.suggestedName, 'report-2023.txt');
    // A name whose percent-escapes are broken (%E5 alone) is named as written, not a failed request.
    await c.open('file:///years/report%E5-2022.txt', lastText);
    const broken = await c.request<{ suggestedName: string }>('ogiReport/nextYearReport', { uri: 'file:///years/report%E5-2022.txt' });
    assert.equal(broken.suggestedName, 'report%E5-2023.txt');
  });

  it('opened in the other order, this year’s report is re-checked when last year’s opens', async () => {
    const d = new LspClient();
    await d.initialize();
    try {
      assert.deepEqual(carry(await d.open(THIS, brokenText)), []);
      const next = d.diagnostics(THIS);
      await d.open(LAST, lastText);
      assert.equal(carry((await next).diagnostics).length, 2);
    } finally {
      await d.close();
    }
  });
});

describe("last year's report among the workspace folder's files", () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-ws-'));
  const lastFile = join(dir, '2022.txt');
  writeFileSync(lastFile, lastText);
  writeFileSync(join(dir, 'notes.md'), '# 会议纪要\n');
  let c: LspClient;
  before(async () => {
    c = new LspClient();
    const capabilities = { ...VSCODE_CAPABILITIES, workspace: { ...VSCODE_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } };
    await c.initialize({ capabilities, workspaceFolders: [pathToFileURL(dir).href] });
  });
  after(async () => {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const THIS = pathToFileURL(join(dir, '2023.txt')).href;

  it('registers the file watcher, as the client allows dynamic registration', async () => {
    await c.open('file:///elsewhere/x.txt', 'x');
    assert.ok(c.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
  });

  it("finds last year's file that is not open, and re-reads it when it changes", async () => {
    const ds = carry(await c.open(THIS, brokenText));
    assert.equal(ds.length, 2);
    assert.equal(ds[0].relatedInformation![0].location.uri, pathToFileURL(lastFile).href);
    writeFileSync(lastFile, agreeing);
    const next = c.diagnostics(THIS);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(lastFile).href, type: 2 }] });
    assert.deepEqual(carry((await next).diagnostics), []);
  });
});

// A county's 汇编 of its departments, this year's and last year's: each report pairs with its own
// department's report of last year wherever it stands in last year's file, and the related cell is on that
// report's line of the file, open or not.
describe('a 汇编 as last year’s report', () => {
  const asOther = (t: string) => t.replaceAll('司法局', '民政局');
  const joined = (...reports: string[]) => reports.map((t) => t.replace(/\s*$/, '\n')).join('\n\f\n');
  // Last year: the 民政局 first, the 司法局 second; this year: the 司法局 first, the 民政局 second.
  const lastCounty = joined(asOther(lastText), lastText);
  const thisCounty = joined(brokenText, asOther(brokenText));
  const carriedForwardLines = lastCounty.split('\n').flatMap((l, i) => (l.startsWith('四、结转下年度继续办理') ? [i] : []));
  const expectRelated = (ds: Diagnostic[], uri: string) => {
    const got = carry(ds);
    assert.equal(got.length, 4, JSON.stringify(ds.map((d) => d.message)));
    for (const d of got) {
      const rel = d.relatedInformation![0].location;
      assert.equal(rel.uri, uri);
      // The 司法局 of this year (its first report) → the second report of last year's file, and back.
      assert.equal(rel.range.start.line, carriedForwardLines[d.range.start.line < 100 ? 1 : 0]);
    }
  };
  assert.equal(carriedForwardLines.length, 2);

  it('open documents', async () => {
    const c = new LspClient();
    await c.initialize();
    try {
      await c.open('file:///county/2022.txt', lastCounty);
      expectRelated(await c.open('file:///county/2023.txt', thisCounty), 'file:///county/2022.txt');
    } finally {
      await c.close();
    }
  });

  it('a file of the workspace folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogi-county-'));
    writeFileSync(join(dir, '2022.txt'), lastCounty);
    const c = new LspClient();
    await c.initialize({ workspaceFolders: [pathToFileURL(dir).href] });
    try {
      expectRelated(await c.open(pathToFileURL(join(dir, '2023.txt')).href, thisCounty), pathToFileURL(join(dir, '2022.txt')).href);
    } finally {
      await c.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Last year's report as published (a PDF, a .docx) opened with Check as report: its view document is an
// open document like any other, and this year's report pairs with it, the related cell in the view.
describe('last year’s PDF or .docx opened as a report view', () => {
  for (const kind of ['pdf', 'docx'] as const) {
    it(`${kind}: carry-over on this year's report, last year's cell related in the view`, async () => {
      const bytes = new Uint8Array(readFileSync(join(ROOT, `test/fixtures/crossyear/documents/dadukou-2022.${kind}`)));
      const read = await readDocument(bytes, `dadukou-2022.${kind}`);
      const view = `${REPORT_VIEW_SCHEME}:/years/dadukou-2022.${kind}`;
      const c = new LspClient();
      await c.initialize();
      try {
        await c.open(view, read.text);
        const ds = carry(await c.open('file:///years/2023.txt', brokenText));
        assert.equal(ds.length, 2);
        const lines = read.text.split('\n');
        for (const d of ds) {
          const rel = d.relatedInformation![0].location;
          assert.equal(rel.uri, view);
          assert.match(lines[rel.range.start.line], /四、结转下年度继续办理/);
        }
      } finally {
        await c.close();
      }
    });
  }
});


// The view as the VS Code client makes it: the server read the document for it (ogiReport/readDocument),
// so the related cell is named by its place in the document as well.
describe('last year’s PDF or .docx opened as a view the server read', () => {
  // File names as agencies write them: percent-encoded in the file's URI, and again in the view's query.
  for (const [kind, name] of [['pdf', 'dadukou-2022'], ['docx', 'dadukou-2022'], ['pdf', '大渡口区司法局2022年度报告'], ['docx', '𠮷 2022年 报告']] as const) {
    it(`${kind} named ${name}: the related cell in the view, named by its place in the document`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ogi-view-'));
      const file = join(dir, `${name}.${kind}`);
      writeFileSync(file, readFileSync(join(ROOT, `test/fixtures/crossyear/documents/dadukou-2022.${kind}`)));
      const fileUri = pathToFileURL(file).href;
      const view = `${REPORT_VIEW_SCHEME}:${new URL(fileUri).pathname}?${encodeURIComponent(fileUri)}`;
      const c = new LspClient();
      await c.initialize({ initializationOptions: { reportViews: true } });
      try {
        const read = await c.request<{ text: string }>('ogiReport/readDocument', { uri: fileUri });
        await c.open(view, read.text);
        const ds = carry(await c.open('file:///elsewhere/2023.txt', brokenText));
        assert.equal(ds.length, 2);
        for (const d of ds) {
          assert.equal(d.relatedInformation![0].location.uri, view);
          assert.match(d.relatedInformation![0].message, kind === 'pdf' ? /（第\d+页 表三「四、结转下年度」·/ : /（表\d+ 第\d+行第\d+列 表三「四、结转下年度」·/);
        }
        // A view whose text is not the reading (edited, or read before the file changed) names no place.
        const edited = c.diagnostics('file:///elsewhere/2023.txt');
        await c.change(view, 2, [{ text: `${read.text}\n` }]);
        const again = carry((await edited).diagnostics);
        assert.equal(again.length, 2);
        for (const d of again) assert.doesNotMatch(d.relatedInformation![0].message, /（第\d+页|（表\d+ 第/);
      } finally {
        await c.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

// Last year's report as published, a file of the workspace folder that is not open: read in the background
// after this year's report looked for it and missed (the first diagnostics come without waiting for a
// reader), then this year's report is checked again. Documents whose names only name other years are not
// read: the copy named 2020 would pair first (it sorts first) if it were.
// The documents are read on the server's reader thread (lsp/reader-thread.ts): pdf.js gives the event loop
// no turn during a file (300–600 ms for these PDFs here), so on the server's own thread every request sent
// meanwhile would wait for the file being read.
describe('while it reads the workspace’s documents for last year’s report', () => {
  it('the server keeps answering requests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogi-ws-busy-'));
    const pdf = readFileSync(join(ROOT, 'test/fixtures/documents/pdf/browser-cms-gbk-seed-001.pdf'));
    for (let k = 1; k <= 6; k++) writeFileSync(join(dir, `某单位2022年度报告-${k}.pdf`), pdf);
    const c = new LspClient();
    await c.initialize({ workspaceFolders: [pathToFileURL(dir).href] });
    try {
      const THIS = pathToFileURL(join(dir, '2023.txt')).href;
      await c.open(THIS, brokenText);
            const latencies: number[] = [];
      const t0 = performance.now();
      while (!c.documentsRead() && performance.now() - t0 < 60_000) {
        const s0 = performance.now();
        await c.request('textDocument/documentSymbol', { textDocument: { uri: THIS } });
        latencies.push(performance.now() - s0);
        await new Promise((r) => setTimeout(r, 10));
      }
      const log = c.documentsRead();
      assert.ok(log, 'the documents were read');
      assert.match(log, /read 6 document\(s\)/);
      const took = Number(/in (\d+) ms/.exec(log)![1]);
      const worst = Math.max(...latencies);
      const what = `${latencies.length} requests while 6 PDFs were read in ${took} ms; the slowest answer took ${worst.toFixed(0)} ms`;
      assert.ok(latencies.length >= 10, what);
      assert.ok(worst < Math.max(150, took / 12), what);
    } finally {
      await c.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('last year’s PDF or .docx among the workspace folder’s files, not open', () => {
  for (const [kind, views] of [['pdf', true], ['docx', false]] as const) {
    it(`${kind}${views ? ', a client with views' : ''}: carry-over once it is read, last year's cell related in ${views ? 'its view' : 'the file'}; gone when the file goes`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ogi-ws-doc-'));
      const bytes = readFileSync(join(ROOT, `test/fixtures/crossyear/documents/dadukou-2022.${kind}`));
      const last = join(dir, `大渡口区司法局2022年度报告.${kind}`);
      writeFileSync(last, bytes);
      writeFileSync(join(dir, `2020年度报告.${kind}`), bytes);
      const c = new LspClient();
      const capabilities = { ...VSCODE_CAPABILITIES, workspace: { ...VSCODE_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } };
      await c.initialize({ capabilities, workspaceFolders: [pathToFileURL(dir).href], ...(views ? { initializationOptions: { reportViews: true } } : {}) });
      try {
        const THIS = pathToFileURL(join(dir, '2023.txt')).href;
        assert.deepEqual(carry(await c.open(THIS, brokenText)), [], 'the first diagnostics do not wait for the reader');
        const ds = carry(await c.until(THIS, (d) => carry(d).length > 0));
        assert.equal(ds.length, 2);
        const file = pathToFileURL(last).href;
        const expected = views ? `${REPORT_VIEW_SCHEME}:${new URL(file).pathname}?${encodeURIComponent(file)}` : file;
        const lines = (await readDocument(new Uint8Array(bytes), last)).text.split('\n');
        for (const d of ds) {
          const rel = d.relatedInformation![0].location;
          assert.equal(rel.uri, expected);
          assert.match(lines[rel.range.start.line], /四、结转下年度继续办理/);
          // Named by its place in the document: the page of the PDF, the table, row and column of the .docx.
          const place = kind === 'pdf' ? /（第\d+页 表三「四、结转下年度」·(?:自然人|总计)）$/ : /（表\d+ 第\d+行第\d+列 表三「四、结转下年度」·(?:自然人|总计)）$/;
          assert.match(d.relatedInformation![0].message, place);
        }
        const watched = c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions as { watchers: { globPattern: string }[] };
        assert.match(watched.watchers[0].globPattern, new RegExp(`\\b${kind}\\b`));
        rmSync(last);
        await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: file, type: 3 }] });
        await c.until(THIS, (d) => carry(d).length === 0);
      } finally {
        await c.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
