// The server side of "Check as report" called directly: size cap before reading, locale of the problems,
// only file: URIs, each kind to its reader. And the manifest entries the client's commands need.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { readDocumentRequest } from '../../server/src/lsp/read-document.js';
import { DOCUMENT_FILE } from '../../server/src/readers/index.js';
import { ROOT } from '../helpers.js';

const fixture = (p: string) => pathToFileURL(join(ROOT, 'test/fixtures/documents', p)).href;

describe('readDocumentRequest', () => {
  it('refuses a file over the cap without reading it, in the locale asked', async () => {
    const r = await readDocumentRequest({ uri: fixture('docx/seed-000.docx') }, 'en', 1000);
    assert.equal(r?.text, '');
    assert.equal(r?.problems.length, 1);
    assert.equal(r?.problems[0].code, 'too-large');
    assert.match(r!.problems[0].message, /too large/);
    const zh = await readDocumentRequest({ uri: fixture('docx/seed-000.docx') }, 'zh-cn', 1000);
    assert.match(zh!.problems[0].message, /文件过大/);
  });

  it('each kind goes to its reader; a .pdf to pdf.js, its problems localised', async () => {
    for (const [p, kind] of [['docx/seed-001.docx', 'docx'], ['html/cms-gbk-seed-001.htm', 'html'], ['pdf/seed-001.pdf', 'pdf'], ['flat/seed-001.txt', 'text']] as const) {
      const r = await readDocumentRequest({ uri: fixture(p) }, 'zh-cn');
      assert.equal(r?.kind, kind, p);
      assert.match(r!.text, /二、主动公开政府信息情况/, p);
    }
    const enc = await readDocumentRequest({ uri: fixture('pdf/encrypted-003.pdf') }, 'en');
    assert.equal(enc?.problems[0].code, 'pdf-encrypted');
    assert.match(enc!.problems[0].message, /password/);
  });

  it('a .doc or .wps file is read by its bytes: a .docx or a web page under that name is read, the old binary format is said to need saving as .docx', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogi-doc-'));
    try {
      const as = (from: string, name: string) => {
        copyFileSync(join(ROOT, 'test/fixtures/documents', from), join(dir, name));
        return pathToFileURL(join(dir, name)).href;
      };
      const docx = await readDocumentRequest({ uri: as('docx/seed-001.docx', 'a.doc') }, 'zh-cn');
      assert.equal(docx?.kind, 'docx');
      assert.match(docx!.text, /二、主动公开政府信息情况/);
      const page = await readDocumentRequest({ uri: as('html/cms-gbk-seed-001.htm', 'b.WPS') }, 'zh-cn');
      assert.equal(page?.kind, 'html');
      assert.match(page!.text, /二、主动公开政府信息情况/);
      for (const [locale, words] of [['zh-cn', /另存为 \.docx/], ['en', /save it as \.docx/]] as const) {
        const legacy = await readDocumentRequest({ uri: as('legacy/seed-000.doc', 'c.doc') }, locale);
        assert.equal(legacy?.text, '');
        assert.deepEqual(legacy?.problems.map((p) => p.code), ['legacy-format']);
        assert.match(legacy!.problems[0].message, words);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('null for what is not a local file of a known kind', async () => {
    for (const uri of ['untitled:1', 'vscode-remote://x/a.docx', 'ogi-report-view:/a.docx?x', '', ':::', pathToFileURL(join(ROOT, 'README.md')).href.replace(/\.md$/, '.zip')])
      assert.equal(await readDocumentRequest({ uri }, 'zh-cn'), null, uri);
  });
});

describe('manifest: Check as report', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const client = readFileSync(join(ROOT, 'client/src/reports.ts'), 'utf8');
  const commands = ['ogiReport.checkAsReport', 'ogiReport.saveAsText'];

  it('both commands are contributed and registered by the client', () => {
    for (const id of commands) {
      assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === id), id);
      assert.ok(client.includes(`registerCommand('${id}'`), id);
    }
  });

  it('the explorer menu, the palette and the client offer Check as report on every document kind the server reads, and on no text file', () => {
    const menus = pkg.contributes.menus;
    // The server's kinds (readers/index.ts DOCUMENT_FILE), the text ones aside: those open as text reports.
    const kinds = /\\.\((.*)\)\$/.exec(DOCUMENT_FILE.source)![1].split('|').flatMap((k) => (k.endsWith('?') ? [k.slice(0, -2), k.slice(0, -1)] : [k]));
    const text = ['txt', 'md', 'markdown'];
    assert.ok(kinds.includes('xhtml') && kinds.includes('ofd') && kinds.includes('htm') && text.every((t) => kinds.includes(t)), kinds.join());
    const documents = kinds.filter((k) => !text.includes(k));
    const clientRe = new RegExp(/const READABLE = \/(.*)\/(\w*);/.exec(client)![1], /const READABLE = \/(.*)\/(\w*);/.exec(client)![2]);
    for (const where of ['explorer/context', 'commandPalette', 'client']) {
      let re = clientRe;
      if (where !== 'client') {
        const entry = menus[where].find((m: { command: string }) => m.command === 'ogiReport.checkAsReport');
        const regex = /resourceExtname =~ \/(.*)\/(\w*)$/.exec(entry.when)!;
        re = new RegExp(regex[1], regex[2]);
      }
      const name = (ext: string) => (where === 'client' ? `/home/a/report${ext}` : ext);
      for (const k of documents) for (const ext of [`.${k}`, `.${k.toUpperCase()}`]) assert.ok(re.test(name(ext)), `${where} ${ext}`);
      for (const ext of [...text.map((t) => `.${t}`), '.docx.bak', '.doc.bak', '.wpt', '.mhtm', '.xhtm', '.ofd.zip', '']) assert.ok(!re.test(name(ext)), `${where} ${ext}`);
    }
    const filters = /filters: \{ \[en\(\) \? 'Reports' : '年度报告'\]: \[([^\]]*)\]/.exec(client)![1].split(',').map((x) => x.trim().replace(/'/g, ''));
    assert.deepEqual([...filters].sort(), [...documents].sort());
    const save = menus['editor/title'].find((m: { command: string }) => m.command === 'ogiReport.saveAsText');
    assert.equal(save.when, 'resourceScheme == ogi-report-view');
  });
});
