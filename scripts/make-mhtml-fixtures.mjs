// Writes test/fixtures/documents/mhtml/: web pages saved as one file (MHTML), from the HTML fixtures.
//   browser-*.mhtml  Chromium's own "Save as webpage, single file" (Page.captureSnapshot, as Blink saves it),
//                    made with Debian's chromium and the e2e harness's playwright-core;
//   word-*.mht       the shape Word and WPS save as 单个文件网页: multipart/related, the page in GB2312 and
//                    quoted-printable with "=" soft breaks, an image and a file list as further parts;
//   word-*.doc       the same bytes under the .doc name Word also gives them;
//   single-part-*.mht one part, the page in base64 (no multipart), as some tools write.
// Usage: node scripts/make-mhtml-fixtures.mjs (after scripts/make-document-fixtures.ts; needs /usr/bin/chromium
// and test/e2e/harness/install.sh run once).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HTML = join(ROOT, 'test/fixtures/documents/html');
const OUT = join(ROOT, 'test/fixtures/documents/mhtml');

/** RFC 2045 quoted-printable of bytes, lines of at most 76 characters with "=" soft breaks, CRLF. */
function quotedPrintable(bytes) {
  const lines = [];
  let line = '';
  const put = (piece) => {
    if (line.length + piece.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += piece;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a) {
      lines.push(line);
      line = '';
    } else if (b === 0x0d) continue;
    else if ((b >= 33 && b <= 126 && b !== 0x3d) || (b === 0x20 && bytes[i + 1] !== 0x0a && bytes[i + 1] !== 0x0d)) put(String.fromCharCode(b));
    else put(`=${b.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  lines.push(line);
  return lines.join('\r\n');
}

/** A Word-style single-file web page: the page re-declared as GB2312, an image and a file list beside it. */
function wordMht(page, gbk) {
  const boundary = '----=_NextPart_01DB3C1F.5E2A7B60';
  const html = gbk(page.replace(/charset=[\w-]+/i, 'charset=gb2312'));
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const base64Lines = png.toString('base64').match(/.{1,76}/g).join('\r\n');
  return Buffer.from(
    [
      'MIME-Version: 1.0',
      `Content-Type: multipart/related; boundary="${boundary}"`,
      '',
      'This document is a Single File Web Page, also known as a Web Archive file.  If you are seeing this message, your browser or editor doesn\'t support Web Archive files.  Please download a browser that supports Web Archive.',
      '',
      `--${boundary}`,
      'Content-Location: file:///C:/D1A2B3C4/report.htm',
      'Content-Transfer-Encoding: quoted-printable',
      'Content-Type: text/html; charset="gb2312"',
      '',
      quotedPrintable(html),
      '',
      `--${boundary}`,
      'Content-Location: file:///C:/D1A2B3C4/report.files/image001.png',
      'Content-Transfer-Encoding: base64',
      'Content-Type: image/png',
      '',
      base64Lines,
      '',
      `--${boundary}`,
      'Content-Location: file:///C:/D1A2B3C4/report.files/filelist.xml',
      'Content-Transfer-Encoding: quoted-printable',
      'Content-Type: text/xml; charset="utf-8"',
      '',
      quotedPrintable(Buffer.from('<xml xmlns:o="urn:schemas-microsoft-com:office:office">\n <o:MainFile HRef="../report.htm"/>\n <o:File HRef="image001.png"/>\n</xml>')),
      '',
      `--${boundary}--`,
      '',
    ].join('\r\n'),
    'latin1',
  );
}

function singlePart(page) {
  const body = Buffer.from(page, 'utf8').toString('base64').match(/.{1,76}/g).join('\r\n');
  return Buffer.from(['MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64', '', body, ''].join('\r\n'), 'latin1');
}

async function browserSnapshots() {
  const require = createRequire(join(ROOT, 'test/e2e/harness/package.json'));
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    // Scripts off: the CMS page's script writes a decoy table (the HTML reader's trap, tested there), which a
    // snapshot would keep as part of the page.
    const page = await browser.newPage({ javaScriptEnabled: false });
    const cdp = await page.context().newCDPSession(page);
    for (const [from, to] of [
      ['cms-gbk-seed-001.htm', 'browser-cms-gbk-seed-001.mhtml'],
      ['from-docx-seed-000-raised.html', 'browser-from-docx-seed-000-raised.mhtml'],
    ]) {
      await page.goto(pathToFileURL(join(HTML, from)).href);
      const { data } = await cdp.send('Page.captureSnapshot', { format: 'mhtml' });
      // The snapshot names the file it was made from, and when: fixed here so a rebuild changes nothing else.
      const fixed = data
        .replace(/^Snapshot-Content-Location: .*$/m, `Snapshot-Content-Location: file:///fixtures/${from}`)
        .replace(/^Date: .*$/m, 'Date: Tue, 1 Dec 2026 08:00:00 +0000')
        .replace(/^Content-Location: file:\/\/\/.*$/gm, `Content-Location: file:///fixtures/${from}`);
      writeFileSync(join(OUT, to), fixed, 'latin1');
    }
  } finally {
    await browser.close();
  }
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const gbkDecoder = new TextDecoder('gb18030');
  // GB2312 bytes for the page: the GBK fixture's encoder is the seeds' own text, so encode by table.
  const table = new Map();
  for (let hi = 0x81; hi <= 0xfe; hi++) for (let lo = 0x40; lo <= 0xfe; lo++) {
    const ch = gbkDecoder.decode(new Uint8Array([hi, lo]));
    if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
  }
  const gbk = (s) => {
    const out = [];
    for (const ch of s) {
      const c = ch.codePointAt(0);
      if (c < 0x80) out.push(c);
      else if (table.has(ch)) out.push(...table.get(ch));
      else out.push(...Buffer.from(`&#${c};`, 'latin1'));
    }
    return Buffer.from(out);
  };
  const raised = readFileSync(join(HTML, 'from-docx-seed-000-raised.html'), 'utf8');
  const word = wordMht(raised, gbk);
  writeFileSync(join(OUT, 'word-seed-000-raised.mht'), word);
  writeFileSync(join(OUT, 'word-seed-000-raised.doc'), word);
  writeFileSync(join(OUT, 'single-part-seed-002.mht'), singlePart(readFileSync(join(HTML, 'cms-seed-002.html'), 'utf8')));
  await browserSnapshots();
}

await main();
