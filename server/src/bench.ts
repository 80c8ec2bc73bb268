// npm run bench: time per report and throughput of the full analysis, beside the floor of reading,
// decoding and splitting the same bytes into lines, measured in the same run.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from './core/analyze.js';
import { decodeReport } from './core/decode.js';
import { splitLines } from './core/text.js';

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

/** Median and 95th percentile of `runs` timings of f, in microseconds, after a warm-up. */
function measure(f: () => void, runs: number): { median: number; p95: number } {
  for (let i = 0; i < Math.max(5, runs / 5); i++) f();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    f();
    t.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)], p95: t[Math.floor(t.length * 0.95)] };
}

const rows: string[][] = [['document', 'size', 'analysis median', 'p95', 'throughput', 'read+decode+split', 'ratio']];
function bench(name: string, path: string, runs: number): void {
  const bytes = readFileSync(path);
  const floor = measure(() => splitLines(decodeReport(readFileSync(path)).text), runs);
  const full = measure(() => analyze(decodeReport(readFileSync(path)).text), runs);
  void bytes;
  const mb = bytes.length / 1e6;
  rows.push([
    name,
    bytes.length > 1e6 ? `${mb.toFixed(1)} MB` : `${(bytes.length / 1024).toFixed(1)} KB`,
    full.median >= 1000 ? `${(full.median / 1000).toFixed(2)} ms` : `${full.median.toFixed(0)} µs`,
    full.p95 >= 1000 ? `${(full.p95 / 1000).toFixed(2)} ms` : `${full.p95.toFixed(0)} µs`,
    `${(mb / (full.median / 1e6)).toFixed(1)} MB/s`,
    floor.median >= 1000 ? `${(floor.median / 1000).toFixed(2)} ms` : `${floor.median.toFixed(0)} µs`,
    `${(full.median / floor.median).toFixed(1)}×`,
  ]);
}

const dir = samplesDir();
const seeds = readdirSync(dir)
  .filter((f) => /^\d{3}_.*\.txt$/.test(f))
  .sort();
for (const f of seeds) bench(f, join(dir, f), 300);

// Large synthetic documents: the seeds concatenated, at growing sizes, to show the cost is linear.
const all = seeds.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
const tmp = mkdtempSync(join(tmpdir(), 'ogi-bench-'));
for (const copies of [10, 100, 400]) {
  const path = join(tmp, `synthetic-${copies}.txt`);
  writeFileSync(path, Array(copies).fill(all).join('\n'));
  bench(`synthetic ×${copies * seeds.length} reports`, path, copies >= 400 ? 5 : copies >= 100 ? 15 : 40);
}

rmSync(tmp, { recursive: true, force: true });

const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c] + ([...cell].length - cell.length))).join('  '));
console.log(`\nnode ${process.version}, ${process.arch}; ratio = full analysis ÷ (read + decode + split into lines) of the same file.`);
