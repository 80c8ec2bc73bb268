// The command-line checker as a user runs it: the bundled dist/cli.js, real files, exit codes and the
// three output formats.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type Analysis, MAX_REPORT_BYTES } from '../../server/src/core/analyze.js';
import { analyzeDocument } from '../../server/src/core/document.js';
import { fixAll } from '../../server/src/core/fix.js';
import { main } from '../../server/src/cli/main.js';
import { jsonOutputSchema } from '../../server/src/outputs/json.js';
import { ROOT, analyze, fixture, seeds } from '../helpers.js';

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
      // The cells that make the sum, as SARIF's relatedLocations.
      related: ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((col, k) => ({
        range: { start: { line: 37, character: 22 + 4 * k }, end: { line: 37, character: 23 + 4 * k } },
        message: `（一）予以公开·${col}：${k === 0 ? 3 : 0}`,
      })),
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
    assert.match(r.stderr, /no\/such\/file\.txt：文件或目录不存在/);
    assert.doesNotMatch(r.stderr, /ENOENT/);
    assert.match(r.stdout, /1 个文件/);
    assert.match(run('check', '--locale', 'en', 'no/such/file.txt').stderr, /no\/such\/file\.txt: does not exist/);
  });

  it('exits 2 with its words when the run itself fails (not 1, which means errors found)', () => {
    // The output cannot be written: main() itself throws, after every file was checked.
    const failing = join(mkdtempSync(join(tmpdir(), 'ogi-fail-')), 'stdout.cjs');
    writeFileSync(failing, "process.stdout.write = () => { throw new Error('stdout is gone'); };\n");
    const r = spawnSync(process.execPath, ['--require', failing, CLI, 'check', 'samples/broken'], { encoding: 'utf8', cwd: ROOT });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /ogi-report: 运行失败 \/ the run failed: Error: stdout is gone/);
    rmSync(join(failing, '..'), { recursive: true, force: true });
  });

  it('stops quietly when the reader of its output goes away (… | head), its status still what was found', async () => {
    for (const format of ['text', 'json', 'html']) {
      const child = spawn(process.execPath, [CLI, 'check', '--format', format, 'samples'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      // The reader takes nothing and goes: every write of the output meets a closed pipe.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += String(d)));
      const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      assert.doesNotMatch(stderr, /EPIPE|Error/, format);
      assert.equal(status, 1, `${format}: samples/broken holds errors`);
    }
  });

  it('says so and exits 2 when its output cannot be written (a full disk), to stdout or to -o', { skip: !existsSync('/dev/full') && 'no /dev/full here' }, () => {
    const toFile = run('check', 'samples', '-o', '/dev/full');
    assert.equal(toFile.status, 2);
    assert.match(toFile.stderr, /^ogi-report: \/dev\/full：无法写入（ENOSPC/m);
    const full = openSync('/dev/full', 'w');
    try {
      const toStdout = spawnSync(process.execPath, [CLI, 'check', 'samples'], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      assert.equal(toStdout.status, 2);
      assert.match(toStdout.stderr, /ogi-report: 无法写入输出 \/ cannot write the output \(ENOSPC/);
      assert.doesNotMatch(toStdout.stderr, /\n\s+at /, 'no stack trace');
    } finally {
      closeSync(full);
    }
  });

  it('follows links into directories, but not a link back up to an ancestor (each file once, no ever longer paths)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogi-links-'));
    try {
      mkdirSync(join(dir, 'a', 'b'), { recursive: true });
      copyFileSync(join(ROOT, 'samples/seeds', readdirSync(join(ROOT, 'samples/seeds')).find((f) => f.endsWith('.txt'))!), join(dir, 'a', 'b', 'r.txt'));
      symlinkSync(dir, join(dir, 'a', 'b', 'up'), 'dir');
      symlinkSync(join(dir, 'a'), join(dir, 'a', 'b', 'loop'), 'dir');
      // Not a loop: the same folder by a second route is searched again, as the bench's ×3 run relies on.
      mkdirSync(join(dir, 'other'));
      symlinkSync(join(dir, 'a', 'b'), join(dir, 'other', 'again'), 'dir');
      const r = run('check', '--format', 'json', dir);
      assert.equal(r.status, 0, r.stderr);
      const paths = (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path.slice(dir.length + 1));
      assert.deepEqual(paths, [join('a', 'b', 'r.txt'), join('other', 'again', 'r.txt')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never waits on a named pipe found in a folder, and reads one it is given', { skip: process.platform === 'win32' && 'no mkfifo' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogi-fifo-'));
    try {
      const seed = readdirSync(join(ROOT, 'samples/seeds')).find((f) => f.endsWith('.txt'))!;
      copyFileSync(join(ROOT, 'samples/seeds', seed), join(dir, 'r.txt'));
      assert.equal(spawnSync('mkfifo', [join(dir, 'pipe.txt')]).status, 0, 'mkfifo is needed for this test');
      const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', dir], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(
        (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path),
        [join(dir, 'r.txt')],
      );
      // A shell pipe (node's own stdin pipe for a child is a socket, which /dev/stdin cannot be read from).
      const given = spawnSync('sh', ['-c', 'cat "$1" | "$2" "$3" check /dev/stdin', 'sh', join(ROOT, 'samples/seeds', seed), process.execPath, CLI], { encoding: 'utf8', timeout: 20_000 });
      assert.match(given.stdout, /^1 个文件：0 个错误/m, given.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which argument was wrong', () => {
    const format = run('check', '--format', 'xml', 'samples');
    assert.match(format.stderr, /--format 的值无效 \/ invalid --format: xml/);
    assert.doesNotMatch(format.stderr, /--locale 的值无效/);
    const locale = run('check', '--locale', 'fr', 'samples');
    assert.equal(locale.status, 2);
    assert.match(locale.stderr, /--locale 的值无效 \/ invalid --locale: fr/);
    assert.doesNotMatch(locale.stderr, /--format 的值无效/);
    assert.match(run('lint', 'samples').stderr, /未知命令 \/ unknown command: lint/);
    assert.match(run('check').stderr, /缺少要检查的文件或目录/);
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

/** Runs the CLI in-process on files written to a temporary directory, then removes them. */
async function inTemp<T>(files: Record<string, string | Uint8Array>, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runIn(argv: string[], engine?: typeof analyze): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, { out: (x) => (stdout += x), err: (x) => (stderr += x), ...(engine ? { analyze: engine } : {}) });
  return { status, stdout, stderr };
}

const json = (stdout: string) => jsonOutputSchema.parse(JSON.parse(stdout));

describe('ogi-report check --fix', () => {
  const broken = fixture('rules', 'likely-culprit.txt');

  it('writes the fixed file in place, then reports what is left; a second run changes nothing', async () => {
    await inTemp({ 'a.txt': broken, 'clean.txt': fixture('rules', 'row-total.txt') }, async (dir) => {
      const r = await runIn(['check', '--fix', '--format', 'json', dir]);
      const fixed = readFileSync(join(dir, 'a.txt'), 'utf8');
      assert.notEqual(fixed, broken);
      assert.deepEqual(analyze(fixed).findings.filter((f) => f.severity === 'error'), []);
      // Only the culprit's cell changed: one line differs.
      const before = broken.split('\n');
      const after = fixed.split('\n');
      assert.equal(after.length, before.length);
      assert.deepEqual(after.map((l, k) => (l === before[k] ? null : k)).filter((k) => k !== null), [47]);
      const reported = json(r.stdout).files.find((f) => f.path.endsWith('a.txt'))!;
      assert.deepEqual(reported.diagnostics.filter((d) => d.severity === 'error'), []);
      const again = readFileSync(join(dir, 'clean.txt'), 'utf8');
      const second = await runIn(['check', '--fix', dir]);
      assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), fixed);
      assert.equal(readFileSync(join(dir, 'clean.txt'), 'utf8'), again);
      assert.equal(second.status, analyze(again).findings.some((f) => f.severity === 'error') ? 1 : 0);
    });
  });

  it('fixes a file of several reports report by report: what each report gets when fixed alone', async () => {
    // A 2022 report after a 2023 one: read as one report, the file took the first report's year and --fix
    // changed 2022 to 2023 in the second one's prose.
    const parts = [seeds()[0].text, fixture('rules', 'likely-culprit.txt'), readFileSync(join(ROOT, 'samples/broken/勾稽关系不平-PDF文本.txt'), 'utf8')].map((p) => p.replace(/\s*$/, '\n'));
    const file = parts.join('\n\n');
    assert.equal(analyzeDocument(file).reports.length, 3);
    await inTemp({ 'all.txt': file }, async (dir) => {
      await runIn(['check', '--fix', dir]);
      const fixed = readFileSync(join(dir, 'all.txt'), 'utf8');
      assert.notEqual(fixed, file);
      assert.equal(fixed, parts.map((p) => fixAll(p, { maxTableCheckLength: MAX_REPORT_BYTES }).text).join('\n\n'));
    });
  });

  it('keeps a UTF-8 BOM and CRLF line ends', async () => {
    const crlf = '\ufeff' + broken.replace(/\n/g, '\r\n');
    await inTemp({ 'a.txt': crlf }, async (dir) => {
      await runIn(['check', '--fix', dir]);
      const bytes = readFileSync(join(dir, 'a.txt'));
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      assert.equal(text.split('\r\n').length, crlf.split('\r\n').length);
      assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/);
      assert.notEqual(text, crlf);
    });
  });

  it('refuses to rewrite a GB18030 file, says why, and still reports it', async () => {
    const gb = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: broken });
    assert.equal(gb.status, 0, 'iconv is needed for this test');
    await inTemp({ 'gb.txt': gb.stdout }, async (dir) => {
      const r = await runIn(['check', '--fix', '--format', 'json', dir]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /gb\.txt：未修复：文件编码为 GB18030，--fix 只改写 UTF-8 文件/);
      assert.deepEqual(readFileSync(join(dir, 'gb.txt')), gb.stdout);
      assert.deepEqual(json(r.stdout).files[0].diagnostics.map((d) => d.rule), ['likely-culprit']);
    });
  });
});

