// The CLI pairs this year's report with last year's among the files given (same agency by title, the
// year before), whatever their order and names, and reports carry-over on this year's file with last
// year's cell as a related location in the other file; an unrelated report is left alone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { jsonOutputSchema } from '../../server/src/outputs/json.js';
import { agencyYearKey } from '../../server/src/core/agency.js';
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
      const previousOf = { [current]: { [agencyYearKey('重庆市大渡口区司法局', 2022)]: last } };
      await checkFiles([current, other], { locale: 'zh-cn', workers, workerScript: join(ROOT, 'dist/cli-worker.js'), previousOf }, (o) => got.push(o));
      return got;
    };
    const threaded = await outcomes(1);
    assert.deepEqual(threaded, await outcomes(0));
    const f = threaded[0] as Extract<Outcome, { findings: unknown }>;
    assert.equal(f.findings.filter((x) => x.rule === 'carry-over').length, 2);
    assert.deepEqual(f.reports, [{ agency: '重庆市大渡口区司法局', year: 2023 }]);
  });

  it('pairs by agency and year only, report by report, one map, the first file of a year winning', () => {
    const s = (agency: string, year: number) => [{ agency, year }];
    const k = agencyYearKey;
    assert.deepEqual(
      lastYearsFiles([
        { path: 'x23', reports: s('某区司法局', 2023) },
        { path: 'x22', reports: s('某区司法局', 2022) },
        { path: 'x22b', reports: s('某区司法局', 2022) },
        { path: 'y22', reports: s('某区民政局', 2022) },
        { path: 'x21', reports: s('某区司法局', 2021) },
        // This year's 汇编: each department with its own last year's file; one without none.
        { path: 'county23', reports: [...s('某区司法局', 2023), ...s('某区民政局', 2023), ...s('某区财政局', 2023)] },
        // Two years of one agency in one file pair within it.
        { path: 'both', reports: [...s('某区水务局', 2023), ...s('某区水务局', 2022)] },
      ]),
      {
        x23: { [k('某区司法局', 2022)]: 'x22' },
        x22: { [k('某区司法局', 2021)]: 'x21' },
        x22b: { [k('某区司法局', 2021)]: 'x21' },
        county23: { [k('某区司法局', 2022)]: 'x22', [k('某区民政局', 2022)]: 'y22' },
        both: { [k('某区水务局', 2022)]: 'both' },
      },
    );
  });
});

describe('last year’s report in the CLI, in any document and in a 汇编', () => {
  const DOCS = join(ROOT, 'test/fixtures/crossyear/documents');
  for (const [kind, where] of [
    ['docx', /^表2 第\d+行第\d+列 表三「四、结转下年度」·(?:自然人|总计)$/],
    ['html', /^表1 第\d+行第\d+列（body>.*td\[\d+\]） 表三「四、结转下年度」·(?:自然人|总计)$/],
    ['pdf', /^第3页 表三「四、结转下年度」·(?:自然人|总计)$/],
  ] as const) {
    it(`last year’s ${kind} (the template as agencies fill it in) pairs, and its cells are named by their place there`, () => {
      const d = mkdtempSync(join(dir, `${kind}-`));
      const thisYear = join(d, 'a.txt');
      const lastYear = join(d, `b.${kind}`);
      copyFileSync(join(ROOT, 'test/fixtures/crossyear/dadukou-2023-broken.txt'), thisYear);
      copyFileSync(join(DOCS, `dadukou-2022.${kind}`), lastYear);
      const { doc } = check(thisYear, lastYear);
      const mine = doc.files.find((f) => f.path === thisYear)!.diagnostics;
      const carry = mine.filter((x) => x.rule === 'carry-over');
      assert.equal(carry.length, 2, JSON.stringify(mine));
      for (const x of carry) {
        assert.equal(x.related?.length, 1);
        assert.equal(x.related![0].path, lastYear);
        assert.match(x.related![0].place ?? '', where);
        assert.match(x.related![0].message, /^2022：四、结转下年度·(?:自然人|总计) = 5$/);
      }
      assert.equal(mine.filter((x) => x.rule === 'stock-flow').length, 1);
      // The text output prints the place where a text file has line:column.
      const text = spawnSync(process.execPath, [CLI, 'check', thisYear, lastYear], { encoding: 'utf8' }).stdout.split('\n');
      const i = text.findIndex((l) => l.includes(' error carry-over: '));
      assert.ok(text[i + 1].startsWith(`  ${lastYear}:`) && where.test(text[i + 1].slice(`  ${lastYear}:`.length).split(': 2022：')[0]), text[i + 1]);
      // SARIF: a place, not a region (a page or a table cell is neither a line nor a byte range).
      const sarif = JSON.parse(spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', thisYear, lastYear], { encoding: 'utf8' }).stdout);
      const rel = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'carry-over').relatedLocations[0];
      assert.equal(rel.physicalLocation.region, undefined);
      assert.match(rel.logicalLocations[0].fullyQualifiedName, where);
      assert.ok(rel.properties.rendering.startLine >= 1);
    });
  }

  it('a 汇编 of this year pairs each department with its own report in last year’s 汇编, in that file’s lines', () => {
    const d = mkdtempSync(join(dir, 'county-'));
    const read = (name: string) => readFileSync(join(ROOT, 'test/fixtures/crossyear', name), 'utf8').replace(/\s*$/, '\n');
    const asOther = (t: string) => t.replaceAll('司法局', '民政局');
    // Last year's departments in the other order, and the 民政局's carry-over written as 7, not 5.
    const lastOther = asOther(read('dadukou-2022.txt')).replace(/^(四、结转下年度继续办理\t\t\t)5(\t0\t0\t0\t0\t0\t)5$/m, '$17$27');
    assert.notEqual(lastOther, asOther(read('dadukou-2022.txt')));
    const lastText = `${lastOther}\n\f\n${read('dadukou-2022.txt')}`;
    writeFileSync(join(d, 'last.txt'), lastText);
    writeFileSync(join(d, 'this.txt'), `${read('dadukou-2023-broken.txt')}\n\f\n${asOther(read('dadukou-2023-broken.txt'))}`);
    const { doc } = check(join(d, 'this.txt'), join(d, 'last.txt'));
    const carry = doc.files.find((f) => f.path === join(d, 'this.txt'))!.diagnostics.filter((x) => x.rule === 'carry-over');
    assert.equal(carry.length, 4, JSON.stringify(carry));
    const lastLines = lastText.split('\n');
    for (const x of carry) {
      const rel = x.related![0];
      assert.equal(rel.path, join(d, 'last.txt'));
      // The related cell is on last year's line of 四、结转下年度 of the same department.
      const line = rel.range.start.line;
      assert.match(lastLines[line], /^四、结转下年度继续办理/);
      const sameDepartment = x.range.start.line < 100 ? line > 100 : line < 100;
      assert.ok(sameDepartment, `${x.range.start.line} → ${line}`);
      assert.match(rel.message, x.range.start.line < 100 ? /= 5$/ : /= 7$/);
    }
  });
});
