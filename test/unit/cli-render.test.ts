// The CLI renders each file's output in its checking thread and sends back only that and the findings'
// tally: the run's output and exit status must be what rendering every file's findings at the end gives
// (outputs/json.ts toJson, output.ts toText), in input order, with the worker threads (dist/cli.js on many
// files) as in this thread (main() under test, no worker script beside the sources).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkOne } from '../../server/src/cli/check-file.js';
import { main } from '../../server/src/cli/main.js';
import { lastYearsFiles } from '../../server/src/cli/pairs.js';
import { type FileResult, sarifResultItems, toSarif, toText, writeSarifDocument } from '../../server/src/cli/output.js';
import { collected } from '../../server/src/outputs/types.js';
import { toJson } from '../../server/src/outputs/json.js';
import { ROOT } from '../helpers.js';

const CLI = join(ROOT, 'dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'ogi-render-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Clean reports, broken ones, documents (.docx/.html: places in the original) and findings of every kind,
// more files than the CLI checks without threads, under names whose order is not their sources'.
const sources = [
  ...['samples/seeds', 'samples/broken', 'test/fixtures/rules', 'test/fixtures/crossyear', 'test/fixtures/documents/docx', 'test/fixtures/documents/html', 'test/fixtures/documents/flat'].flatMap((d) =>
    readdirSync(join(ROOT, d))
      .filter((f) => /\.(?:txt|md|docx|html?)$/i.test(f))
      .map((f) => join(ROOT, d, f)),
  ),
];
const paths = sources.map((src, i) => {
  const ext = src.slice(src.lastIndexOf('.'));
  const p = join(dir, `${String((i * 37) % sources.length).padStart(3, '0')}-${i}${ext}`);
  copyFileSync(src, p);
  return p;
});
const ordered = [...paths].sort();

/** main() here; `spoolBudget` 0 sends every piece of the output through the temporary file (spool.ts). */
async function inThread(argv: string[], spoolBudget?: number): Promise<{ status: number; stdout: string }> {
  let stdout = '';
  const status = await main(argv, { out: (x) => (stdout += x), err: () => undefined, spoolBudget });
  return { status, stdout };
}

/** Every file checked alone, with last year's report where the files hold it (pairs.ts), findings whole. */
async function expected(locale: 'zh-cn' | 'en'): Promise<{ results: FileResult[]; status: number }> {
  const first = (await Promise.all(ordered.map((p) => checkOne(p, { locale })))).filter((o) => 'findings' in o);
  const previousOf = lastYearsFiles(first.map((o) => ({ path: o.path, reports: o.reports ?? [] })));
  assert.ok(Object.keys(previousOf).length > 0, 'the files hold a pair of years');
  const results: FileResult[] = [];
  for (const o of first) {
    const final = previousOf[o.path] ? await checkOne(o.path, { locale, previousOf }) : o;
    if ('findings' in final) results.push({ path: final.path, findings: final.findings, ...(final.document ? { document: final.document } : {}) });
  }
  return { results, status: results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0 };
}

describe('the CLI renders file by file', () => {
  assert.ok(paths.length > 40, `${paths.length} files`);

  for (const locale of ['zh-cn', 'en'] as const) {
    it(`--format json and text (${locale}): what the findings of every file give, threads or not`, async () => {
      const want = await expected(locale);
      assert.ok(want.results.some((r) => r.document) && want.results.some((r) => r.findings.length === 0));
      const json = JSON.stringify(toJson(want.results)) + '\n';
      const text = toText(want.results, locale);
      for (const [format, output] of [
        ['json', json],
        ['text', text],
      ] as const) {
        const argv = ['check', '--locale', locale, '--format', format, dir];
        const threaded = spawnSync(process.execPath, [CLI, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
        assert.equal(threaded.stdout, output, format);
        assert.equal(threaded.status, want.status);
        for (const budget of [undefined, 0]) {
          const here = await inThread(argv, budget);
          assert.equal(here.stdout, output, `${format}, spool budget ${budget}`);
          assert.equal(here.status, want.status);
        }
      }
    });
  }

  it('sarif, csv and html: the same with threads as in this thread, whatever the spool holds', async () => {
    for (const format of ['sarif', 'csv', 'html']) {
      const argv = ['check', '--format', format, dir];
      const threaded = spawnSync(process.execPath, [CLI, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
      assert.ok(threaded.stdout.length > 1000);
      // The version is the bundle's (the sources under test say 0.0.0).
      const unversioned = (s: string) => s.replace(/("name": "ogi-report",\s*"version": )"[^"]*"/, '$1""');
      for (const budget of [undefined, 0, 5000]) {
        const here = await inThread(argv, budget);
        assert.equal(unversioned(threaded.stdout), unversioned(here.stdout), `${format}, spool budget ${budget}`);
        assert.equal(threaded.status, here.status);
      }
    }
  });

  it('sarif, written file by file: what JSON.stringify gives of the whole log', async () => {
    const want = await expected('zh-cn');
    const whole = JSON.stringify(toSarif(want.results, '0.0.0', 'zh-cn'), null, 2) + '\n';
    assert.ok(want.results.some((r) => r.findings.length === 0) && want.results.some((r) => r.findings.some((f) => f.fix)));
    assert.equal((await inThread(['check', '--format', 'sarif', dir], 0)).stdout, whole);
    // No file, and files without findings only: the empty arrays as JSON.stringify writes them.
    const clean = want.results.filter((r) => r.findings.length === 0);
    for (const results of [[], clean.slice(0, 1)]) {
      const written = collected((write) => writeSarifDocument(results.map((r) => r.path), results.map((r, i) => sarifResultItems(r, i)), '1', 'en', write));
      assert.equal(written, JSON.stringify(toSarif(results, '1', 'en'), null, 2) + '\n');
    }
  });
});