describe('one file failing costs no other file its result', () => {
  for (const format of ['json', 'sarif', 'text']) {
    it(`reports the failed file as not checked and prints the others (${format})`, async () => {
      const failing = (text: string, options?: Parameters<typeof analyze>[1]): Analysis => {
        if (text.includes('FAIL-HERE')) throw new TypeError("Cannot read properties of undefined (reading 'group')");
        return analyze(text, options);
      };
      await inTemp({ 'a.txt': fixture('rules', 'row-total.txt'), 'b.txt': fixture('rules', 'row-total.txt') + '\nFAIL-HERE\n', 'c.txt': fixture('rules', 'likely-culprit.txt') }, async (dir) => {
        const r = await runIn(['check', '--format', format, dir], failing);
        assert.equal(r.status, 2);
        assert.match(r.stderr, /b\.txt：未检查，检查程序出错（Cannot read properties of undefined \(reading 'group'\)）/);
        if (format === 'json') assert.deepEqual(json(r.stdout).files.map((f) => f.path.slice(dir.length + 1)), ['a.txt', 'c.txt']);
        else if (format === 'sarif') assert.deepEqual(JSON.parse(r.stdout).runs[0].artifacts.map((x: { location: { uri: string } }) => x.location.uri.split('/').pop()), ['a.txt', 'c.txt']);
        else assert.match(r.stdout, /2 个文件/);
      });
    });
  }
});

