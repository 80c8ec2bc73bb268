// npm run bench: the cost of the analysis beside the floor of reading, decoding and splitting the same
// bytes into lines, measured in the same run and interleaved with it (the machine is shared and noisy:
// only ratios taken side by side mean anything).
//   1. per seed: median and p95 of one analysis, the floor, their ratio, KiB allocated per analysis; then the
//      seeds with new prose in every analysis (the engine's memos of texts cannot answer), beside them repeated;
//   2. documents of 1/10/100/1000 reports (the seeds concatenated, titles and blank lines between);
//   3. the CLI over 10,000 generated files: wall, CPU and peak RSS, against a read-and-split floor; then
//      large files (a 50 MB report, a 40 MB 汇编, 50 MB of a cell a line), peak RSS against ten times their size;
// The keystroke latency over the real protocol is scripts/bench-lsp.ts (npm run bench runs both).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from './core/analyze.js';
import { decodeReport } from './core/decode.js';
import { analyzeDocument } from './core/document.js';
import { splitLines } from './core/text.js';

// Allocation is measured as heap growth between collections, in a child that has gc() and a young
// generation large enough that no scavenge happens inside the measured loop (the timings are taken
// here, with the default heap, where garbage collection costs what it costs in the editor).
const gc = (globalThis as { gc?: () => void }).gc;
const ALLOC_MODE = process.argv.includes('--alloc');

function samplesDir(): string {
  for (const d of [join(__dirname, '../samples/seeds'), join(process.cwd(), 'samples/seeds')]) {
    try {
      if (readdirSync(d).some((f) => f.endsWith('.txt'))) return d;
    } catch {
      /* try the next */
    }
  }
  throw new Error('samples/seeds/ not found');
}

const us = (t: number) => (t >= 1e6 ? `${(t / 1e6).toFixed(2)} s` : t >= 1000 ? `${(t / 1000).toFixed(2)} ms` : `${t.toFixed(0)} µs`);
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};
function time(f: () => void): number {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1000;
}

/** Timings of a and b, interleaved run by run after a shared warm-up, in microseconds. */
function interleaved(a: () => void, b: () => void, runs: number): [number[], number[]] {
  for (let i = 0; i < Math.max(3, runs / 5); i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    ta.push(time(a));
    tb.push(time(b));
  }
  return [ta, tb];
}

/**
 * Bytes allocated per call of f in steady state: heap growth over n calls after a full collection, once
 * f has run enough to be compiled (the optimising compiler's code and feedback are heap too, and would
 * be counted against the first calls).
 */
function allocated(f: () => void, n: number): number {
  if (!gc) return NaN;
  for (let i = 0; i < 200; i++) f();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) f();
  const after = process.memoryUsage().heapUsed;
  return (after - before) / n;
}

function print(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c] + (cell.length - [...cell].length))).join('  '));
  console.log('');
}

/** The generated files of part 3, in the order every run reads them. */
function reportPaths(root: string): string[] {
  return readdirSync(root)
    .sort()
    .flatMap((d) => readdirSync(join(root, d)).sort().map((n) => join(root, d, n)));
}

// The engine alone over part 3's files, in a fresh process as the CLI starts: one thread, no output.
const ENGINE_OF = process.argv.indexOf('--engine');
if (ENGINE_OF >= 0) {
  for (const p of reportPaths(process.argv[ENGINE_OF + 1])) analyzeDocument(decodeReport(readFileSync(p)).text);
  process.exit(0);
}

// The first analysis in a fresh process (what one file on the command line, or the editor's first
// diagnostics, waits for): the engine is compiled as it runs. Timed in a child of its own per seed.
const FIRST_OF = process.argv.indexOf('--first');
if (FIRST_OF >= 0) {
  const path = process.argv[FIRST_OF + 1];
  process.stdout.write(String(time(() => analyze(decodeReport(readFileSync(path)).text))));
  process.exit(0);
}

const dir = samplesDir();
const seedFiles = readdirSync(dir)
  .filter((f) => /^\d{3}_.*\.txt$/.test(f))
  .sort();
const seedTexts = seedFiles.map((f) => decodeReport(readFileSync(join(dir, f))).text);

