// Keystroke-to-diagnostics latency over the real protocol: didChange (one character typed into a table
// cell) to the publishDiagnostics for that version, after a warm-up, on a seed, on documents of many
// reports up to 5 MB, for a burst of edits sent without waiting (what fast typing does), and while the
// server reads the workspace's PDFs in the background (on its reader thread) for last year's report.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, ROOT } from '../test/protocol/client.js';

const seed = readFileSync(`${ROOT}/samples/seeds/000_ad0933fee798d3b4.txt`, 'utf8').replace(/\s*$/, '\n');

/** The seed repeated to about `bytes` of UTF-8, one report after another. */
function many(bytes: number): string {
  const copies = Math.max(1, Math.round(bytes / Buffer.byteLength(seed)));
  // Each copy a little different (a numbered note at its end), so that opening the file analyses every one.
  return Array.from({ length: copies }, (_, k) => `${seed}（第${k + 1}份）\n`).join('\n');
}

/** One report, made long by prose in its last section: every keystroke re-analyses all of it. */
function longReport(chars: number): string {
  const line = '本机关持续推进政府信息公开工作，主动公开各类信息，做好依申请公开答复。\n';
  return seed + line.repeat(Math.max(0, Math.round((chars - seed.length) / line.length)));
}

/** Where to type: the first cell of table 三's first row (一、本年新收…). */
function target(text: string): { line: number; ch: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => /^\t?一、本年新收/.test(l));
  return { line, ch: lines[line].search(/\d/) };
}

function rss(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return NaN;
  }
}

const rows: string[][] = [['case', 'size', 'edits', 'median', 'p95', 'server RSS open → end']];

/** The p-quantile of the times, in words. */
function quantile(times: number[], p: number): string {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.length ? `${sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(1)} ms` : '—';
}

async function measure(name: string, text: string, warmup: number, edits: number): Promise<void> {
  const c = new LspClient();
  await c.initialize();
  const uri = `file:///bench/${encodeURIComponent(name)}.txt`;
  await c.open(uri, text);
  const pid = c.pid;
  const rssOpen = rss(pid);
  const { line, ch } = target(text);
  const times: number[] = [];
  let v = 2;
  for (let k = 0; k < warmup + edits; k++, v++) {
    const t0 = process.hrtime.bigint();
    await c.change(uri, v, [{ range: { start: { line, character: ch }, end: { line, character: ch + 1 } }, text: String(v % 2) }]);
    if (k >= warmup) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const rssEnd = rss(pid);
  await c.close();
  rows.push([name, `${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB`, String(edits), quantile(times, 0.5), quantile(times, 0.95), `${rssOpen.toFixed(0)} → ${rssEnd.toFixed(0)} MB`]);
}

/** `edits` changes sent back to back; the time from the last one to the diagnostics of its version. */
async function burst(name: string, text: string, edits: number): Promise<void> {
  const c = new LspClient();
  await c.initialize();
  const uri = `file:///bench/${encodeURIComponent(name)}.txt`;
  await c.open(uri, text);
  const { line, ch } = target(text);
  let published = 0;
  const waits: Promise<unknown>[] = [];
  for (let v = 2; v < edits + 2; v++) waits.push(c.diagnostics(uri, v).then(() => published++));
  const last = c.diagnostics(uri, edits + 1);
  let t0 = 0n;
  for (let v = 2; v < edits + 2; v++) {
    // Each insert types one more digit into the cell, as a user would.
    void c.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character: ch }, end: { line, character: ch } }, text: '1' }],
    });
    t0 = process.hrtime.bigint();
  }
  await last;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  await new Promise((r) => setTimeout(r, 50));
  await c.close();
  void waits;
  rows.push([name, `${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB`, String(edits), `last → diagnostics ${ms.toFixed(0)} ms`, '', `${published} of ${edits} versions published`]);
}

/**
 * Keystrokes into seed 000 while the server reads `pdfs` PDFs of the workspace folder in the background (its
 * last year's report is looked for there: none of them holds it), for as long as the reading lasts.
 */
async function whileReading(pdfs: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-bench-ws-'));
  const pdf = readFileSync(`${ROOT}/test/fixtures/documents/pdf/browser-cms-gbk-seed-001.pdf`);
  for (let k = 1; k <= pdfs; k++) writeFileSync(join(dir, `报告-${k}.pdf`), pdf);
  const c = new LspClient();
  try {
    await c.initialize({ workspaceFolders: [pathToFileURL(dir).href] });
    const uri = pathToFileURL(join(dir, 'report.txt')).href;
    // Its first check misses last year's report: the reading begins.
    await c.open(uri, seed);
    const pid = c.pid;
    const rssOpen = rss(pid);
    const { line, ch } = target(seed);
    const times: number[] = [];
    for (let v = 2; !c.documentsRead() && v < 100_000; v++) {
      const t0 = process.hrtime.bigint();
      await c.change(uri, v, [{ range: { start: { line, character: ch }, end: { line, character: ch + 1 } }, text: String(v % 2) }]);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const rssEnd = rss(pid);
    const took = /in (\d+) ms/.exec(c.documentsRead() ?? '')?.[1] ?? '?';
    rows.push([`seed 000, ${pdfs} PDFs read meanwhile (${took} ms)`, `${(Buffer.byteLength(seed) / 1e6).toFixed(2)} MB`, String(times.length), quantile(times, 0.5), quantile(times, 0.95), `${rssOpen.toFixed(0)} → ${rssEnd.toFixed(0)} MB`]);
  } finally {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  await measure('seed 000', seed, 50, 300);
  await measure('seed 000 ×100', many(700_000), 5, 40);
  await measure('5 MB of reports', many(5_000_000), 2, 100);
  await burst('burst of 40 inserts', many(600_000), 40);
  await burst('burst of 40 inserts, 5 MB', many(5_000_000), 40);
  await burst('burst of 40 inserts, one long report', longReport(203_000), 40);
  await whileReading(12);
  console.log('4. didChange → publishDiagnostics over stdio JSON-RPC (dist/server.js), after a warm-up');
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c] + (cell.length - [...cell].length))).join('  '));
}

void main();