describe('decoding damaged and legacy files', () => {
  // A report whose last character is Chinese (three UTF-8 bytes), so a cut lands inside it.
  const report = fixture('rules', 'row-total.txt').replace(/\s+$/, '') + '\n特此报告';
  const bytes = Buffer.from(report, 'utf8');
  const rulesOf = (stdout: string) => json(stdout).files[0].diagnostics.map((d) => d.rule);
  const original = analyze(report).findings.map((f) => f.rule);

  for (let cut = 1; cut <= 4; cut++) {
    it(`a UTF-8 report cut ${cut} byte(s) short is still checked as a report`, async () => {
      const damaged = bytes.subarray(0, bytes.length - cut);
      await inTemp({ 'cut.txt': damaged }, async (dir) => {
        const r = await runIn(['check', '--format', 'json', dir]);
        const rules = rulesOf(r.stdout);
        assert.ok(!rules.includes('not-a-report'), rules.join(', '));
        // A cut at a character boundary leaves valid UTF-8 (no warning); inside a character, one warning.
        const valid = (() => {
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(damaged);
            return true;
          } catch {
            return false;
          }
        })();
        assert.equal(rules.filter((x) => x === 'encoding').length, valid ? 0 : 1);
        assert.deepEqual(rules.filter((x) => x !== 'encoding'), original);
        assert.equal(r.status, 1);
      });
    });
  }

  it('a bad byte in the middle gives one encoding warning where it is, and the rest is checked', async () => {
    const at = bytes.indexOf(Buffer.from('。', 'utf8'));
    const damaged = Buffer.from(bytes);
    damaged[at] = 0xff;
    await inTemp({ 'bad.txt': damaged }, async (dir) => {
      const r = await runIn(['check', '--format', 'json', dir]);
      const d = json(r.stdout).files[0].diagnostics;
      const enc = d.filter((x) => x.rule === 'encoding');
      assert.equal(enc.length, 1);
      assert.equal(enc[0].severity, 'warning');
      const line = report.slice(0, report.indexOf('。')).split('\n').length - 1;
      assert.equal(enc[0].range.start.line, line);
      assert.equal(enc[0].range.start.character, report.split('\n')[line].indexOf('。'));
      assert.deepEqual(d.filter((x) => x.rule !== 'encoding').map((x) => x.rule), original);
    });
  });

  it('a genuine GBK file is read as GBK, with no encoding warning', async () => {
    const gbk = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: report });
    assert.equal(gbk.status, 0);
    await inTemp({ 'gbk.txt': gbk.stdout }, async (dir) => {
      const r = await runIn(['check', '--format', 'json', dir]);
      assert.deepEqual(rulesOf(r.stdout), original);
    });
  });
});
