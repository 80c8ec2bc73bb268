// The language server reads documents (.pdf, .docx, web pages) on a thread of its own (lsp/reader-thread.ts):
// the same readings as readDocument gives here, while the server's event loop keeps turning — pdf.js gives it
// no turn during a whole file when it runs on the server's thread. A thread that dies, hangs past its
// deadline or sits idle is let go; the next read starts a fresh one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildSync } from 'esbuild';
import { readerThread } from '../../server/src/lsp/reader-thread.js';
import { readDocument } from '../../server/src/readers/index.js';
import { ROOT } from '../helpers.js';

const SERVER = join(ROOT, 'dist/server.js');
const DOCS = join(ROOT, 'test/fixtures/documents');
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));

/** Reads with `read` while counting the event loop's turns; the longest time between two turns. */
async function watched<T>(read: () => Promise<T>): Promise<{ result: T; ms: number; turns: number; longest: number }> {
  let turns = 0;
  let longest = 0;
  let last = performance.now();
  let on = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    turns++;
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  const t0 = performance.now();
  const result = await read();
  const ms = performance.now() - t0;
  on = false;
  longest = Math.max(longest, performance.now() - last);
  return { result, ms, turns, longest };
}

const tmp = mkdtempSync(join(tmpdir(), 'ogi-reader-thread-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
/** A worker script of a test's own (CommonJS, no build). */
function script(name: string, body: string): string {
  const path = join(tmp, name);
  writeFileSync(path, `const { parentPort } = require('node:worker_threads');\n${body}\n`);
  return path;
}

describe('documents read on the server’s reader thread', () => {
  it('gives exactly what readDocument gives here, for every kind, while the event loop keeps turning', { skip: !existsSync(SERVER) && 'needs the build (dist/server.js)' }, async () => {
    const thread = readerThread(SERVER);
    try {
      // pdf.js is loaded on the first PDF (a module read, which gives the loop turns): loaded on both sides first.
      const warm = join(DOCS, 'pdf/truncated-002.pdf');
      await readDocument(bytesOf(warm), warm);
      await thread.read(bytesOf(warm), warm);
      const files = ['pdf/seed-001.pdf', 'pdf/browser-cms-seed-003.pdf', 'pdf/encrypted-003.pdf', 'docx/seed-000.docx', 'html/cms-gbk-seed-001.htm', 'mhtml/word-seed-000-raised.mht'];
      for (const f of files) {
        const path = join(DOCS, f);
        const here = await watched(() => readDocument(bytesOf(path), path));
        const there = await watched(() => thread.read(bytesOf(path), path));
        assert.deepEqual(there.result, here.result, f);
        assert.ok(thread.running, f);
        // A PDF read here takes the loop for the whole file (no turn at all); on the thread the loop turns on.
        if (f.endsWith('.pdf')) {
          assert.ok(here.turns <= 2, `${f}: ${here.turns} turns while read here`);
          assert.ok(there.turns >= 20, `${f}: ${there.turns} turns in ${there.ms.toFixed(0)} ms while read on the thread`);
          assert.ok(there.longest < Math.max(50, here.ms / 2), `${f}: the loop stood still ${there.longest.toFixed(0)} ms (read here: ${here.ms.toFixed(0)} ms)`);
        }
      }
    } finally {
      await thread.close();
    }
    assert.equal(thread.running, false);
  });

  it('hands the bytes over when they are a whole buffer, and copies a view into a larger one', { skip: !existsSync(SERVER) && 'needs the build' }, async () => {
    const thread = readerThread(SERVER);
    try {
      const path = join(DOCS, 'docx/seed-000.docx');
      const own = bytesOf(path);
      const expected = await readDocument(bytesOf(path), path);
      assert.deepEqual(await thread.read(own, path), expected);
      assert.equal(own.byteLength, 0, 'transferred');
      const file = bytesOf(path);
      const padded = new Uint8Array(file.length + 16);
      padded.set(file, 8);
      const view = padded.subarray(8, 8 + file.length);
      assert.deepEqual(await thread.read(view, path), expected);
      assert.equal(view.byteLength, file.length, 'a view is copied, its buffer kept');
    } finally {
      await thread.close();
    }
  });

  it('reads here when there is no thread script (the server run from source)', async () => {
    const path = join(DOCS, 'pdf/seed-002.pdf');
    for (const s of [undefined, join(tmp, 'no-such-server.js')]) {
      const thread = readerThread(s);
      assert.deepEqual(await thread.read(bytesOf(path), path), await readDocument(bytesOf(path), path));
      assert.equal(thread.running, false);
    }
  });

  it('a thread that dies rejects the read in flight, and the next read starts a fresh thread', async () => {
    const mark = join(tmp, 'died-once');
    // Dies on its first message ever; the threads after it answer.
    const s = script(
      'dies-once.cjs',
      `parentPort.on('message', (m) => {
        if (!require('node:fs').existsSync(${JSON.stringify(mark)})) { require('node:fs').writeFileSync(${JSON.stringify(mark)}, ''); process.exit(3); }
        parentPort.postMessage({ id: m.id, result: { kind: 'text', text: 'read ' + m.fileName, spans: [], problems: [] } });
      });`,
    );
    const thread = readerThread(s);
    await assert.rejects(thread.read(new Uint8Array(4), 'a.pdf'), /exit code 3/);
    assert.equal(thread.running, false);
    assert.equal((await thread.read(new Uint8Array(4), 'b.pdf')).text, 'read b.pdf');
    await thread.close();
  });

  it('a reader that throws there rejects with its message', async () => {
    const thread = readerThread(script('throws.cjs', `parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, error: 'bad xref' }));`));
    await assert.rejects(thread.read(new Uint8Array(4), 'a.pdf'), /bad xref/);
    assert.ok(thread.running, 'a reader error is not the thread’s');
    await thread.close();
  });

  it('a read past its deadline stops the thread: it rejects, and so does every read in flight with it', async () => {
    const thread = readerThread(script('hangs.cjs', `parentPort.on('message', () => {});`), { deadlineMs: 300 });
    const t0 = performance.now();
    const reads = [thread.read(new Uint8Array(4), 'slow.pdf'), thread.read(new Uint8Array(4), 'other.pdf')];
    await assert.rejects(reads[0], /slow\.pdf took longer than 0\.3 s/);
    await assert.rejects(reads[1], /took longer than/);
    assert.ok(performance.now() - t0 < 5000);
    assert.equal(thread.running, false);
    await thread.close();
  });

  it('an idle thread is let go after a while', async () => {
    const thread = readerThread(script('echo.cjs', `parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, result: { kind: 'text', text: '', spans: [], problems: [] } }));`), { idleMs: 150 });
    await thread.read(new Uint8Array(4), 'a.pdf');
    assert.ok(thread.running);
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(thread.running, false);
    await thread.read(new Uint8Array(4), 'b.pdf');
    assert.ok(thread.running, 'started again');
    await thread.close();
  });

  it('an idle thread keeps no process alive, and what it prints never reaches the process’s standard output (the protocol’s channel)', () => {
    // reader-thread.ts bundled on its own (a worker thread does not take tsx's hooks here).
    const module = join(tmp, 'reader-thread.cjs');
    buildSync({ entryPoints: [join(ROOT, 'server/src/lsp/reader-thread.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: module, external: ['pdfjs-dist'], logLevel: 'error' });
    // The thread serves reads as the server's does, and prints on each (as a library might).
    const thread = script('noisy-thread.cjs', `require(${JSON.stringify(module)}).serveReads(); parentPort.on('message', () => console.log('noise from the thread'));`);
    const child = join(tmp, 'child.cjs');
    writeFileSync(child, `const t = require(${JSON.stringify(module)}).readerThread(${JSON.stringify(thread)}); t.read(new Uint8Array(4), 'a.txt').then(() => console.log('ok'));`);
    const t0 = performance.now();
    // The thread's idle time (10 minutes by default) must not hold the process.
    const r = spawnSync(process.execPath, [child], { encoding: 'utf8', timeout: 25_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'ok');
    assert.match(r.stderr, /noise from the thread/);
    assert.ok(performance.now() - t0 < 20_000, `${(performance.now() - t0).toFixed(0)} ms`);
  });
});
