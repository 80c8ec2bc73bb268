// ogiReport/readDocument over the bundled server: the server reads the user's .docx/.html/.pdf itself and
// answers with the text rendering; bad files answer with problems; a rendering opened as an
// `ogi-report-view:` document is checked like any report.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { REPORT_VIEW_SCHEME, ReadDocumentRequest, type ReadDocumentResult } from '../../server/src/protocol.js';
import { LspClient, ROOT } from './client.js';

const fixture = (p: string) => pathToFileURL(join(ROOT, 'test/fixtures/documents', p)).href;
const viewUri = (file: string) => `${REPORT_VIEW_SCHEME}:${new URL(file).pathname}?${encodeURIComponent(file)}`;

describe('ogiReport/readDocument', () => {
  let c: LspClient;
  let tmp: string;
  const readDoc = (uri: string) => c.request<ReadDocumentResult | null>(ReadDocumentRequest.method, { uri });
  before(async () => {
    c = new LspClient();
    await c.initialize();
    tmp = mkdtempSync(join(tmpdir(), 'ogi-read-'));
  });
  after(async () => {
    await c.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  for (const [name, kind] of [
    ['docx/seed-000.docx', 'docx'],
    ['html/cms-seed-000.html', 'html'],
    ['pdf/seed-000.pdf', 'pdf'],
  ] as const) {
    it(`reads ${name} into a clean report rendering`, async () => {
      const r = await readDoc(fixture(name));
      assert.ok(r, 'null');
      assert.equal(r.kind, kind);
      assert.deepEqual(r.problems, []);
      assert.match(r.text, /三、收到和处理政府信息公开申请情况/);
      assert.ok(r.text.split('\n').some((l) => l.split('\t').length >= 8), 'tables as tab-separated rows');
      const uri = viewUri(fixture(name));
      const diags = await c.open(uri, r.text);
      assert.deepEqual(diags.filter((d) => d.severity === 1).map((d) => d.message), [], `${name}: a clean report has no errors`);
      const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(symbols.length >= 4, JSON.stringify(symbols.map((s) => s.name)));
    });
  }

  it('a raised cell in a .docx: the view document gets the error on table 三', async () => {
    const file = fixture('docx/seed-000-raised.docx');
    const r = (await readDoc(file))!;
    const uri = viewUri(file);
    const diags = await c.open(uri, r.text);
    const lines = r.text.split('\n');
    const t3 = lines.findIndex((l) => l.startsWith('三、收到和处理'));
    const t4 = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
    const errors = diags.filter((d) => d.severity === 1);
    assert.ok(errors.length > 0, JSON.stringify(diags));
    for (const e of errors) assert.ok(e.range.start.line > t3 && e.range.start.line < t4, `error outside table 三: ${JSON.stringify(e)}`);
  });

  it('a corrupt .docx, a truncated .pdf, an encrypted .pdf: problems, no text, no crash', async () => {
    const corrupt = join(tmp, '坏的.docx');
    writeFileSync(corrupt, Buffer.from('PK\u0003\u0004 this is not a zip at all'));
    const bad = await readDoc(pathToFileURL(corrupt).href);
    assert.ok(bad && bad.problems.length >= 1, JSON.stringify(bad));
    assert.equal(bad.kind, 'docx');
    assert.match(bad.problems[0].message, /[\u4e00-\u9fff]/, 'Chinese by default');
    for (const p of ['pdf/truncated-002.pdf', 'pdf/encrypted-003.pdf', 'pdf/scanned-003.pdf']) {
      const r = await readDoc(fixture(p));
      assert.ok(r && r.problems.length >= 1, `${p}: ${JSON.stringify(r)}`);
    }
    assert.equal((await readDoc(fixture('pdf/encrypted-003.pdf')))!.problems[0].code, 'pdf-encrypted');
    assert.ok(c.alive);
  });

  it('a missing file: a problem naming the cause', async () => {
    const r = await readDoc(pathToFileURL(join(tmp, 'gone.pdf')).href);
    assert.deepEqual(r, { kind: 'pdf', text: '', problems: [{ code: 'unreadable', message: '无法打开文件（ENOENT）。' }] });
  });

  it('null for a uri that is not a local file, or a kind no reader knows', async () => {
    assert.equal(await readDoc('untitled:Untitled-1'), null);
    assert.equal(await readDoc('https://example.org/report.docx'), null);
    assert.equal(await readDoc(`${REPORT_VIEW_SCHEME}:/x/report.docx?file%3A%2F%2F%2Fx%2Freport.docx`), null);
    assert.equal(await readDoc('not a uri'), null);
    assert.equal(await readDoc(pathToFileURL(join(ROOT, 'package.json')).href), null);
  });

  it('invalid params: InvalidParams, the server stays up', async () => {
    await assert.rejects(c.request(ReadDocumentRequest.method, { uri: 42 }), (e: { code?: number }) => e.code === -32602);
    assert.ok(c.alive);
  });
});
