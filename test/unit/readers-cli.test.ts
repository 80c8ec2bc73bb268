// Documents through the CLI (the bundled dist/cli.js: readDocument + analyze), the reading rules, and
// doubt: a table read in an order other than its rows' (a PDF viewer's copy, column after column) gives
// one table-uncertain finding and no arithmetic, over every seed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { jsonOutputSchema } from '../../server/src/outputs/json.js';
import { ARITHMETIC_RULES } from '../../server/src/core/checks/index.js';
import { DOUBT, tableDoubt } from '../../server/src/core/confidence.js';
import { readDocx } from '../../server/src/readers/docx.js';
import { contentKind, documentKind, readKind } from '../../server/src/readers/index.js';
import { ROOT, analyze, errors, seeds } from '../helpers.js';

const DOCS = join(ROOT, 'test/fixtures/documents');
const CLI = join(ROOT, 'dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT, timeout: 120_000 });

/** The seeds as the .docx reader renders them (every table as tab-separated rows). */
const renderings = readdirSync(join(DOCS, 'docx'))
  .filter((f) => /^seed-\d{3}\.docx$/.test(f))
  .map((f) => ({ name: f, text: readDocx(new Uint8Array(readFileSync(join(DOCS, 'docx', f)))).text }));

/**
 * A table written as a PDF viewer's copy in column order gives it: column after column, one cell per line
 * (empty cells dropped), the lines around it unchanged.
 */
function columnMajor(text: string, id: string): string {
  const t = analyze(text).report.tables.find((x) => x.def.id === id)!;
  const lines = text.split('\n');
  const grid = lines.slice(t.firstLine + 1, t.lastLine + 1).map((l) => l.split('\t'));
  const width = Math.max(...grid.map((r) => r.length));
  const out: string[] = [];
  for (let c = 0; c < width; c++) for (const r of grid) if ((r[c] ?? '').trim()) out.push(r[c].trim());
  return [...lines.slice(0, t.firstLine + 1), ...out, ...lines.slice(t.lastLine + 1)].join('\n');
}

describe('doubt is not an error (table-uncertain)', () => {
  const variants = { columnMajor };
  for (const { name, text } of renderings) {
    for (const [variant, make] of Object.entries(variants)) {
      for (const id of ['activeDisclosure', 'applications']) {
        it(`${name}, ${id} ${variant}: one table-uncertain, no arithmetic, no error on it`, () => {
          const a = analyze(make(text, id));
          const t = a.report.tables.find((x) => x.def.id === id);
          const arithmetic = a.findings.filter((f) => (ARITHMETIC_RULES as readonly string[]).includes(f.rule));
          assert.deepEqual(arithmetic.map((f) => f.message), []);
          assert.ok(t, 'table still found');
          assert.ok(t.doubt, `${id} read with confidence`);
          assert.equal(a.findings.filter((f) => f.rule === 'table-uncertain').length, 1);
          const onTable = errors(a).filter((f) => f.range.start.line >= t.firstLine && f.range.start.line <= t.lastLine);
          assert.deepEqual(onTable.map((f) => `${f.rule} ${f.message}`), []);
        });
      }
    }
  }

  it('text copied from PDFs in reading order (pdf-text fixtures) gives no arithmetic finding', () => {
    for (const f of readdirSync(join(DOCS, 'pdf-text'))) {
      const a = analyze(readFileSync(join(DOCS, 'pdf-text', f), 'utf8'));
      assert.deepEqual(a.findings.filter((x) => (ARITHMETIC_RULES as readonly string[]).includes(x.rule)).map((x) => x.message), [], f);
    }
  });

  it('the seeds, as text and as .docx renderings, are read with confidence', () => {
    for (const { name, text } of [...seeds(), ...renderings]) {
      const a = analyze(text);
      assert.deepEqual(a.report.tables.filter((t) => t.doubt).map((t) => `${t.def.id}: ${t.doubt!.reason}`), [], name);
    }
  });

  it('one swapped pair of rows or one short row is not doubt; two are', () => {
    const text = renderings[0].text;
    const lines = text.split('\n');
    const t = analyze(text).report.tables.find((x) => x.def.id === 'applications')!;
    const first = lines.findIndex((l, i) => i > t.firstLine && /^（一）予以公开|^三、本年度办理结果/.test(l));
    const swap = (ls: string[], i: number) => {
      const c = ls.slice();
      [c[i], c[i + 1]] = [c[i + 1], c[i]];
      return c;
    };
    const row = (ls: string[]) => analyze(ls.join('\n')).report.tables.find((x) => x.def.id === 'applications')!;
    const onePair = swap(lines, first + 3);
    assert.equal(tableDoubt(row(onePair)), null);
    const twoPairs = swap(onePair, first + 8);
    assert.equal(tableDoubt(row(twoPairs))?.reason, 'rows-out-of-order');
    const cut = (ls: string[], i: number) => ls.map((l, k) => (k === i ? l.replace(/\t[^\t]*$/, '') : l));
    const oneShort = cut(lines, first + 3);
    assert.equal(tableDoubt(row(oneShort)), null);
    assert.equal(tableDoubt(row(cut(oneShort, first + 8)))?.reason, 'rows-misfit');
    assert.equal(DOUBT.outOfOrder, 2);
  });
});

describe('the blank template', () => {
  it('reads table 四 from its blank data row (no row-missing)', () => {
    const text = readDocx(new Uint8Array(readFileSync(join(DOCS, 'docx', 'template-blank.docx')))).text;
    const a = analyze(text);
    // A blank template: every number blank, and part 五 says nothing yet (section-substance is right).
    assert.deepEqual(a.findings.filter((f) => f.rule !== 'cell-blank').map((f) => f.rule), ['section-substance']);
    const t4 = a.report.tables.find((t) => t.def.id === 'reviewLitigation')!;
    assert.equal(t4.parts[0].rows.length, 1);
    assert.ok(t4.parts[0].rows[0].cells.every((c) => c !== null && c.value.kind === 'blank'));
  });
});

describe('ogi-report check and extract on documents', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-docs-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const put = (from: string, name: string) => {
    copyFileSync(join(DOCS, from), join(dir, name));
    return join(dir, name);
  };

  it('.docx: a raised cell exits 1, named by table/row/column and statutory cell; json carries the source', () => {
    const f = put('docx/seed-000-raised.docx', '报告.docx');
    const r = run('check', f);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /报告\.docx:表2 第4行第4列 表三「一、本年新收」·自然人: error likely-culprit: /);
    const j = run('check', '--format', 'json', f);
    const doc = jsonOutputSchema.parse(JSON.parse(j.stdout));
    assert.equal(doc.files[0].kind, 'docx');
    const d = doc.files[0].diagnostics.find((x) => x.rule === 'likely-culprit')!;
    assert.deepEqual(d.source, { kind: 'docx', table: 2, row: 4, cell: 4, place: '表2 第4行第4列 表三「一、本年新收」·自然人' });
    // The range is the rendering's: extract prints it, and the cell is there.
    const x = run('extract', f);
    assert.equal(x.status, 0);
    const line = x.stdout.split('\n')[d.range.start.line];
    assert.equal(line.slice(d.range.start.character, d.range.end.character), '1');
    assert.equal(run('check', put('docx/seed-000.docx', 'clean.docx')).status, 0);
    // Tables as pictures: the reader's one finding stands for the three missing tables.
    const pics = run('check', '--format', 'json', put('docx/tables-as-images.docx', 'pics.docx'));
    assert.equal(pics.status, 0, pics.stdout);
    // The template's placeholder prose in parts 五 and 六 is rightly reported too.
    assert.deepEqual(jsonOutputSchema.parse(JSON.parse(pics.stdout)).files[0].diagnostics.map((d) => d.rule), ['document-unreadable', 'section-substance', 'fees-report']);
  });

  it('.pdf: a raised cell exits 1 on its page; encrypted and scanned PDFs are one finding each; extract exits 2 on them', () => {
    const f = put('pdf/broken-003-raised-cell.pdf', '报告.pdf');
    const r = run('check', f);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /报告\.pdf:第\d+页 表三「（一）予以公开」·自然人: error likely-culprit: /);
    const doc = jsonOutputSchema.parse(JSON.parse(run('check', '--format', 'json', f).stdout));
    const src = doc.files[0].diagnostics[0].source!;
    assert.equal(src.kind, 'pdf');
    assert.ok(src.kind === 'pdf' && src.page >= 1 && src.width > 0);
    const enc = run('check', '--format', 'json', put('pdf/encrypted-003.pdf', 'enc.pdf'), put('pdf/scanned-003.pdf', 'scan.pdf'));
    assert.equal(enc.status, 0, enc.stderr);
    const encDoc = jsonOutputSchema.parse(JSON.parse(enc.stdout));
    assert.deepEqual(encDoc.files.map((x) => x.diagnostics.map((d) => d.rule)), [['document-unreadable'], ['document-unreadable']]);
    const ex = run('extract', join(dir, 'enc.pdf'));
    assert.equal(ex.status, 2);
    assert.match(ex.stderr, /加密/);
    assert.equal(ex.stdout, '');
  });

  it('.html: a raised cell exits 1, named by table/row/cell with the element path', () => {
    const f = put('html/from-docx-seed-000-raised.html', '报告.html');
    const r = run('check', f);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /报告\.html:表\d+ 第\d+行第\d+列（[^）]*td\[\d+\]） 表三「一、本年新收」·自然人: error likely-culprit: /);
    const doc = jsonOutputSchema.parse(JSON.parse(run('check', '--format', 'json', f).stdout));
    assert.equal(doc.files[0].diagnostics[0].source?.kind, 'html');
    const sarif = JSON.parse(run('check', '--format', 'sarif', f).stdout);
    const loc = sarif.runs[0].results[0].locations[0];
    assert.equal(loc.physicalLocation.region, undefined);
    assert.ok(loc.logicalLocations[0].fullyQualifiedName.includes('表三'));
    assert.ok(loc.properties.rendering.startLine >= 1);
  });

  it('flattened .txt: the unreadable table is one warning, with no table-missing; a folder is searched for every kind', () => {
    const f = put('flat/seed-001.txt', '网页.txt');
    const r = run('check', '--format', 'json', f);
    assert.equal(r.status, 0, r.stderr);
    const rules = jsonOutputSchema.parse(JSON.parse(r.stdout)).files[0].diagnostics.map((d) => d.rule);
    assert.ok(rules.includes('table-unreadable'));
    assert.ok(!rules.includes('table-missing'), rules.join());
    assert.match(run('check', f).stdout, /网页\.txt:文本形式第\d+行第\d+列: warning table-unreadable: /);
    writeFileSync(join(dir, 'notes.json'), '{}');
    const all = run('check', '--format', 'json', dir);
    const paths = jsonOutputSchema.parse(JSON.parse(all.stdout)).files.map((x) => x.path.slice(dir.length + 1));
    assert.ok(['报告.docx', '报告.pdf', '报告.html', '网页.txt'].every((p) => paths.includes(p)), paths.join());
    assert.ok(!paths.includes('notes.json'));
  });

  it('a CLI without its pdf-reader.js says so for a PDF instead of calling it broken', () => {
    const bin = mkdtempSync(join(tmpdir(), 'ogi-nopdf-'));
    try {
      for (const f of ['cli.js', 'cli-worker.js']) copyFileSync(join(ROOT, 'dist', f), join(bin, f));
      const r = spawnSync(process.execPath, [join(bin, 'cli.js'), 'check', '--format', 'json', join(DOCS, 'pdf/seed-003.pdf')], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const d = jsonOutputSchema.parse(JSON.parse(r.stdout)).files[0].diagnostics;
      assert.deepEqual(d.map((x) => x.rule), ['document-unreadable']);
      assert.match(d[0].message, /pdf-reader\.js/);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('extract prints the rendering of a .docx that check reads as the seed', () => {
    const x = run('extract', put('docx/seed-002.docx', 's.docx'));
    assert.equal(x.status, 0);
    assert.match(x.stdout, /^一、本年新收政府信息公开申请数量\t/m);
    assert.equal(errors(analyze(x.stdout)).length, 0);
    assert.equal(run('extract').status, 2);
    assert.equal(run('extract', join(dir, 'missing.pdf')).status, 2);
  });
});

// A .doc or .wps file is read by what its bytes are: Word and WPS write .docx and web pages under those
// names too. The old binary format itself (OLE2) is named, with what to do, rather than read as text.
describe('files named .doc and .wps, read by their bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-legacy-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const seed = readdirSync(join(ROOT, 'samples/seeds')).find((f) => f.startsWith('000'))!;
  // Each pair: the file under a .doc/.wps name, and the same bytes under the name that says what they are.
  const pairs = [
    ['docx.doc', join(DOCS, 'docx/seed-000-wrong-total.docx'), 'same.docx'],
    ['page.doc', join(DOCS, 'html/from-docx-seed-000-wrong-total.html'), 'same.html'],
    ['pdf.wps', join(DOCS, 'pdf/from-docx-seed-000-wrong-total.pdf'), 'same.pdf'],
    ['text.wps', join(ROOT, 'samples/seeds', seed), 'same.txt'],
    ['archive.doc', join(DOCS, 'mhtml/word-seed-000-raised.mht'), 'same.mht'],
  ] as const;
  for (const [name, src, as] of pairs) {
    copyFileSync(src, join(dir, name));
    copyFileSync(src, join(dir, as));
  }
  copyFileSync(join(DOCS, 'legacy/seed-000.doc'), join(dir, 'legacy.doc'));
  // An OFD document: a zip whose entry file is OFD.xml (GB/T 33190).
  writeFileSync(join(dir, 'report.ofd'), zipSync({ 'OFD.xml': new TextEncoder().encode('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>') }));

  const findings = (path: string) => {
    const r = run('check', '--format', 'json', path);
    const out = jsonOutputSchema.parse(JSON.parse(r.stdout));
    return out.files[0].diagnostics.map((f) => ({ rule: f.rule, message: f.message, range: f.range, place: f.source?.place }));
  };

  for (const [name, , as] of pairs) {
    it(`${name} is read as ${as} is`, () => {
      const got = findings(join(dir, name));
      assert.deepEqual(got, findings(join(dir, as)));
      if (as !== 'same.txt') assert.ok(got.some((f) => f.rule === 'likely-culprit'), 'the wrong total is found');
    });
  }

  it('the Word 97–2003 format is named, with what to do, in both languages; extract exits 2', () => {
    const zh = run('check', join(dir, 'legacy.doc'));
    assert.equal(zh.status, 0);
    assert.match(zh.stdout, /legacy\.doc:1:1: warning document-unreadable: 该文件为 Word 97–2003（\.doc）或 WPS 的旧二进制格式，无法读取：请在 Word 或 WPS 中另存为 \.docx 后再检查。/);
    assert.doesNotMatch(zh.stdout, /not-a-report|乱码|encoding/);
    assert.match(run('check', '--locale', 'en', join(dir, 'legacy.doc')).stdout, /old binary format of Word 97–2003 \(\.doc\) or WPS.*save it as \.docx/);
    assert.equal(run('extract', join(dir, 'legacy.doc')).status, 2);
  });

  it('an OFD document is named in the run, with what to do, and counts as checked', () => {
    const r = run('check', join(dir, 'report.ofd'));
    assert.equal(r.status, 0);
    assert.match(r.stdout, /report\.ofd:1:1: warning document-unreadable: 该文件为 OFD 版式文件（GB\/T 33190），暂不能读取：请在 OFD 阅读器（如数科、福昕）中另存或打印为 PDF 后再检查。/);
    assert.match(r.stdout, /1 个文件/);
  });

  it('a folder search takes .doc, .wps, .mht and .ofd files', () => {
    const r = run('check', '--format', 'json', dir);
    const paths = jsonOutputSchema.parse(JSON.parse(r.stdout)).files.map((f) => f.path.slice(dir.length + 1));
    assert.deepEqual(paths, ['archive.doc', 'docx.doc', 'legacy.doc', 'page.doc', 'pdf.wps', 'report.ofd', 'same.docx', 'same.html', 'same.mht', 'same.pdf', 'same.txt', 'text.wps']);
  });
});

describe('contentKind and readKind', () => {
  const bytes = (s: string, prefix: number[] = []) => new Uint8Array([...prefix, ...new TextEncoder().encode(s)]);
  it('tells a zip, a PDF, an OLE2 file and a web page by their first bytes, and nothing else', () => {
    assert.equal(contentKind(bytes('rest', [0x50, 0x4b, 0x03, 0x04])), 'docx');
    assert.equal(contentKind(bytes('%PDF-1.7\n')), 'pdf');
    assert.equal(contentKind(bytes('', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])), 'legacy');
    for (const page of ['<html><body>', '\ufeff\n  <!DOCTYPE html>\n<html>', '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', '<HTML lang="zh">'])
      assert.equal(contentKind(bytes(page)), 'html', JSON.stringify(page));
    for (const other of ['', 'PK', '%PDF', '某某局2023年政府信息公开工作年度报告', '<p>一段</p>', '<htmlx>', 'MIME-Version: 1.0'])
      assert.equal(contentKind(bytes(other)), null, JSON.stringify(other));
    assert.equal(contentKind(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])), null, 'a cut signature is none');
  });
  it('says of every fixture and report what its own name says (text: nothing), so a renamed one reads the same', () => {
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    const files = [...walk(join(ROOT, 'test/fixtures')), ...walk(join(ROOT, 'samples'))].filter((p) => documentKind(p) !== null);
    assert.ok(files.filter((p) => documentKind(p) !== 'text').length >= 40 && files.length > 150, `${files.length} files`);
    for (const p of files) {
      const named = documentKind(p);
      assert.equal(contentKind(new Uint8Array(readFileSync(p))), named === 'text' ? null : named, p);
    }
  });
  it('finds a signature whatever follows it, and nothing in bytes that start with none', () => {
    const signatures: [number[], string][] = [
      [[0x50, 0x4b, 0x03, 0x04], 'docx'],
      [[0x25, 0x50, 0x44, 0x46, 0x2d], 'pdf'],
      [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'legacy'],
    ];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (rest) => {
        for (const [sig, kind] of signatures) assert.equal(contentKind(new Uint8Array([...sig, ...rest])), kind);
        // Random bytes with no signature and no '<' are never a document.
        const plain = rest.filter((b) => b !== 0x3c);
        if (!signatures.some(([sig]) => sig.every((b, i) => plain[i] === b))) assert.equal(contentKind(plain), null);
      }),
      { numRuns: 2000 },
    );
  });
  it('the name wins where it names a kind the readers take; the bytes decide for the others', () => {
    const zip = bytes('x', [0x50, 0x4b, 0x03, 0x04]);
    assert.equal(readKind('a.txt', zip), 'text');
    assert.equal(readKind('a.PDF', zip), 'pdf');
    assert.equal(readKind('a.doc', zip), 'docx');
    assert.equal(readKind('a.wps', bytes('某某局')), 'text');
    assert.equal(readKind('报告', bytes('%PDF-1.4')), 'pdf');
  });
});
