// The command-line checker as a user runs it: the bundled dist/cli.js, real files, exit codes and the
// three output formats.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jsonOutputSchema } from '../../server/src/cli/output.js';
import { ROOT } from '../helpers.js';

const CLI = join(ROOT, 'dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });

describe('ogi-report check', () => {
  it('exits 0 on the real reports, with the blank cells of seed 001 as warnings', () => {
    const r = run('check', 'samples/seeds');
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[lines.length - 1], /5 个文件：0 个错误，5 个警告/);
    assert.match(lines[0], /^samples\/seeds\/001_421b3acad4d7a22c\.txt:79:2: warning cell-blank: 一、本年新收·商业企业为空/);
  });

  it('exits 1 on the broken samples, each with its error', () => {
    const r = run('check', '--format', 'json', 'samples/broken');
    assert.equal(r.status, 1);
    const doc = jsonOutputSchema.parse(JSON.parse(r.stdout));
    assert.equal(doc.files.length, 6);
    for (const f of doc.files) assert.ok(f.diagnostics.length > 0, f.path);
  });

  it('exits 1 with errors, in the compiler convention, in English on request', () => {
    const r = run('check', '--locale', 'en', 'test/fixtures/rules/likely-culprit.txt');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^test\/fixtures\/rules\/likely-culprit\.txt:48:28: error likely-culprit: \(4\)1 Not held \/ Natural persons is likely mistyped: expected 3, found 4/m);
  });

  it('writes one JSON document of exactly the documented shape', () => {
    const r = run('check', '--format', 'json', 'samples/seeds', 'test/fixtures/rules/row-total.txt');
    assert.equal(r.status, 1);
    const doc = jsonOutputSchema.parse(JSON.parse(r.stdout));
    assert.equal(doc.files.length, 6);
    const rowTotal = doc.files.find((f) => f.path.endsWith('row-total.txt'))!;
    assert.deepEqual(rowTotal.diagnostics[0], {
      rule: 'row-total',
      severity: 'error',
      message: '「（一）予以公开」行：总计应为 3（自然人 3 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0），实际为 4',
      range: { start: { line: 37, character: 46 }, end: { line: 37, character: 47 } },
    });
  });

  it('writes SARIF 2.1.0 with rules, UTF-16 columns, related locations and fixes', () => {
    const r = run('check', '--format', 'sarif', 'test/fixtures/rules/likely-culprit.txt');
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.equal(run0.columnKind, 'utf16CodeUnits');
    assert.equal(run0.tool.driver.name, 'ogi-report');
    const result = run0.results[0];
    assert.equal(run0.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 48, startColumn: 28, endLine: 48, endColumn: 29 });
    assert.ok(result.relatedLocations.length >= 2);
    assert.equal(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '3');
  });

  it('exits 2 on bad arguments and on unreadable files, still checking the others', () => {
    assert.equal(run('check').status, 2);
    assert.equal(run('check', '--format', 'xml', 'samples').status, 2);
    assert.equal(run('lint', 'samples').status, 2);
    const r = run('check', 'samples/seeds/000_ad0933fee798d3b4.txt', 'no/such/file.txt');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no\/such\/file\.txt: ENOENT/);
    assert.match(r.stdout, /1 个文件/);
  });

  it('reads GB18030 and UTF-16 files as well as UTF-8 with a BOM', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogi-'));
    const src = join(ROOT, 'test/fixtures/rules/likely-culprit.txt');
    copyFileSync(src, join(dir, 'utf8.txt'));
    const text = spawnSync('cat', [src], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dir, 'bom.txt'), '\ufeff' + text);
    writeFileSync(join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const gb = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030', src]);
    if (gb.status === 0) writeFileSync(join(dir, 'gb.txt'), gb.stdout);
    const r = run('check', '--format', 'json', dir);
    const doc = jsonOutputSchema.parse(JSON.parse(r.stdout));
    rmSync(dir, { recursive: true, force: true });
    for (const f of doc.files) assert.deepEqual(f.diagnostics.map((d) => [d.rule, d.range.start.line, d.range.start.character]), [['likely-culprit', 47, 27]], f.path);
  });
});
