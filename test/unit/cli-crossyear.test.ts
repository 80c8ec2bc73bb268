// The CLI pairs this year's report with last year's among the files given (same agency by title, the
// year before), whatever their order and names, and reports carry-over on this year's file with last
// year's cell as a related location in the other file; an unrelated report is left alone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { jsonOutputSchema } from '../../server/src/outputs/json.js';
import { lastYearsFiles } from '../../server/src/cli/pairs.js';
import { type Outcome, checkFiles } from '../../server/src/cli/pool.js';
import { ROOT, seeds } from '../helpers.js';

const CLI = join(ROOT, 'dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'ogi-crossyear-'));
after(() => rmSync(dir, { recursive: true, force: true }));
// Names that say nothing of the year or agency: the pairing reads the titles.
const last = join(dir, 'b.txt');
const current = join(dir, 'a.txt');
const other = join(dir, 'c.txt');
copyFileSync(join(ROOT, 'test/fixtures/crossyear/dadukou-2022.txt'), last);
copyFileSync(join(ROOT, 'test/fixtures/crossyear/dadukou-2023-broken.txt'), current);
copyFileSync(join(ROOT, `samples/seeds/${seeds().find((s) => s.name.startsWith('002'))!.name}`), other);

const check = (...paths: string[]) => {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...paths], { encoding: 'utf8' });
  return { status: r.status, doc: jsonOutputSchema.parse(JSON.parse(r.stdout)) };
};

describe('cross-year pairing in the CLI', () => {
  for (const order of [
    [current, last, other],
    [other, last, current],
  ]) {
    it(`finds last year's report among ${order.map((p) => p.slice(-5)).join(', ')}`, () => {
      const { status, doc } = check(...order);
      assert.equal(status, 1);
      const byPath = new Map(doc.files.map((f) => [f.path, f.diagnostics]));
      const carry = byPath.get(current)!.filter((d) => d.rule === 'carry-over');
      assert.equal(carry.length, 2, JSON.stringify(byPath.get(current)));
      for (const d of carry) {
        assert.equal(d.severity, 'error');
        assert.equal(d.related?.length, 1);
        assert.equal(d.related![0].path, last);
        assert.match(d.related![0].message, /^2022：/);
      }
      assert.ok(byPath.get(current)!.some((d) => d.rule === 'stock-flow'));
      // Last year's file and the unrelated one get no cross-year finding.
      for (const p of [last, other]) assert.deepEqual(byPath.get(p)!.filter((d) => ['carry-over', 'stock-flow', 'copied-prose'].includes(d.rule)), [], p);
    });
  }

  it('without last year’s file there is no cross-year finding', () => {
    const { doc } = check(current, other);
    assert.deepEqual(doc.files.flatMap((f) => f.diagnostics).filter((d) => ['carry-over', 'stock-flow', 'copied-prose'].includes(d.rule)), []);
  });

  it('text output names last year’s cell in its file', () => {
    const r = spawnSync(process.execPath, [CLI, 'check', current, last], { encoding: 'utf8' });
    const i = r.stdout.split('\n').findIndex((l) => l.includes(' error carry-over: '));
    assert.ok(i >= 0, r.stdout);
    assert.match(r.stdout.split('\n')[i + 1], new RegExp(`^  ${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: 2022：`));
  });

  it('worker threads get each batch’s pairs (the same findings as in this thread)', async () => {
    const outcomes = async (workers: number) => {
      const got: Outcome[] = [];
      await checkFiles([current, other], { locale: 'zh-cn', workers, workerScript: join(ROOT, 'dist/cli-worker.js'), previousOf: { [current]: last } }, (o) => got.push(o));
      return got;
    };
    const threaded = await outcomes(1);
    assert.deepEqual(threaded, await outcomes(0));
    const f = threaded[0] as Extract<Outcome, { findings: unknown }>;
    assert.equal(f.findings.filter((x) => x.rule === 'carry-over').length, 2);
    assert.deepEqual(f.reports, [{ agency: '重庆市大渡口区司法局', year: 2023 }]);
  });

  it('pairs by agency and year only, one map, the first file of a year winning', () => {
    const s = (agency: string, year: number) => [{ agency, year }];
    assert.deepEqual(
      lastYearsFiles([
        { path: 'x23', reports: s('某区司法局', 2023) },
        { path: 'x22', reports: s('某区司法局', 2022) },
        { path: 'x22b', reports: s('某区司法局', 2022) },
        { path: 'y22', reports: s('某区民政局', 2022) },
        { path: 'x21', reports: s('某区司法局', 2021) },
      ]),
      { x23: 'x22', x22: 'x21', x22b: 'x21' },
    );
  });
});
