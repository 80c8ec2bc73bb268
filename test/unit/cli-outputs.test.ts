// The reviewer's outputs of the CLI: --format csv and --format html, -o/--output, and the JSON document's
// fixes and related locations; rendered in the checking threads and the same as rendered in this one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../server/src/cli/main.js';
import { analyzeDocument } from '../../server/src/core/document.js';
import { csvRow, toCsv } from '../../server/src/outputs/csv.js';
import { jsonOutputSchema } from '../../server/src/outputs/json.js';
import { ROOT, analyze, seeds } from '../helpers.js';

const broken = readdirSync(join(ROOT, 'samples/broken'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(ROOT, 'samples/broken', f), 'utf8') }));
const [seedA, seedB] = seeds();

async function withFiles<T>(files: Record<string, string>, body: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-out-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runIn(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, { out: (x) => (stdout += x), err: (x) => (stderr += x) });
  return { status, stdout, stderr };
}

const files = () => Object.fromEntries(broken.map((b) => [b.name, b.text]));
const csvLines = (csv: string) => csv.slice(1).split('\r\n').slice(0, -1);

describe('ogi-report check --format csv', () => {
  it('writes a BOM, the header and one row per file, equal to toCsv over each report', () =>
    withFiles(files(), async (dir) => {
      const r = await runIn(['check', '--format', 'csv', dir]);
      assert.equal(r.status, 1, r.stderr);
      assert.ok(r.stdout.startsWith('\uFEFFpath,agency,year,format,errors,warnings,表二·'), r.stdout.slice(0, 80));
      const expected = toCsv(broken.map((b) => ({ path: join(dir, b.name), analysis: analyze(b.text) })));
      assert.equal(r.stdout, expected);
      assert.equal(csvLines(r.stdout).length, 1 + broken.length);
    }));

  it('gives a file holding two reports two rows, each with its own numbers', () =>
    withFiles({ 'two.txt': `${seedA.text}\n\n${seedB.text}` }, async (dir) => {
      const path = join(dir, 'two.txt');
      const r = await runIn(['check', '--format', 'csv', path]);
      const doc = analyzeDocument(readFileSync(path, 'utf8'));
      assert.equal(doc.reports.length, 2, 'the file reads as two reports');
      const lines = csvLines(r.stdout);
      assert.deepEqual(lines.slice(1), doc.reports.map((x) => csvRow({ path, analysis: x.analysis })));
      assert.deepEqual(lines.slice(1), [seedA.text, seedB.text].map((t) => csvRow({ path, analysis: analyze(t) })));
    }));
});