if (ALLOC_MODE) {
  const out: Record<string, number> = {};
  for (const f of seedFiles) {
    const path = join(dir, f);
    out[f] = allocated(() => analyze(decodeReport(readFileSync(path)).text), 60);
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

// 1. Per seed.
{
  const alloc = spawnSync(process.execPath, ['--expose-gc', '--min-semi-space-size=256', '--max-semi-space-size=256', __filename, '--alloc'], { encoding: 'utf8' });
  const bytes: Record<string, number> = alloc.status === 0 ? JSON.parse(alloc.stdout) : {};
  const first = (path: string) => {
    const child = spawnSync(process.execPath, [__filename, '--first', path], { encoding: 'utf8' });
    return child.status === 0 ? us(Number(child.stdout)) : 'n/a';
  };
  // The medians are of the engine once compiled, as it runs after a session's first moments: every seed is
  // analysed first (the optimising compiler needs some thousand calls; without this the seeds measured
  // first measured its compilation too, and read up to 1.9× slower than they run).
  for (let i = 0; i < 2000; i++) {
    analyze(seedTexts[i % seedTexts.length]);
    splitLines(decodeReport(Buffer.from(seedTexts[i % seedTexts.length])).text);
  }
  const rows = [['seed', 'size', 'first', 'median', 'p95', 'floor', 'ratio', 'KiB/analysis']];
  for (const f of seedFiles) {
    const path = join(dir, f);
    const floorRun = () => void splitLines(decodeReport(readFileSync(path)).text);
    const fullRun = () => void analyze(decodeReport(readFileSync(path)).text);
    const [floor, full] = interleaved(floorRun, fullRun, 400);
    const ratio = q(full, 0.5) / q(floor, 0.5);
    const size = readFileSync(path).length;
    const kib = bytes[f] === undefined ? 'n/a' : (bytes[f] / 1024).toFixed(0);
    rows.push([f.slice(0, 3), `${(size / 1024).toFixed(1)} KB`, first(path), us(q(full, 0.5)), us(q(full, 0.95)), us(q(floor, 0.5)), `${ratio.toFixed(1)}×`, kib]);
  }
  console.log(`1. One report (analyze), ${process.version} ${process.arch}; floor = read + decode + split into lines, interleaved;`);
  console.log('   first = the first analysis in a fresh process (the engine compiled as it runs); median, p95 after a warm-up');
  print(rows);

  // The same seeds with their prose made new for every analysis (a serial number in each sentence): the five
  // texts above recur, so the engine's memos of texts (labels, headings) answer from the second run on, which
  // real runs over reports not seen before cannot count on. From bytes in memory, no file read.
  const fresh = (text: string, serial: number) =>
    text
      .split('\n')
      .map((l) => (l.length > 30 && !l.includes('\t') && !l.includes('|') ? `${l.slice(0, 10)}第${serial}次${l.slice(10)}` : l))
      .join('\n');
  const distinctRows = [['seed', 'median', 'p95', 'floor', 'ratio', 'repeated (same run)']];
  for (const [k, f] of seedFiles.entries()) {
    const runs = 400;
    const variants = Array.from({ length: runs + runs / 5 }, (_, i) => Buffer.from(fresh(seedTexts[k], k * 10_000 + i)));
    const same = Buffer.from(seedTexts[k]);
    let i = 0;
    const [floor, full] = interleaved(
      () => void splitLines(decodeReport(variants[i % variants.length]).text),
      () => void analyze(decodeReport(variants[i++ % variants.length]).text),
      runs,
    );
    const [, repeated] = interleaved(() => undefined, () => void analyze(decodeReport(same).text), runs);
    distinctRows.push([f.slice(0, 3), us(q(full, 0.5)), us(q(full, 0.95)), us(q(floor, 0.5)), `${(q(full, 0.5) / q(floor, 0.5)).toFixed(1)}×`, us(q(repeated, 0.5))]);
  }
  console.log('1b. The seeds with new prose in every analysis (from memory; floor = decode + split), beside the seed repeated');
  print(distinctRows);
}

// 2. Documents of many reports: the seeds in turn, each with its title, a blank line and a form feed between.
{
  const rows = [['reports', 'size', 'analyzeDocument', 'per report', 'reports found', 'analyze (as one)', 'floor', 'ratio']];
  for (const n of [1, 10, 100, 1000]) {
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(seedTexts[i % seedTexts.length].replace(/\s*$/, '\n'));
    const text = parts.join('\n\f\n');
    const runs = n >= 1000 ? 3 : n >= 100 ? 7 : n >= 10 ? 30 : 200;
    let found = 0;
    const [floor, doc] = interleaved(
      () => void splitLines(decodeReport(Buffer.from(text)).text),
      () => void (found = analyzeDocument(text).reports.length),
      runs,
    );
    const one = n >= 1000 ? [time(() => analyze(text))] : interleaved(() => undefined, () => void analyze(text), Math.max(3, Math.floor(runs / 2)))[1];
    rows.push([
      String(n),
      `${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB`,
      us(q(doc, 0.5)),
      us(q(doc, 0.5) / n),
      String(found),
      us(q(one, 0.5)),
      us(q(floor, 0.5)),
      `${(q(doc, 0.5) / q(floor, 0.5)).toFixed(1)}×`,
    ]);
  }
  console.log('2. Documents of many reports (analyzeDocument; "analyze (as one)" reads the whole file as one report)');
  print(rows);
}

// 3. The CLI over 10,000 files, against a read + decode + split of the same files (one thread).
async function cliBench(): Promise<void> {
  const files = Number(process.env.OGI_BENCH_FILES ?? 10_000);
  const tmp = mkdtempSync(join(tmpdir(), 'ogi-bench-'));
  try {
    const root = join(tmp, 'reports');
    mkdirSync(root);
    for (let i = 0; i < files; i++) {
      const sub = join(root, String(Math.floor(i / 1000)).padStart(2, '0'));
      if (i % 1000 === 0) mkdirSync(sub);
      writeFileSync(join(sub, `${String(i).padStart(5, '0')}.txt`), seedTexts[i % seedTexts.length]);
    }
    // Each child writes its own resource usage (all its threads) to fd 3 as it exits.
    const preload = join(tmp, 'usage.cjs');
    writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(3, JSON.stringify(process.resourceUsage())));\n");
    const floorScript = join(tmp, 'floor.cjs');
    writeFileSync(
      floorScript,
      `const fs = require('fs'), path = require('path'), { isUtf8, transcode } = require('buffer');
       // Decoded the fastest way Node has, ICU's transcode (decodeReport's way for valid UTF-8 up to 8 MB; Node's UTF-8 decoder is 8× slower on Chinese).
       const decode = (b) => (isUtf8(b) ? transcode(b, 'utf8', 'ucs2').toString('ucs2') : new TextDecoder('gb18030').decode(b));
       const walk = (d) => fs.readdirSync(d).sort().flatMap((n) => { const p = path.join(d, n); return fs.statSync(p).isDirectory() ? walk(p) : [p]; });
       let lines = 0;
       for (const p of walk(process.argv[2])) lines += decode(fs.readFileSync(p)).split(/\\r\\n|\\n|\\r/).length;
       process.stdout.write(lines + '\\n');`,
    );
    const cli = join(__dirname, 'cli.js');
    const run = (args: string[]) =>
      new Promise<{ wall: number; cpu: number; rss: number; code: number | null }>((resolve) => {
        const t0 = process.hrtime.bigint();
        const child = spawn(process.execPath, ['--require', preload, ...args], { stdio: ['ignore', 'ignore', 'inherit', 'pipe'] });
        let usage = '';
        child.stdio[3]!.on('data', (d) => (usage += String(d)));
        child.on('close', (code) => {
          const wall = Number(process.hrtime.bigint() - t0) / 1e6;
          const u = JSON.parse(usage || '{}');
          resolve({ wall, cpu: ((u.userCPUTime ?? 0) + (u.systemCPUTime ?? 0)) / 1000, rss: (u.maxRSS ?? 0) / 1024, code });
        });
      });
    const rows = [['run', 'files', 'wall', 'CPU', 'peak RSS', 'wall ÷ floor', 'CPU ÷ engine', 'exit']];
    // The engine's share: the same files read, decoded and analysed in a fresh process of one thread (no
    // workers, no output), so that the CLI's CPU beyond it (threads, messages, output) shows apart from the
    // analysis itself; both start cold, compiling the engine as they go.
    const engine = () => run([__filename, '--engine', root]);
    const beyond: string[] = [];
    for (let round = 0; round < 2; round++) {
      const f = await run([floorScript, root]);
      rows.push([`floor #${round + 1}`, String(files), `${(f.wall / 1000).toFixed(2)} s`, `${(f.cpu / 1000).toFixed(2)} s`, `${f.rss.toFixed(0)} MB`, '', '', String(f.code)]);
      const e = await engine();
      rows.push([`engine alone #${round + 1}`, String(files), `${(e.wall / 1000).toFixed(2)} s`, `${(e.cpu / 1000).toFixed(2)} s`, `${e.rss.toFixed(0)} MB`, `${(e.wall / f.wall).toFixed(1)}×`, '', String(e.code)]);
      const c = await run([cli, 'check', '--format', 'json', root]);
      rows.push([`ogi-report check #${round + 1}`, String(files), `${(c.wall / 1000).toFixed(2)} s`, `${(c.cpu / 1000).toFixed(2)} s`, `${c.rss.toFixed(0)} MB`, `${(c.wall / f.wall).toFixed(1)}×`, `${(c.cpu / e.cpu).toFixed(2)}×`, String(c.code)]);
      beyond.push(`${(((c.cpu - e.cpu) / files) * 1000).toFixed(0)} µs`);
    }
    // Peak memory must not grow with the number of files: the same files three times over (three links to
    // the folder, so three times the paths, outcomes and output), against the run over them once.
    const thrice = join(tmp, 'thrice');
    mkdirSync(thrice);
    for (const k of [1, 2, 3]) symlinkSync(root, join(thrice, `set${k}`), 'dir');
    const c3 = await run([cli, 'check', '--format', 'json', thrice]);
    rows.push([`ogi-report check ×3`, String(3 * files), `${(c3.wall / 1000).toFixed(2)} s`, `${(c3.cpu / 1000).toFixed(2)} s`, `${c3.rss.toFixed(0)} MB`, '', '', String(c3.code)]);
    // Large files, each a memory bound (peak RSS within ten times the file's size): one genuine report far above
    // the size the checks are meant for (seed 001's body 6,000 times over, 50 MB: sections only, said once);
    // a 40 MB 汇编 of the seeds (5,000 reports, each checked in full, one after another); and 50 MB of cells a
    // line with blank lines between (25 million lines: read to MAX_LINES, said once).
    const seed = seedTexts[1];
    const body = seed.split('\n').slice(5).join('\n');
    const upTo = (bytes: number, first: string, next: (k: number) => string) => {
      const parts = [first];
      for (let n = Buffer.byteLength(first), k = 0; n < bytes; k++) {
        const p = next(k);
        parts.push(p);
        n += Buffer.byteLength(p) + 1;
      }
      return parts.join('\n');
    };
    const large = [
      { name: 'genuine report', text: upTo(50_000_000, seed, () => body) },
      { name: '汇编 of the seeds', text: upTo(40_000_000, seedTexts[0], (k) => `\n${seedTexts[(k + 1) % seedTexts.length]}`) },
      { name: 'a cell a line', text: `${seed.split('\n').slice(0, 40).join('\n')}\n${'\t0\n\n'.repeat(12_500_000)}` },
    ];
    const bigRows: string[] = [];
    for (const { name, text } of large) {
      const big = join(tmp, `big-${bigRows.length}`);
      mkdirSync(big);
      writeFileSync(join(big, 'report.txt'), text);
      const size = Buffer.byteLength(text) / 1024 / 1024;
      const bf = await run([floorScript, big]);
      const bc = await run([cli, 'check', '--format', 'json', big]);
      bigRows.push(
        `   ${name}, ${size.toFixed(0)} MB: wall ${(bc.wall / 1000).toFixed(2)} s (floor ${(bf.wall / 1000).toFixed(2)} s), peak RSS ${bc.rss.toFixed(0)} MB = ${(bc.rss / size).toFixed(1)}× its size (bound 10×), exit ${bc.code}`,
      );
      rmSync(big, { recursive: true, force: true });
    }
    console.log(`3. CLI over ${files} files (${cpus().length} cores; floor = one process reading, decoding and splitting every file;`);
    console.log('   engine alone = a fresh process reading, decoding and analysing every file in one thread, without workers or output;');
    console.log('   ×3 = the same files three times over, whose peak RSS is to stay near the run over them once)');
    print(rows);
    console.log(`   CLI CPU beyond the engine's, per file: ${beyond.join(', ')}`);
    console.log(`${bigRows.join('\n')}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

void cliBench();
