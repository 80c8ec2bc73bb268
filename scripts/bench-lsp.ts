// Keystroke-to-diagnostics latency over the real protocol: didChange (one character typed into a table
// cell) to the publishDiagnostics for that version, on a seed and on a large document.
import { readFileSync } from 'node:fs';
import { LspClient, ROOT } from '../test/protocol/client.js';

async function measure(name: string, text: string, edits: number): Promise<void> {
  const c = new LspClient();
  await c.initialize();
  const uri = `file:///bench/${encodeURIComponent(name)}`;
  await c.open(uri, text);
  // Type into the first cell of table 三's first row, alternating 1 and 2 (the value changes each time).
  const lines = text.split('\n');
  const line = lines.findIndex((l) => /^\t?一、本年新收/.test(l));
  const ch = lines[line].search(/\d/);
  const times: number[] = [];
  for (let v = 2; v < edits + 2; v++) {
    const t0 = process.hrtime.bigint();
    await c.change(uri, v, [{ range: { start: { line, character: ch }, end: { line, character: ch + 1 } }, text: String(v % 2) }]);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  await c.close();
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))].toFixed(2);
  console.log(`${name.padEnd(28)} ${(text.length / 1000).toFixed(0).padStart(6)}k chars   median ${q(0.5).padStart(7)} ms   p95 ${q(0.95).padStart(7)} ms   (${edits} edits)`);
}

async function main(): Promise<void> {
  const seed = readFileSync(`${ROOT}/samples/seeds/000_ad0933fee798d3b4.txt`, 'utf8');
  console.log('didChange → publishDiagnostics over stdio JSON-RPC (dist/server.js)');
  await measure('seed 000', seed, 300);
  await measure('seed 000 ×100 (680 KB)', Array(100).fill(seed).join('\n'), 40);
  await measure('seed 000 ×400 (2.7 MB)', Array(400).fill(seed).join('\n'), 15);
}

void main();
