// Writes test/fixtures/documents/pdf/browser-*.pdf: CMS pages (test/fixtures/documents/html) printed to PDF
// by Chromium, as a reviewer saves a published report with the browser's "print → save as PDF". Chromium
// writes one text item per glyph and maps the glyphs of common CJK characters to the Kangxi radicals
// (⼀ U+2F00 for 一, ⾏ for 行, ⺠ for 民), which the PDF reader turns back into the ideographs. The pages' decoy
// script (a test of the HTML reader) is left out: a browser would run it. Needs Debian's chromium and
// fonts-noto-cjk; run: node scripts/make-browser-pdf-fixtures.mjs (the outputs are committed).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
const HTML = join(ROOT, 'test/fixtures/documents/html');
const OUT = join(ROOT, 'test/fixtures/documents/pdf');
const PAGES = ['cms-gbk-seed-001.htm', 'cms-seed-003.html'];

const tmp = mkdtempSync(join(tmpdir(), 'ogi-print-'));
try {
  for (const page of PAGES) {
    const html = readFileSync(join(HTML, page)).toString('latin1').replace(/<script[\s\S]*?<\/script>/gi, '');
    const copy = join(tmp, page);
    writeFileSync(copy, Buffer.from(html, 'latin1'));
    const out = join(OUT, `browser-${page.replace(/\.html?$/, '')}.pdf`);
    execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${join(tmp, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${out}`, pathToFileURL(copy).href], { stdio: 'ignore', timeout: 120_000 });
    console.log(out);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
