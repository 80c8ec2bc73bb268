// Shared by scripts/test-e2e.mjs (code-server harness) and scripts/test-electron.mjs
// (@vscode/test-electron): compiles the extension-host suite and creates the test workspace.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SUITE_SRC = path.join(ROOT, 'test', 'e2e', 'suite');
const FIXTURES = path.join(ROOT, 'test', 'e2e', 'fixtures');
export const OUTPUT_DIR = path.join(ROOT, '.test-output'); // gitignored

/**
 * Bundles test/e2e/suite/{index,*.test}.ts into out/e2e/suite/ (CommonJS; `vscode` and `mocha`
 * stay external: the extension host provides the first, the repo's node_modules the second).
 * The output must stay inside the extension folder: that is how the extension host lets the
 * tests `require('vscode')`. Returns the path of the compiled index.js (extensionTestsPath).
 */
export async function buildSuite({ outDir = path.join(ROOT, 'out', 'e2e', 'suite') } = {}) {
  const { build } = await import('esbuild');
  const entryPoints = fs.readdirSync(SUITE_SRC)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => path.join(SUITE_SRC, f));
  fs.rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}

/**
 * A fresh workspace folder in the system temp dir: a copy of samples/ (seeds/, broken/) plus the
 * e2e/ files the suite needs. Remove it with removeWorkspace().
 */
export function makeWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogi-e2e-workspace-'));
  fs.cpSync(path.join(ROOT, 'samples'), dir, { recursive: true });
  const seed = (name) => path.join(ROOT, 'samples', 'seeds', name);
  const culprit = path.join(ROOT, 'samples', 'broken', '表三单元格填错-东城区.txt');
  const notAReport = path.join(FIXTURES, 'not-a-report.txt');
  const doc = (rel) => path.join(ROOT, 'test', 'fixtures', 'documents', ...rel.split('/'));
  const files = {
    // language detection (04): report content under names no pattern matches, and the reverse
    'e2e/detect/report-content.txt': seed('003_a0b24b918161571f.txt'),
    'e2e/detect/report-content-2.txt': seed('004_8c7426e6b89ff068.txt'),
    'e2e/detect/detection-off.txt': seed('000_ad0933fee798d3b4.txt'),
    'e2e/detect/not-a-report.txt': notAReport,
    'e2e/detect/by-name.ogi.txt': notAReport,
    'e2e/detect/2023年度报告-按名称.txt': notAReport,
    'e2e/detect/区政府年报.txt': notAReport,
    'e2e/barrier.ogi.txt': culprit,
    'e2e/server-ready.ogi.txt': culprit, // helpers.ts serverReady()
    // documents that tests edit, one each (03, 05)
    'e2e/fix-all.ogi.txt': culprit,
    'e2e/rules.ogi.txt': culprit,
    'e2e/restart.ogi.txt': culprit,
    'e2e/insert-table.ogi.txt': path.join(FIXTURES, 'insert-table.ogi.txt'),
    // documents for "Check as report" (07): a raised cell in table 三, and a file the test rewrites
    'e2e/documents/seed-000-raised.docx': doc('docx/seed-000-raised.docx'),
    'e2e/documents/broken-003-raised-cell.pdf': doc('pdf/broken-003-raised-cell.pdf'),
    'e2e/documents/watched.docx': doc('docx/seed-000-raised.docx'),
    'e2e/documents/seed-000.docx': doc('docx/seed-000.docx'),
    // A .docx under the .doc name Word also gives it, and a real Word 97–2003 file.
    'e2e/documents/saved-as.doc': doc('docx/seed-000-raised.docx'),
    'e2e/documents/legacy.doc': doc('legacy/seed-000.doc'),
    // last year's report as a PDF nobody opens, and this year's with its carry-over broken (08)
    'e2e/crossyear/大渡口区司法局2022年度报告.pdf': path.join(ROOT, 'test', 'fixtures', 'crossyear', 'documents', 'dadukou-2022.pdf'),
    'e2e/crossyear/2023年度报告.txt': path.join(ROOT, 'test', 'fixtures', 'crossyear', 'dadukou-2023-broken.txt'),
  };
  for (const [rel, src] of Object.entries(files)) {
    const to = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(src, to);
  }
  return dir;
}

export function removeWorkspace(dir) {
  if (dir && dir.startsWith(os.tmpdir())) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Prints the timings the suite recorded (helpers.ts recordTiming) and returns them. */
export function readTimings() {
  try {
    return JSON.parse(fs.readFileSync(path.join(OUTPUT_DIR, 'e2e-timings.json'), 'utf8'));
  } catch {
    return undefined;
  }
}
