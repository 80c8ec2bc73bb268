// The CLI's worker pool: outcomes in input order and equal to checking each file alone, a file that
// cannot be read or checked reported as such while the rest of the run goes on.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkOne } from '../../server/src/cli/check-file.js';
import { type Outcome, checkFiles } from '../../server/src/cli/pool.js';
import { ROOT } from '../helpers.js';

const WORKER = join(ROOT, 'dist/cli-worker.js');
const tmp = mkdtempSync(join(tmpdir(), 'ogi-pool-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const sources = [
  ...readdirSync(join(ROOT, 'samples/seeds')).map((f) => join(ROOT, 'samples/seeds', f)),
  ...readdirSync(join(ROOT, 'test/fixtures/rules')).filter((f) => f.endsWith('.txt')).map((f) => join(ROOT, 'test/fixtures/rules', f)),
];
// 150 files: the seeds and fixtures over and over, under names whose order is not their content's.
const paths = Array.from({ length: 150 }, (_, i) => {
  const p = join(tmp, `${String((i * 37) % 150).padStart(3, '0')}-${i}.txt`);
  copyFileSync(sources[i % sources.length], p);
  return p;
});

async function collect(ps: string[], options: Parameters<typeof checkFiles>[1]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  await checkFiles(ps, options, (o) => out.push(o));
  return out;
}

describe('checkFiles', () => {
  it('gives, in input order, what checking each file alone gives (2 worker threads)', async () => {
    const got = await collect(paths, { locale: 'zh-cn', workers: 2, workerScript: WORKER });
    assert.deepEqual(got, await Promise.all(paths.map((p) => checkOne(p, { locale: 'zh-cn' }))));
    assert.ok(got.some((o) => 'findings' in o && o.findings.some((f) => f.severity === 'error')));
  });

  it('reports a missing file or a directory as unreadable and checks the rest', async () => {
    const ps = [...paths.slice(0, 40), join(tmp, 'missing.txt'), tmp, ...paths.slice(40, 80)];
    const got = await collect(ps, { locale: 'en', workers: 2, workerScript: WORKER });
    assert.deepEqual(got.map((o) => o.path), ps);
    assert.deepEqual(got[40], { path: ps[40], failure: `${ps[40]}: does not exist`, unreadable: true });
    assert.deepEqual(got[41], { path: tmp, failure: `${tmp}: is a directory`, unreadable: true });
    assert.deepEqual(got.slice(42), await Promise.all(ps.slice(42).map((p) => checkOne(p, { locale: 'en' }))));
  });

  it('reports the files of a worker that dies as not checked, and goes on with a new worker', async () => {
    // A worker that dies on the batch holding "boom" and checks nothing else.
    const script = join(tmp, 'dying-worker.cjs');
    writeFileSync(
      script,
      `const { parentPort } = require('node:worker_threads');
       parentPort.on('message', (b) => {
         if (b.paths.some((p) => p.includes('boom'))) throw new Error('boom in analysis');
         parentPort.postMessage({ id: b.id, outcomes: b.paths.map((path) => ({ path, findings: [] })) });
       });`,
    );
    const ps = Array.from({ length: 200 }, (_, i) => join(tmp, i === 77 ? 'boom.txt' : `f${i}.txt`));
    const got = await collect(ps, { locale: 'zh-cn', workers: 2, workerScript: script });
    assert.deepEqual(got.map((o) => o.path), ps);
    const failed = got.filter((o) => 'failure' in o);
    // Only boom.txt is not checked: the other files the dead worker held are checked again.
    assert.deepEqual(failed.map((o) => o.path), [ps[77]]);
    for (const o of failed) assert.match((o as { failure: string }).failure, /boom in analysis/);
  });

  it('checks a handful of files in the calling thread', async () => {
    const got = await collect(paths.slice(0, 5), { locale: 'zh-cn', workerScript: join(tmp, 'no-such-worker.js') });
    assert.deepEqual(got, await Promise.all(paths.slice(0, 5).map((p) => checkOne(p, { locale: 'zh-cn' }))));
  });
});

describe('checkFiles with a worker that cannot start', () => {
  it('checks everything in the calling thread after the workers keep dying', async () => {
    const script = join(tmp, 'broken-worker.cjs');
    writeFileSync(script, "throw new Error('cannot start');\n");
    const got = await collect(paths, { locale: 'zh-cn', workers: 2, workerScript: script });
    assert.equal(got.length, paths.length);
    assert.deepEqual(got.map((o) => o.path), paths);
    // Files held by a dying worker are retried; once the pool gives up, the rest is checked here.
    const checked = got.filter((o) => 'findings' in o);
    assert.ok(checked.length > paths.length / 2, `${checked.length} checked`);
    for (const o of checked) assert.deepEqual(o, await checkOne(o.path, { locale: 'zh-cn' }));
  });
});
