// Check the whole folder (ogiReport/checkFolder): a workspace folder with a clean seed, a broken report, a
// report open in the editor (its text there differs from the disk's), a notes file that is no report and
// a report-named file above the size cap. Diagnostics are published for the two unopened reports with
// the engine's own findings; the open one keeps its own; the notes and the big file are skipped, unpublished.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze.js';
import { SCAN_LIMITS } from '../../server/src/lsp/workspace.js';
import { ROOT, seeds } from '../helpers.js';
import { LspClient, VSCODE_CAPABILITIES } from './client.js';

const brokenText = readFileSync(join(ROOT, 'samples/broken/表三单元格填错-东城区.txt'), 'utf8');
const otherBroken = readFileSync(join(ROOT, 'samples/broken/两处总计错误-东城区.txt'), 'utf8');
const seed = seeds()[0].text;
/** Polls until f gives a value (the server publishes some diagnostics after others, asynchronously). */
async function until<T>(f: () => T | undefined, ms = 10_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) {
    const v = f();
    if (v !== undefined) return v;
  }
  throw new Error('timed out');
}
const errorRules = (text: string) => analyze(text).findings.filter((f) => f.severity === 'error').map((f) => f.rule).sort();

describe('check the whole folder', () => {
  let dir: string;
  let c: LspClient;
  const uri = (name: string) => pathToFileURL(join(dir, name)).href;
  const progress: { kind: string; percentage?: number }[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ogi-folder-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'seed.txt'), seed);
    writeFileSync(join(dir, 'sub', '表三单元格填错.txt'), brokenText);
    writeFileSync(join(dir, 'open.txt'), otherBroken);
    writeFileSync(join(dir, 'notes.txt'), '会议纪要\n下周二讨论预算。\n');
    // Report-named and reading like one, but above the size cap: skipped, never read.
    writeFileSync(join(dir, 'big.txt'), seed + '\n'.repeat(SCAN_LIMITS.bytes));
    c = new LspClient('inProcess');
    c.connection.onRequest('window/workDoneProgress/create', () => null);
    c.connection.onNotification('$/progress', (p: { value: { kind: string; percentage?: number } }) => void progress.push(p.value));
    await c.initialize({ capabilities: { ...VSCODE_CAPABILITIES, window: { workDoneProgress: true } }, workspaceFolders: [pathToFileURL(dir).href] });
  });
  after(async () => {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the reports, publishes for the unopened ones, leaves the open one and the non-reports alone', async () => {
    // Open with the seed's clean text while the disk holds a broken report: the open document's findings count.
    const openDiagnostics = await c.open(uri('open.txt'), seed);
    assert.equal(openDiagnostics.filter((d) => d.severity === 1).length, 0);
    assert.ok(errorRules(otherBroken).length > 0, 'the file on disk has errors');
    const publishedBefore = c.published.get(uri('open.txt'));

    const result = await c.request<{ files: number; withErrors: number; skipped: number }>('ogiReport/checkFolder', {});
    assert.deepEqual(result, { files: 3, withErrors: 1, skipped: 2 });

    const broken = c.published.get(uri('sub/表三单元格填错.txt'));
    assert.ok(broken, 'diagnostics published for the unopened broken report');
    const want = errorRules(brokenText);
    assert.ok(want.length > 0);
    assert.deepEqual(broken.diagnostics.filter((d) => d.severity === 1).map((d) => d.code).sort(), want);
    assert.ok(broken.diagnostics.every((d) => d.source === 'ogi-report'));

    const clean = c.published.get(uri('seed.txt'));
    assert.ok(clean, 'diagnostics published (none an error) for the unopened clean seed');
    assert.equal(clean.diagnostics.filter((d) => d.severity === 1).length, 0);

    assert.equal(c.published.get(uri('open.txt')), publishedBefore, 'the open document keeps its own diagnostics');
    assert.equal(c.published.has(uri('notes.txt')), false, 'a file that is no report gets nothing');
    assert.equal(c.published.has(uri('big.txt')), false, 'a file above the size cap is not read');

    assert.equal(progress[0]?.kind, 'begin');
    assert.equal(progress.at(-1)?.kind, 'end');
    assert.ok(progress.some((p) => p.kind === 'report' && p.percentage === 100));
  });

  it('stays responsive while checking: a request sent during the check is answered before it ends', async () => {
    const check = c.request('ogiReport/checkFolder', {});
    let checked = false;
    void check.then(() => (checked = true));
    const state = await c.request<{ version: number } | null>('ogiReport/documentState', { uri: uri('open.txt') });
    assert.equal(state?.version, 1);
    assert.equal(checked, false, 'answered between files, not after the whole folder');
    await check;
  });

  it('a file opened after the check gets the open document’s diagnostics; closed again, its findings from disk', async () => {
    const name = uri('sub/表三单元格填错.txt');
    const own = await c.open(name, seed);
    assert.equal(own.filter((d) => d.severity === 1).length, 0);
    const cleared = c.diagnostics(name);
    await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri: name } });
    assert.deepEqual((await cleared).diagnostics, [], 'the open document’s diagnostics go with it');
    const fromDisk = await until(() => c.published.get(name)?.diagnostics.length ? c.published.get(name) : undefined);
    assert.deepEqual(fromDisk.diagnostics.filter((d) => d.severity === 1).map((d) => d.code).sort(), errorRules(brokenText), 'then the file’s own, read from disk');
  });

  it('a checked file that changes on disk is checked again; deleted, its diagnostics are cleared', async () => {
    const name = uri('seed.txt');
    writeFileSync(join(dir, 'seed.txt'), brokenText);
    const again = c.diagnostics(name);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: name, type: 2 }] });
    assert.deepEqual((await again).diagnostics.filter((d) => d.severity === 1).map((d) => d.code).sort(), errorRules(brokenText));
    rmSync(join(dir, 'seed.txt'));
    const gone = c.diagnostics(name);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: name, type: 3 }] });
    assert.deepEqual((await gone).diagnostics, []);
  });

  it('checking turned off in the settings: the folder check’s diagnostics are cleared', async () => {
    const name = uri('sub/表三单元格填错.txt');
    assert.ok(c.published.get(name)?.diagnostics.length, 'published before');
    const gone = c.diagnostics(name);
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ogiReport: { enable: false } } });
    assert.deepEqual((await gone).diagnostics, []);
    const r = await c.request<{ files: number; withErrors: number; skipped: number }>('ogiReport/checkFolder', {});
    assert.equal(c.published.get(name)?.diagnostics.length, 0, 'a check with checking off publishes nothing');
    assert.equal(r.withErrors, 0);
  });
});

describe('check the whole folder: the file cap', () => {
  it('checks no more files than the scan allows (SCAN_LIMITS.files)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogi-folder-cap-'));
    const cap = SCAN_LIMITS.files;
    const c = new LspClient('inProcess');
    try {
      for (let k = 0; k < 4; k++) writeFileSync(join(dir, `r${k}.txt`), brokenText);
      SCAN_LIMITS.files = 3;
      await c.initialize({ workspaceFolders: [pathToFileURL(dir).href] });
      const r = await c.request<{ files: number; withErrors: number; skipped: number }>('ogiReport/checkFolder', {});
      assert.deepEqual(r, { files: 3, withErrors: 3, skipped: 0 });
      assert.equal([...c.published.keys()].length, 3);
    } finally {
      SCAN_LIMITS.files = cap;
      await c.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