describe('ogi-report check --format html -o', () => {
  it('writes one self-contained page to the file, nothing to stdout, most errors first', () =>
    withFiles(files(), async (dir) => {
      const out = join(dir, 'review.html');
      const r = await runIn(['check', '--format', 'html', '-o', out, dir]);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout, '');
      const html = readFileSync(out, 'utf8');
      assert.match(html, /^<!DOCTYPE html>/);
      assert.doesNotMatch(html, /<script|<link|https?:\/\//i);
      const sections = [...html.matchAll(/<section class="ogi-report" id="([^"]+)">/g)].map((m) => m[1]);
      assert.equal(sections.length, broken.length);
      assert.equal(new Set(sections).size, sections.length, 'anchors unique');
      for (const id of sections) assert.ok(html.includes(`href="#${id}"`), id);
      const errors = [...html.matchAll(/<p class="ogi-path">[^<]* — 错误 (\d+)，/g)].map((m) => Number(m[1]));
      assert.deepEqual(errors, [...errors].sort((a, b) => b - a));
      const total = broken.reduce((n, b) => n + analyze(b.text).findings.filter((f) => f.severity === 'error').length, 0);
      assert.equal(errors.reduce((a, b) => a + b, 0), total);
      assert.ok(html.includes('ogi-mark-culprit'));
    }));

  it('anchors each report of a file of several by its number, and a file of one report by the file alone', () =>
    withFiles({ 'three.txt': [seedA.text, seedB.text, seedA.text].join('\n\n'), 'one.txt': seedB.text }, async (dir) => {
      const out = join(dir, 'r.html');
      await runIn(['check', '--format', 'html', '-o', out, dir]);
      const ids = [...readFileSync(out, 'utf8').matchAll(/<section class="ogi-report" id="([^"]+)">/g)].map((m) => m[1]);
      const id = (name: string) => `report-${createHash('sha1').update(join(dir, name)).digest('hex').slice(0, 10)}`;
      assert.deepEqual(ids.sort(), [id('one.txt'), ...[1, 2, 3].map((k) => `${id('three.txt')}-${k}`)].sort());
    }));

  it('numbers the findings of a later report by its line in the file', () =>
    withFiles({ 'two.txt': `${seedA.text}\n\n${broken.find((b) => b.name.includes('单元格填错'))!.text}` }, async (dir) => {
      const out = join(dir, 'r.html');
      await runIn(['check', '--format', 'html', '--output', out, join(dir, 'two.txt')]);
      const json = jsonOutputSchema.parse(JSON.parse((await runIn(['check', '--format', 'json', join(dir, 'two.txt')])).stdout));
      const culprit = json.files[0].diagnostics.find((d) => d.rule === 'likely-culprit')!;
      assert.ok(culprit.range.start.line > seedA.text.split('\n').length);
      assert.ok(readFileSync(out, 'utf8').includes(`行 ${culprit.range.start.line + 1}:${culprit.range.start.character + 1}</span> <code>likely-culprit</code>`));
    }));

  it('writes every format to -o, and says so in words when it cannot', () =>
    withFiles(files(), async (dir) => {
      for (const format of ['text', 'json', 'sarif', 'csv']) {
        const out = join(dir, `out.${format}`);
        const toFile = await runIn(['check', '--format', format, '-o', out, join(dir, broken[0].name)]);
        const toStdout = await runIn(['check', '--format', format, join(dir, broken[0].name)]);
        assert.equal(toFile.stdout, '');
        assert.equal(readFileSync(out, 'utf8'), toStdout.stdout, format);
      }
      const bad = await runIn(['check', '-o', join(dir, 'no/such/dir/out.csv'), '--format', 'csv', join(dir, broken[0].name)]);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /no\/such\/dir\/out\.csv：文件或目录不存在/);
      const wrong = await runIn(['check', '--format', 'xlsx', dir]);
      assert.equal(wrong.status, 2);
      assert.match(wrong.stderr, /invalid --format: xlsx \(text, json, sarif, csv, html\)/);
    }));
});

describe('the outputs from the checking threads', () => {
  it('are the same, byte for byte, as rendered in the main thread (csv, html, json with fixes)', () => {
    if (!existsSync(join(ROOT, 'dist/cli.js'))) throw new Error('npm run build first');
    // Enough files for the pool to start its worker threads.
    const many: Record<string, string> = {};
    for (let k = 0; k < 30; k++) many[`r${String(k).padStart(2, '0')}.txt`] = broken[k % broken.length].text;
    return withFiles(many, async (dir) => {
      for (const format of ['csv', 'html', 'json']) {
        const spawned = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'check', '--format', format, dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
        const inThread = await runIn(['check', '--format', format, dir]);
        assert.equal(spawned.status, 1, spawned.stderr);
        assert.equal(spawned.stdout, inThread.stdout, format);
      }
      const doc = jsonOutputSchema.parse(JSON.parse((await runIn(['check', '--format', 'json', dir])).stdout));
      const all = doc.files.flatMap((f) => f.diagnostics);
      assert.ok(all.some((d) => d.fix && d.fix.edits.length > 0) && all.some((d) => d.related && d.related.length > 0));
    });
  });
});
