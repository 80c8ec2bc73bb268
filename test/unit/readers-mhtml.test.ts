// Web pages saved as one file (MHTML): Chromium's own snapshots, the shape Word and WPS write as 单个文件网页
// (also under the .doc name), and a single-part page (test/fixtures/documents/mhtml/, written by
// scripts/make-mhtml-fixtures.mjs from the HTML fixtures). Each reads exactly as the page it was saved
// from; the MIME structure (boundaries, the root part, quoted-printable, base64, charsets) is read per
// RFC 2045/2046/2557; what is not a saved page is never taken for one, and nothing throws.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { contentKind, documentKind, readDocument, readKind } from '../../server/src/readers/index.js';
import { fromQuotedPrintable, isMhtml, readMhtml } from '../../server/src/readers/mhtml.js';
import type { ReadResult } from '../../server/src/readers/types.js';
import { ROOT, analyze, errors } from '../helpers.js';

const DIR = join(ROOT, 'test/fixtures/documents');
const bytesOf = (p: string) => new Uint8Array(readFileSync(join(DIR, p)));
const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
/** readMhtml of bytes that are a saved page. */
const read = (bytes: Uint8Array): ReadResult => {
  const r = readMhtml(bytes);
  assert.ok(r, 'read as a saved page');
  return r;
};
const PAGE = '<html><head><title>t</title></head><body><p>一、总体情况</p><table><tr><td>规章</td><td>3</td></tr></table></body></html>';

/** A multipart/related message of the given parts (headers and raw body), CRLF line ends. */
function message(parts: { headers: string[]; body: string }[], top: string[] = [], boundary = '----=_Part_1'): Uint8Array {
  const lines = ['MIME-Version: 1.0', `Content-Type: multipart/related; boundary="${boundary}"${top.length ? '; ' + top.join('; ') : ''}`, '', 'preamble text'];
  for (const p of parts) lines.push(`--${boundary}`, ...p.headers, '', p.body);
  lines.push(`--${boundary}--`, '');
  return latin1(lines.join('\r\n'));
}

describe('MHTML fixtures read as the pages they were saved from', () => {
  const pairs = [
    ['browser-cms-gbk-seed-001.mhtml', 'html/cms-gbk-seed-001.htm'],
    ['browser-from-docx-seed-000-raised.mhtml', 'html/from-docx-seed-000-raised.html'],
    ['word-seed-000-raised.mht', 'html/from-docx-seed-000-raised.html'],
    ['word-seed-000-raised.doc', 'html/from-docx-seed-000-raised.html'],
    ['single-part-seed-002.mht', 'html/cms-seed-002.html'],
  ];
  it('every fixture is paired here', () => {
    assert.deepEqual(readdirSync(join(DIR, 'mhtml')).sort(), pairs.map(([m]) => m).sort());
  });
  for (const [saved, page] of pairs) {
    it(`${saved}: the same rendering as ${page}, no problems`, async () => {
      const a = await readDocument(bytesOf(`mhtml/${saved}`), saved);
      const b = await readDocument(bytesOf(page), page);
      assert.equal(a.kind, 'html');
      assert.deepEqual(a.problems, []);
      assert.equal(a.text, b.text);
      assert.match(a.text, /三、收到和处理政府信息公开申请情况/);
      // Every cell keeps its place in the page (an element path), as a web page's do.
      assert.ok(a.spans.length > 50 && a.spans.every((s) => s.source.kind === 'html'), `${a.spans.length} spans`);
    });
  }
  it('the raised cell of the saved .docx export is an error, in every saved form', async () => {
    for (const saved of ['browser-from-docx-seed-000-raised.mhtml', 'word-seed-000-raised.mht', 'word-seed-000-raised.doc']) {
      const read = await readDocument(bytesOf(`mhtml/${saved}`), saved);
      assert.ok(errors(analyze(read.text)).some((f) => f.rule === 'likely-culprit'), saved);
    }
  });
});

