// Writes test/fixtures/documents/pdf/browser-*.pdf: CMS pages (test/fixtures/documents/html) printed to PDF
// by Chromium, as a reviewer saves a published report with the browser's "print → save as PDF". Chromium
// writes one text item per glyph and maps the glyphs of common CJK characters to the Kangxi radicals
// (⼀ U+2F00 for 一, ⾏ for 行, ⺠ for 民), which the PDF reader turns back into the ideographs; with its header
// and footer (the print dialog's default), the date, title, address and page count in the margins. The pages' decoy
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
// Page, and whether it is printed with the browser's header and footer (date and title, address and "2/3"),
// a spacer before table 三 so that the table runs onto the next page between them.
const PAGES = [
  ['cms-gbk-seed-001.htm', false],
  ['cms-seed-003.html', false],
  ['cms-seed-003.html', true],
];

const tmp = mkdtempSync(join(tmpdir(), 'ogi-print-'));
try {
  for (const [page, furniture] of PAGES) {
    let html = readFileSync(join(HTML, page)).toString('latin1').replace(/<script[\s\S]*?<\/script>/gi, '');
    // The section heading's element, found by its bytes (the page may be GBK): a spacer before it.
    const heading = Buffer.from('三、收到和处理政府信息公开申请情况', 'utf8').toString('latin1');
    if (furniture) html = html.replace(new RegExp(`(<[^<]*)${heading}`), '<div style="height:520px"></div>$1' + heading);
    const copy = join(tmp, page);
    writeFileSync(copy, Buffer.from(html, 'latin1'));
    const out = join(OUT, `browser-${furniture ? 'headers-' : ''}${page.replace(/\.html?$/, '')}.pdf`);
    const args = ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${join(tmp, 'profile')}`, `--print-to-pdf=${out}`];
    if (!furniture) args.push('--no-pdf-header-footer');
    execFileSync('chromium', [...args, pathToFileURL(copy).href], { stdio: 'ignore', timeout: 120_000 });
    console.log(out);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