describe('MHTML structure', () => {
  it('takes the part the root names (start=), else the first text/html part', () => {
    const other = PAGE.replace('规章', '行政规范性文件');
    const parts = [
      { headers: ['Content-Type: text/css'], body: 'p{}' },
      { headers: ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit'], body: Buffer.from(other, 'utf8').toString('latin1') },
      { headers: ['Content-Type: text/html; charset=utf-8', 'Content-ID: <root@x>', 'Content-Transfer-Encoding: 8bit'], body: Buffer.from(PAGE, 'utf8').toString('latin1') },
    ];
    assert.match(read(message(parts, ['type="text/html"', 'start="<root@x>"'])).text, /规章/);
    assert.match(read(message(parts)).text, /行政规范性文件/);
  });

  it('decodes base64 and quoted-printable bodies, and 7bit/8bit/binary as they are', () => {
    const b64 = Buffer.from(PAGE, 'utf8').toString('base64').match(/.{1,76}/g)!.join('\r\n');
    const qp = [...Buffer.from(PAGE, 'utf8')].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('').match(/.{1,72}/g)!.join('=\r\n');
    for (const [encoding, body] of [['base64', b64], ['quoted-printable', qp], ['BASE64', b64], ['8bit', Buffer.from(PAGE, 'utf8').toString('latin1')], ['', Buffer.from(PAGE, 'utf8').toString('latin1')]]) {
      const headers = ['Content-Type: text/html; charset=utf-8', ...(encoding ? [`Content-Transfer-Encoding: ${encoding}`] : [])];
      const r = read(message([{ headers, body }]));
      assert.deepEqual(r.problems, [], encoding);
      assert.match(r.text, /一、总体情况\n+规章\t3\n/, encoding);
    }
  });

  it('the part’s charset comes before the page’s <meta>; without one, the page’s own', () => {
    const gbkPage = new TextDecoder('latin1').decode(new Uint8Array([...latin1('<html><head><meta charset="utf-8"></head><body><p>'), 0xb9, 0xe6, 0xd5, 0xc2, ...latin1('</p></body></html>')]));
    assert.match(read(message([{ headers: ['Content-Type: text/html; charset="gb2312"'], body: gbkPage }])).text, /规章/);
    const declared = gbkPage.replace('utf-8', 'gbk');
    assert.match(read(message([{ headers: ['Content-Type: text/html'], body: declared }])).text, /规章/);
    // UTF-8 bytes in a page that says GBK: the part says UTF-8, and is right.
    const utf8Page = Buffer.from('<html><head><meta charset="gbk"></head><body><p>规章</p></body></html>', 'utf8').toString('latin1');
    assert.match(read(message([{ headers: ['Content-Type: text/html; charset=UTF-8'], body: utf8Page }])).text, /规章/);
  });

  it('headers folded over lines, boundaries quoted or not, LF line ends, no closing delimiter', () => {
    const body = Buffer.from(PAGE, 'utf8').toString('latin1');
    const folded = latin1(`MIME-Version: 1.0\nContent-Type: multipart/related;\n\ttype="text/html";\n\tboundary=abc123\n\n--abc123\nContent-Type: text/html;\n charset=utf-8\n\n${body}\n`);
    assert.match(read(folded).text, /规章\t3/);
  });

  it('a single-part page: the message body is the page', () => {
    const single = latin1(`MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(PAGE, 'utf8').toString('base64')}\r\n`);
    assert.ok(isMhtml(single));
    assert.match(read(single).text, /规章\t3/);
  });

  it('no page in it, or no boundary: one problem in words, in both languages', () => {
    const noPage = message([{ headers: ['Content-Type: image/png', 'Content-Transfer-Encoding: base64'], body: 'iVBORw0KGgo=' }]);
    const noBoundary = latin1('MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n--x\r\nContent-Type: text/html\r\n\r\n<p>a</p>\r\n');
    for (const m of [noPage, noBoundary]) {
      const r = read(m);
      assert.equal(r.text, '');
      assert.deepEqual(r.problems.map((p) => p.code), ['mhtml-no-page']);
      assert.match(r.problems[0].message['zh-cn'], /没有网页正文/);
      assert.match(r.problems[0].message.en, /no page/);
    }
  });
});

describe('what is a saved page', () => {
  it('by name (.mht, .mhtml) and by bytes (a .doc Word saved as 单个文件网页)', () => {
    assert.equal(documentKind('报告.MHT'), 'html');
    assert.equal(documentKind('a.mhtml'), 'html');
    const word = bytesOf('mhtml/word-seed-000-raised.mht');
    assert.equal(contentKind(word), 'html');
    assert.equal(readKind('a.doc', word), 'html');
    assert.equal(readKind('a.wps', bytesOf('mhtml/browser-cms-gbk-seed-001.mhtml')), 'html');
  });

  it('text that only looks like headers is not one: a report, a note with a colon, an e-mail without MIME', () => {
    for (const text of [
      '某某局2023年政府信息公开工作年度报告\n\n一、总体情况',
      'Note: see below\n\nbody',
      'From: someone\nSubject: report\n\nbody',
      'MIME-Version: 1.0',
      'MIME-Version: 1.0\nContent-Type: text/plain\n\nplain',
      '说明：本报告\n\n一、总体情况',
      'Content-Type: multipart/related; boundary=x\nnot a header line\n\n--x',
    ]) {
      assert.equal(isMhtml(utf8(text)), false, JSON.stringify(text));
      assert.equal(readMhtml(utf8(text)), null, JSON.stringify(text));
    }
  });

  it('never throws, whatever follows a valid header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), (rest, multipart) => {
        const head = multipart ? 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n' : 'MIME-Version: 1.0\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n';
        const r = read(new Uint8Array([...latin1(head), ...rest]));
        assert.equal(r.kind, 'html');
        assert.equal(typeof r.text, 'string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('quoted-printable', () => {
  it('gives back any bytes, whatever the soft line breaks (CRLF, LF, white space before them) and hex case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.constantFrom('=\r\n', '=\n', '= \r\n', '=\t\n'), { maxLength: 300 }), fc.boolean(), fc.boolean(), (bytes, breaks, lower, cut) => {
        let encoded = '';
        bytes.forEach((b, i) => {
          const literal = b >= 33 && b <= 126 && b !== 0x3d;
          const hex = b.toString(16).padStart(2, '0');
          encoded += literal ? String.fromCharCode(b) : `=${lower ? hex : hex.toUpperCase()}`;
          if (breaks[i]) encoded += breaks[i];
        });
        // A body that ends in a soft break: its line end went with the boundary line after it.
        if (cut) encoded += '=';
        assert.deepEqual([...fromQuotedPrintable(latin1(encoded))], [...bytes]);
      }),
      { numRuns: 500 },
    );
  });
  it('keeps a stray = that starts no escape', () => {
    assert.equal(Buffer.from(fromQuotedPrintable(latin1('a=zb=4'))).toString('latin1'), 'a=zb=4');
  });
});
