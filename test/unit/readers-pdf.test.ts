// The PDF reader: the committed fixtures (scripts/make-pdf-fixtures.ts renders the seeds through LibreOffice)
// read back cell for cell, broken copies are caught on the right table, hostile files give one clear
// problem in bounded time, the lazy pdf.js bundle works, and the grid logic holds on generated geometry.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { build } from 'esbuild';
import { type Analysis, analyze } from '../../server/src/core/analyze.js';
import { type Box, type Field, type PageContent, type Rule, type TextBox, isPageFurniture, layoutPage } from '../../server/src/readers/pdf/geometry.js';
import { DEFAULT_MAX_PAGES, MAX_PDF_BYTES, type ReadResult, loadEngine, readPdf, renderPages } from '../../server/src/readers/pdf/index.js';
import { readDocx } from '../../server/src/readers/docx.js';
import { readHtml } from '../../server/src/readers/html.js';
import { extract } from '../../server/src/readers/pdf/engine.js';
import { LOOKALIKE_BLOCK } from '../../server/src/core/text.js';
import { ROOT, errors, seeds } from '../helpers.js';

const DIR = join(ROOT, 'test/fixtures/documents/pdf');
const TEXT_DIR = join(ROOT, 'test/fixtures/documents/pdf-text');
const bytesOf = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const ARITHMETIC = new Set(['row-total', 'result-total', 'reconciliation', 'outcome-total', 'likely-culprit']);
/** Per document, generous for a loaded 2-core CI machine (a report reads in about a second). */
const TIME_LIMIT_MS = 30_000;

const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.pdf') && !f.startsWith('from-docx-')).sort();
const results = new Map<string, { result: ReadResult; ms: number }>();

/** Every cell of every table: table/part/row/column → raw text, as the engine reads it. */
function cells(a: Analysis): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Set<string>();
  for (const t of a.report.tables) {
    if (seen.has(t.def.id)) continue;
    seen.add(t.def.id);
    for (const p of t.parts) for (const r of p.rows) if (!r.duplicate) r.cells.forEach((c, k) => out.set(`${t.def.id}/${p.def.id}/${r.def.id}/${p.def.columns[k].id}`, c?.raw ?? '∅'));
  }
  return out;
}

const seedText = (n: string) => seeds().find((s) => s.name.startsWith(n))!.text;

before(async () => {
  for (const f of fixtures) {
    const t0 = Date.now();
    const result = await readPdf(bytesOf(f));
    results.set(f, { result, ms: Date.now() - t0 });
  }
});

describe('PDF reader: fixtures', () => {
  it('finds the fixtures', () => {
    for (const n of ['000', '001', '002', '003', '004']) assert.ok(fixtures.includes(`seed-${n}.pdf`), n);
    assert.ok(fixtures.length >= 14);
  });

  it('reads every fixture in bounded time, each with the expected problems', () => {
    const expected: Record<string, string[]> = { 'scanned-003.pdf': ['pdf-no-text'], 'encrypted-003.pdf': ['pdf-encrypted'], 'truncated-002.pdf': ['pdf-broken'] };
    for (const f of fixtures) {
      const { result, ms } = results.get(f)!;
      assert.ok(ms < TIME_LIMIT_MS, `${f}: ${ms} ms`);
      assert.equal(result.kind, 'pdf');
      assert.deepEqual(result.problems.map((p) => p.code), expected[f] ?? [], f);
      for (const p of result.problems) {
        assert.match(p.message['zh-cn'], /[\u4e00-\u9fff]/);
        assert.doesNotMatch(p.message['zh-cn'], /[()]/, 'full-width parentheses in Chinese');
        assert.ok(p.message.en.length > 10);
      }
      if (expected[f]) assert.equal(result.text, '', `${f} gives no text`);
    }
  });

  for (const seed of ['000', '001', '002', '003', '004']) {
    it(`seed ${seed}: the PDF's tables equal the seed's, cell by cell, and it stays clean`, () => {
      const want = analyze(seedText(seed));
      const got = analyze(results.get(`seed-${seed}.pdf`)!.result.text);
      assert.deepEqual(got.report.tables.map((t) => t.def.id), want.report.tables.map((t) => t.def.id));
      assert.deepEqual(errors(got).map((e) => e.message), []);
      const warn = (a: Analysis) => a.findings.filter((f) => f.severity === 'warning').map((f) => f.rule);
      assert.deepEqual(warn(got), warn(want));
      const [w, g] = [cells(want), cells(got)];
      assert.ok(w.size >= 190, `tables 二, 三 and 四 have their cells: ${w.size}`);
      for (const [k, v] of w) assert.equal(g.get(k), v, k);
      assert.equal(g.size, w.size);
    });
  }

  for (const [file, seed] of [
    ['split-003-repeated-header.pdf', '003'],
    ['split-003-no-header.pdf', '003'],
    ['noborders-003.pdf', '003'],
  ] as const) {
    it(`${file}: the numbers of every table equal the seed's, no error`, () => {
      const r = results.get(file)!.result;
      const got = analyze(r.text);
      assert.deepEqual(errors(got).map((e) => e.message), []);
      const [w, g] = [cells(analyze(seedText(seed))), cells(got)];
      for (const [k, v] of w) assert.equal(g.get(k), v, k);
    });
  }

  describe('PDFs exported by LibreOffice from the .docx made from the real template', () => {
    const docxDir = join(ROOT, 'test/fixtures/documents/docx');
    const fromDocx = readdirSync(DIR).filter((f) => f.startsWith('from-docx-') && f.endsWith('.pdf')).sort();
    const read = new Map<string, { pdf: Analysis; docx: Analysis }>();
    before(async () => {
      for (const f of fromDocx) {
        const name = f.replace(/^from-docx-/, '').replace(/\.pdf$/, '.docx');
        read.set(f, { pdf: analyze((await readPdf(bytesOf(f))).text), docx: analyze(readDocx(new Uint8Array(readFileSync(join(docxDir, name)))).text) });
      }
    });
    it('has them: the five seeds, a prefixed, a raised and a wrong-total copy, the blank template', () => assert.equal(fromDocx.length, 9));
    for (const f of fromDocx.filter((x) => !/raised|wrong-total/.test(x))) {
      it(`${f}: no error, and the cells of tables 三 and 四 equal the .docx's`, () => {
        const { pdf, docx } = read.get(f)!;
        assert.deepEqual(errors(pdf).map((e) => e.message), errors(docx).map((e) => e.message));
        assert.deepEqual(errors(pdf).map((e) => e.message), []);
        const [w, g] = [cells(docx), cells(pdf)];
        const t34 = ['applications', 'reviewLitigation'];
        let n = 0;
        for (const [k, v] of w)
          if (t34.includes(k.split('/')[0])) {
            assert.equal(g.get(k), v, k);
            n++;
          }
        assert.ok(n >= 150, `tables 三 and 四 have their cells: ${n}`);
      });
    }
    it('from-docx-seed-000-raised.pdf: the raised cell is caught on table 三', () => {
      const { pdf, docx } = read.get('from-docx-seed-000-raised.pdf')!;
      const errs = errors(pdf);
      assert.ok(errs.length >= 1, 'an error');
      assert.deepEqual(errs.map((e) => e.rule), errors(docx).map((e) => e.rule), 'the same finding as on the .docx');
      const t = pdf.report.tables.find((x) => x.def.id === 'applications')!;
      for (const e of errs) {
        assert.ok(ARITHMETIC.has(e.rule), e.rule);
        assert.ok(e.range.start.line >= t.firstLine && e.range.end.line <= t.lastLine, `${e.message} inside 表三`);
      }
    });
    it('from-docx-template-blank.pdf: the blank template misses no row', () => {
      const { pdf } = read.get('from-docx-template-blank.pdf')!;
      assert.deepEqual(pdf.findings.filter((x) => x.rule === 'row-missing').map((x) => x.message), []);
    });
  });

  it('a table over two pages is one table (header repeated or not), its repeated header dropped', () => {
    for (const f of ['split-003-repeated-header.pdf', 'split-003-no-header.pdf', 'seed-003.pdf']) {
      const r = results.get(f)!.result;
      const a = analyze(r.text);
      const t = a.report.tables.find((x) => x.def.id === 'applications')!;
      const pages = new Set(r.spans.filter((s) => s.line >= t.firstLine && s.line <= t.lastLine).map((s) => (s.source.kind === 'pdf' ? s.source.page : 0)));
      assert.ok(pages.size >= 2, `${f}: table 三 spans pages ${[...pages]}`);
      assert.equal(r.text.split('申请人情况').length - 1, 1, `${f}: one header`);
      assert.equal(a.report.tables.filter((x) => x.def.id === 'applications').length, 1);
    }
  });

  it('table 三 run onto the next page under its repeated header (Word’s 重复标题行, the .docx made from the real template): one table, the header once, the cells the .docx’s', () => {
    const r = results.get('repeated-header-seed-001.pdf')!.result;
    const pages = new Set(r.spans.map((s) => (s.source.kind === 'pdf' ? s.source.page : 0)));
    assert.ok(pages.has(3));
    assert.equal(r.text.split('申请人情况').length - 1, 1, 'the header once');
    const pdf = analyze(r.text);
    const docx = analyze(readDocx(new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/documents/docx/seed-001.docx')))).text);
    assert.equal(pdf.report.tables.filter((x) => x.def.id === 'applications').length, 1);
    assert.deepEqual(pdf.findings.map((f) => f.message), docx.findings.map((f) => f.message));
    // The row left for page 3 sits in the columns of the rows above it (the continuation lacks the label columns' inner rules).
    const fields = (label: string) => r.text.split('\n').find((l) => l.startsWith(label) || l.startsWith(`\t${label}`))!.split('\t').length;
    assert.equal(fields('四、结转下年度继续办理'), fields('一、本年新收政府信息公开申请数量'));
    const [w, g] = [cells(docx), cells(pdf)];
    for (const [k, v] of w) if (k.startsWith('applications/')) assert.equal(g.get(k), v, k);
  });

  it('a header repeated in part (two of its three rows, merged cells running on into the row below): no storm of missing rows, and the row it ran over is a doubt, not missing', () => {
    // The geometry joins the row under the repeated rows into their merged cells: that row is lost to the
    // reading, but its label stands there (said once, as a warning on it), and the repeated caption is no
    // second table lacking every row.
    const r = results.get('repeated-header-part-seed-001.pdf')!.result;
    const pdf = analyze(r.text);
    assert.deepEqual(errors(pdf).map((e) => e.message), []);
    const unread = pdf.findings.filter((f) => f.rule === 'row-missing');
    assert.deepEqual(unread.map((f) => [f.severity, f.message]), [['warning', '表三的行「四、结转下年度继续办理」没有读出：此处有它的标签，但读不出它的数字（表格可能错位），请核对原文']]);
    const line = r.text.split('\n')[unread[0].range.start.line];
    assert.equal(line.slice(unread[0].range.start.character, unread[0].range.end.character), '四、结转下年度继续办理');
  });

  it('pages a browser printed to PDF (Chromium): glyphs mapped to the Kangxi radicals read as the ideographs, the findings the page’s own', async () => {
    const printed = fixtures.filter((f) => f.startsWith('browser-'));
    assert.equal(printed.length, 3);
    for (const f of printed) {
      // The PDF's own text is made of radicals where the page has 一, 行, 民 …: the fixture does what real ones do.
      const raw = (await extract(bytesOf(f), 10, Date.now() + 60_000)).pages.flatMap((p) => p.items.map((t) => t.str)).join('');
      const radicals: string[] = raw.match(new RegExp(LOOKALIKE_BLOCK.source, 'g')) ?? [];
      assert.ok(radicals.length >= 20 && radicals.includes('\u2F00') && radicals.includes('\u2F8F'), `${f}: ${[...new Set(radicals)].join('')}`);
      const r = results.get(f)!.result;
      assert.doesNotMatch(r.text, LOOKALIKE_BLOCK);
      const page = f.replace(/^browser-(?:headers-)?/, '').replace(/\.pdf$/, '');
      const html = readdirSync(join(ROOT, 'test/fixtures/documents/html')).find((n) => n.replace(/\.html?$/, '') === page)!;
      const source = analyze(readHtml(new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/documents/html', html)))).text);
      const pdf = analyze(r.text);
      assert.deepEqual(pdf.findings.map((x) => x.message), source.findings.map((x) => x.message), f);
      const [h, g] = [cells(source), cells(pdf)];
      assert.ok(h.size >= 150);
      for (const [k, v] of h) assert.equal(g.get(k), v, `${f} ${k}`);
    }
  });

  it('a page printed with the browser’s header and footer: they are dropped, and table 三 runs on between them as one table', () => {
    const r = results.get('browser-headers-cms-seed-003.pdf')!.result;
    assert.doesNotMatch(r.text, /file:\/\/|\d:\d\d\s*[AP]M|\d+\/\d+\s*$/m);
    const a = analyze(r.text);
    const t = a.report.tables.filter((x) => x.def.id === 'applications');
    assert.equal(t.length, 1);
    const pages = new Set(r.spans.filter((s) => s.line >= t[0].firstLine && s.line <= t[0].lastLine).map((s) => (s.source.kind === 'pdf' ? s.source.page : 0)));
    assert.deepEqual([...pages].sort(), [2, 3]);
    // One block over the page break: no line of other text between its rows.
    const lines = r.text.split('\n').slice(t[0].firstLine, t[0].lastLine + 1);
    assert.ok(lines.every((l) => l.includes('\t')), lines.filter((l) => !l.includes('\t')).join('|'));
  });

  it('drops page numbers from footers (「- 3 -」 and 「第 3 页」)', () => {
    for (const f of ['seed-000.pdf', 'seed-001.pdf', 'split-003-no-header.pdf']) {
      for (const line of results.get(f)!.result.text.split('\n')) assert.doesNotMatch(line.trim(), /^(-\s*\d+\s*-|第\s*\d+\s*页)$/, f);
    }
  });

  it('broken copies: the error is found, on the table that was changed', () => {
    const cases: [string, string, string][] = [
      ['broken-003-raised-cell.pdf', 'applications', '（一）予以公开'],
      ['broken-003-wrong-total.pdf', 'applications', '（七）总计'],
      ['broken-002-review-total.pdf', 'reviewLitigation', '行政复议'],
    ];
    for (const [f, table, mention] of cases) {
      const a = analyze(results.get(f)!.result.text);
      const errs = errors(a);
      assert.ok(errs.length >= 1, `${f}: an error`);
      const t = a.report.tables.find((x) => x.def.id === table)!;
      for (const e of errs) {
        assert.ok(ARITHMETIC.has(e.rule), `${f}: ${e.rule}`);
        assert.ok(e.range.start.line >= t.firstLine && e.range.end.line <= t.lastLine, `${f}: ${e.message} inside ${table}`);
      }
      assert.ok(errs.some((e) => e.message.includes(mention)), `${f}: names ${mention}`);
    }
  });

  it('mutation over every cell of tables 三 and 四 (seed 003 as laid out in its PDF): each raised cell is caught on its table', async () => {
    const { extract } = await loadEngine();
    const { pages } = await extract(bytesOf('seed-003.pdf'), 50, Date.now() + 60_000);
    const base = renderPages(pages);
    const a = analyze(base.text);
    assert.deepEqual(errors(a), []);
    const tables = a.report.tables.filter((t) => t.def.id !== 'activeDisclosure');
    let tried = 0;
    const missed: string[] = [];
    pages.forEach((page, p) =>
      page.items.forEach((item, k) => {
        if (!/^\d+$/.test(item.str)) return;
        const cx = item.x + item.width / 2;
        const cy = item.y + item.height / 2;
        const span = base.spans.find((s) => s.source.kind === 'pdf' && s.source.page === page.number && cx >= s.source.x && cx <= s.source.x + s.source.width && cy >= s.source.y && cy <= s.source.y + s.source.height && /^\d+$/.test(base.text.split('\n')[s.line].slice(s.from, s.to)));
        const table = span && tables.find((t) => span.line >= t.firstLine && span.line <= t.lastLine);
        if (!table) return;
        tried++;
        const mutated = pages.map((pg, q) => (q !== p ? pg : { ...pg, items: pg.items.map((t, m) => (m === k ? { ...t, str: String(Number(t.str) + 1) } : t)) }));
        const errs = errors(analyze(renderPages(mutated).text));
        const on = errs.filter((e) => e.range.start.line >= table.firstLine && e.range.end.line <= table.lastLine && ARITHMETIC.has(e.rule));
        if (on.length === 0 || on.length !== errs.length) missed.push(`${table.def.name} line ${span!.line}: ${errs.map((e) => e.rule).join(',')}`);
      }),
    );
    assert.ok(tried >= 175 + 15, `every numeric cell tried: ${tried}`);
    assert.deepEqual(missed, []);
  });

  it('spans: each names a non-empty range of its line and a place on a page; every table field has one', () => {
    for (const f of fixtures) {
      const r = results.get(f)!.result;
      const lines = r.text.split('\n');
      for (const s of r.spans) {
        assert.ok(s.line < lines.length && s.from < s.to && s.to <= lines[s.line].length, `${f}: ${JSON.stringify(s)}`);
        assert.equal(s.source.kind, 'pdf');
        if (s.source.kind === 'pdf') assert.ok(s.source.page >= 1 && s.source.width >= 0 && s.source.height >= 0 && s.source.x >= 0 && s.source.y >= 0);
      }
      lines.forEach((line, i) => {
        const covered = r.spans.filter((s) => s.line === i).reduce((n, s) => n + s.to - s.from, 0);
        assert.equal(covered, line.replace(/\t/g, '').length, `${f} line ${i} fully mapped`);
      });
    }
  });

  it('positions are UTF-16: characters outside the BMP (𠮷) keep their spans', () => {
    const r = results.get('astral.pdf')!.result;
    const lines = r.text.split('\n');
    assert.deepEqual(lines.slice(0, 3), ['𠮷野家的报告：第𠮷条。', '𠮷田\t12', '合计𠮷\t3']);
    const slices = r.spans.map((s) => lines[s.line].slice(s.from, s.to));
    assert.deepEqual(slices.slice(0, 5), ['𠮷野家的报告：第𠮷条。', '𠮷田', '12', '合计𠮷', '3']);
    const cell = r.spans.find((s) => lines[s.line].slice(s.from, s.to) === '12')!;
    assert.equal(cell.from, '𠮷田'.length + 1);
    assert.equal(cell.from, 4);
  });
});

describe('PDF reader: bad input', () => {
  it('refuses a file over the size cap before parsing', async () => {
    const t0 = Date.now();
    const r = await readPdf(new Uint8Array(MAX_PDF_BYTES + 1));
    assert.deepEqual(r.problems.map((p) => p.code), ['pdf-too-large']);
    assert.ok(Date.now() - t0 < 2000);
    assert.deepEqual((await readPdf(bytesOf('seed-003.pdf'), { maxBytes: 1000 })).problems.map((p) => p.code), ['pdf-too-large']);
  });

  it('gives one problem for a file that is not a PDF, and for an empty one', async () => {
    for (const bytes of [new Uint8Array(0), new TextEncoder().encode('一、总体情况\n这不是PDF'), new TextEncoder().encode('%PDF-1.7\n%%EOF')]) {
      const r = await readPdf(bytes);
      assert.deepEqual(r.problems.map((p) => p.code), ['pdf-broken']);
      assert.equal(r.text, '');
    }
  });

  it('reads at most maxPages pages and says so', async () => {
    const r = await readPdf(bytesOf('seed-004.pdf'), { maxPages: 1 });
    assert.deepEqual(r.problems.map((p) => p.code), ['pdf-page-limit']);
    assert.ok(r.spans.every((s) => s.source.kind === 'pdf' && s.source.page === 1));
    assert.ok(r.text.length > 0);
  });

  it(`a 500-page PDF: the first ${DEFAULT_MAX_PAGES} pages, one problem, bounded time`, async () => {
    const t0 = Date.now();
    const r = await readPdf(manyPages(500));
    assert.deepEqual(r.problems.map((p) => p.code), ['pdf-page-limit']);
    assert.match(r.problems[0].message['zh-cn'], /500页.*200页/);
    assert.ok(Date.now() - t0 < 60_000, `${Date.now() - t0} ms`);
    const pages = new Set(r.spans.map((s) => (s.source.kind === 'pdf' ? s.source.page : 0)));
    assert.equal(pages.size, DEFAULT_MAX_PAGES);
    assert.ok(r.text.includes('Zhengwen 200') && !r.text.includes('Zhengwen 201') && !/- \d+ -/.test(r.text));
  });

  it('reads Chinese in a font that is not embedded (GB character maps)', async () => {
    const r = await readPdf(unembeddedChinese('二、主动公开政府信息情况'));
    assert.deepEqual(r.problems, []);
    assert.equal(r.text, '二、主动公开政府信息情况');
  });

  it('a table drawn with thin filled rectangles under a transformation is read from its grid', async () => {
    const rules = ['0 0 200 0.5 re', '0 30 200 0.5 re', '0 60 200 0.5 re', '0 0 0.5 60.5 re', '100 0 0.5 60.5 re', '200 0 0.5 60.5 re'].map((r) => `${r} f`).join(' ');
    const text = (x: number, y: number, s: string) => `BT /F1 10 Tf ${x} ${y} Td (${s}) Tj ET`;
    const stream = `q 1 0 0 1 50 500 cm ${rules} Q ${text(50, 620, 'Report title')} ${text(55, 545, 'Alpha')} ${text(160, 538, '12')} ${text(55, 512, 'Beta')} ${text(160, 503, '3')}`;
    const bytes = pdfFile([
      '',
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]);
    const r = await readPdf(bytes);
    assert.deepEqual(r.problems, []);
    assert.equal(r.text, 'Report title\nAlpha\t12\nBeta\t3');
    const twelve = r.spans.find((s) => s.line === 1 && s.from === 6)!;
    assert.deepEqual(twelve.source, { kind: 'pdf', page: 1, x: 150.25, y: 281.75, width: 100, height: 30 });
  });

  it('fuzz: truncated and byte-corrupted PDFs never throw and finish in bounded time', async () => {
    const original = bytesOf('seed-002.pdf');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 0, max: original.length }).map((n) => original.slice(0, n)),
          fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }).map((edits) => {
            const b = original.slice();
            for (const [at, v] of edits) b[at] = v;
            return b;
          }),
        ),
        async (bytes) => {
          const t0 = Date.now();
          const r = await readPdf(bytes);
          assert.equal(r.kind, 'pdf');
          assert.equal(typeof r.text, 'string');
          assert.ok(Date.now() - t0 < TIME_LIMIT_MS);
          for (const s of r.spans) assert.ok(s.from < s.to);
        },
      ),
      { numRuns: 12, seed: 10 },
    );
  });
});

/** Objects 1…n as a PDF file with a correct cross-reference table. */
function pdfFile(objects: string[]): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let i = 1; i < objects.length; i++) {
    offsets[i] = out.length;
    out += `${i} 0 obj\n${objects[i]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** One page in a Chinese font that is not embedded (STSong-Light, UniGB-UCS2-H), as many generators write. */
function unembeddedChinese(text: string): Uint8Array {
  const hex = [...text].map((ch) => ch.charCodeAt(0).toString(16).padStart(4, '0')).join('');
  const stream = `BT /F1 12 Tf 72 720 Td <${hex}> Tj ET`;
  return pdfFile([
    '',
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ]);
}

/** A minimal valid PDF: n pages, each a line of text and a page number in the footer. */
function manyPages(n: number): Uint8Array {
  const objects: string[] = [];
  const kids: string[] = [];
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  for (let p = 1; p <= n; p++) {
    const page = 2 + 2 * p;
    const stream = `BT /F1 12 Tf 72 720 Td (Zhengwen ${p}) Tj ET BT /F1 10 Tf 290 30 Td (- ${p} -) Tj ET`;
    objects[page] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${page + 1} 0 R >>`;
    objects[page + 1] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    kids.push(`${page} 0 R`);
  }
  objects[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${n} >>`;
  return pdfFile(objects);
}

describe('PDF text copied in reading order (one cell per line)', () => {
  const files = readdirSync(TEXT_DIR).filter((f) => f.endsWith('.txt')).sort();
  it('has the fixtures: pdftotext -raw and pdf.js order for each seed', () => assert.equal(files.length, 10));
  for (const f of files) {
    it(`${f}: no arithmetic error on a correct report`, () => {
      const found = analyze(readFileSync(join(TEXT_DIR, f), 'utf8')).findings.filter((x) => x.severity === 'error' && ARITHMETIC.has(x.rule));
      assert.deepEqual(found.map((x) => x.message), []);
    });
  }
});

describe('PDF reader: the lazy bundle', () => {
  it('bundles as CJS for Node 20 with pdf.js in its own file, and reads a PDF the same', async () => {
    const { lazyPdfEngine, pdfReaderBuild, copyCMaps } = (await import(join(ROOT, 'scripts/pdf-bundle.mjs'))) as {
      copyCMaps: (outdir: string) => void;
      lazyPdfEngine: import('esbuild').Plugin;
      pdfReaderBuild: (common: object, outfile: string) => import('esbuild').BuildOptions;
    };
    const dir = mkdtempSync(join(tmpdir(), 'ogi-pdf-bundle-'));
    try {
      const entry = join(dir, 'entry.ts');
      writeFileSync(
        entry,
        `import { readFileSync } from 'node:fs';\nimport { readPdf } from ${JSON.stringify(join(ROOT, 'server/src/readers/pdf/index.ts'))};\n` +
          `readPdf(new Uint8Array(readFileSync(process.argv[2]))).then((r) => process.stdout.write(JSON.stringify(r)));\n`,
      );
      await build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', entryPoints: [entry], outfile: join(dir, 'main.js'), plugins: [lazyPdfEngine], logLevel: 'error' });
      await build({ ...pdfReaderBuild({ logLevel: 'error', absWorkingDir: ROOT }, join(dir, 'pdf-reader.js')) });
      const main = statSync(join(dir, 'main.js')).size;
      const engine = statSync(join(dir, 'pdf-reader.js')).size;
      assert.ok(main < 100_000, `reader without pdf.js: ${main} bytes`);
      assert.ok(engine > 500_000 && engine < 4_000_000, `pdf.js bundle: ${engine} bytes`);
      const out = execFileSync(process.execPath, [join(dir, 'main.js'), join(DIR, 'seed-003.pdf')], { encoding: 'utf8' });
      const bundled = JSON.parse(out) as ReadResult;
      assert.equal(bundled.text, results.get('seed-003.pdf')!.result.text, 'stdout carries only the result: pdf.js prints nothing');
      assert.deepEqual(bundled.problems, []);
      // Chinese in a font that is not embedded needs the character maps copied beside the bundle.
      copyCMaps(dir);
      writeFileSync(join(dir, 'cjk.pdf'), unembeddedChinese('三、收到和处理政府信息公开申请情况'));
      const cjk = JSON.parse(execFileSync(process.execPath, [join(dir, 'main.js'), join(dir, 'cjk.pdf')], { encoding: 'utf8' })) as ReadResult;
      assert.equal(cjk.text, '三、收到和处理政府信息公开申请情况');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PDF reader: grids from generated geometry', () => {
  // A random grid with random merged blocks; rules drawn around every cell but not inside a merged one;
  // each cell's text written on one to three lines at a random height inside it (not on a shared baseline).
  const arb = fc
    .record({
      widths: fc.array(fc.integer({ min: 30, max: 90 }), { minLength: 2, maxLength: 7 }),
      heights: fc.array(fc.integer({ min: 14, max: 60 }), { minLength: 2, maxLength: 10 }),
      merges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 })), { maxLength: 4 }),
      lift: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 80, maxLength: 80 }),
      lines: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 80, maxLength: 80 }),
    })
    .map(({ widths, heights, merges, lift, lines }) => {
      const xs = widths.reduce((a, w) => [...a, a[a.length - 1] + w], [50]);
      const ys = heights.reduce((a, h) => [...a, a[a.length - 1] + h], [100]);
      const R = heights.length;
      const C = widths.length;
      const owner: number[][] = Array.from({ length: R }, () => Array(C).fill(-1));
      const blocks: { r0: number; c0: number; r1: number; c1: number }[] = [];
      for (const [r, c, h, w] of merges) {
        const r0 = r % R;
        const c0 = c % C;
        const r1 = Math.min(R - 1, r0 + h - 1);
        const c1 = Math.min(C - 1, c0 + w - 1);
        let free = true;
        for (let i = r0; i <= r1; i++) for (let j = c0; j <= c1; j++) if (owner[i][j] >= 0) free = false;
        if (!free) continue;
        for (let i = r0; i <= r1; i++) for (let j = c0; j <= c1; j++) owner[i][j] = blocks.length;
        blocks.push({ r0, c0, r1, c1 });
      }
      for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) if (owner[i][j] < 0) (owner[i][j] = blocks.length), blocks.push({ r0: i, c0: j, r1: i, c1: j });
      const rules: Rule[] = [];
      for (let i = 0; i <= R; i++)
        for (let j = 0; j < C; j++) if (i === 0 || i === R || owner[i - 1][j] !== owner[i][j]) rules.push({ x1: xs[j], y1: ys[i], x2: xs[j + 1], y2: ys[i] });
      for (let j = 0; j <= C; j++)
        for (let i = 0; i < R; i++) if (j === 0 || j === C || owner[i][j - 1] !== owner[i][j]) rules.push({ x1: xs[j], y1: ys[i], x2: xs[j], y2: ys[i + 1] });
      const items: TextBox[] = [];
      const expected = blocks.map((b, k) => {
        const box: Box = { x: xs[b.c0], y: ys[b.r0], width: xs[b.c1 + 1] - xs[b.c0], height: ys[b.r1 + 1] - ys[b.r0] };
        const size = 9;
        const n = Math.max(1, Math.min(lines[k % 80], Math.floor((box.height - 4) / (size * 1.3))));
        const pieces = Array.from({ length: n }, (_, m) => (m === 0 ? `格${k}` : `续${m}`));
        const top = box.y + 2 + lift[k % 80] * (box.height - 4 - n * size * 1.3);
        pieces.forEach((s, m) => items.push({ str: s, x: box.x + 3, y: top + m * size * 1.3, width: Math.min(box.width - 6, s.length * size), height: size * 1.1, size }));
        return { ...b, text: pieces.join(''), x: box.x, y: box.y };
      });
      return { page: { number: 1, width: 595, height: 842, items, rules } as PageContent, expected, R, C };
    });

  const xOf = (b: { x: number }) => b.x;
  const yOf = (b: { y: number }) => b.y;
  it('cells are the grid rectangles, merged where a rule is missing; text goes by containment', () => {
    fc.assert(
      fc.property(arb, ({ page, expected, C }) => {
        const blocks = layoutPage(page);
        assert.equal(blocks.length, 1);
        const t = blocks[0];
        assert.equal(t.kind, 'table');
        if (t.kind !== 'table') return;
        // Only edges drawn somewhere are columns (a boundary inside merged cells everywhere is no boundary).
        const drawnX = [...new Set(page.rules.filter((r) => r.x1 === r.x2).map((r) => r.x1))].sort((a, b) => a - b);
        const drawnY = [...new Set(page.rules.filter((r) => r.y1 === r.y2).map((r) => r.y1))].sort((a, b) => a - b);
        const at = (b: { x: number; y: number }) => ({ r: drawnY.indexOf(yOf(b)), c: drawnX.indexOf(xOf(b)) });
        const rowsWithText = [...new Set(expected.map((b) => at(b).r))].sort((a, b) => a - b);
        assert.equal(t.rows.length, rowsWithText.length);
        for (const b of expected) {
          const row: (Field | null)[] = t.rows[rowsWithText.indexOf(at(b).r)];
          assert.equal(row.length, drawnX.length - 1);
          assert.equal(row[at(b).c]?.text, b.text);
        }
        void C;
        const filled = t.rows.flat().filter((f) => f && f.text).length;
        assert.equal(filled, expected.length);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('borders drawn piece by piece a fraction of a point apart, or doubled, give the same cells', () => {
    // Word/LibreOffice exports draw one border as pieces at slightly different positions (a double rule
    // under a header, a cell's border 0.3 pt off): joining them must not lose a piece and merge two rows.
    const texts = (p: PageContent) => layoutPage(p).flatMap((b) => (b.kind === 'table' ? b.rows.map((r) => r.map((f) => f?.text ?? '').join('\t')) : []));
    fc.assert(
      fc.property(arb, fc.array(fc.tuple(fc.double({ min: -0.9, max: 0.9, noNaN: true }), fc.boolean()), { minLength: 200, maxLength: 200 }), ({ page }, jitter) => {
        const rules: Rule[] = [];
        page.rules.forEach((r, k) => {
          const [d, double] = jitter[k % jitter.length];
          const horizontal = r.y1 === r.y2;
          const moved = (e: number) => (horizontal ? { ...r, y1: r.y1 + e, y2: r.y2 + e } : { ...r, x1: r.x1 + e, x2: r.x2 + e });
          rules.push(moved(d));
          if (double) rules.push(moved(d > 0 ? d - 1 : d + 1));
        });
        assert.deepEqual(texts({ ...page, rules }), texts(page));
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('a blank data row ruled on all sides is kept as a row of empty cells; a sliver between double rules is not', () => {
    const size = 9;
    const item = (str: string, x: number, y: number): TextBox => ({ str, x, y, width: str.length * size, height: size * 1.1, size });
    const xs = [50, 150, 250];
    const ys = [100, 120, 123, 143];
    const rules: Rule[] = [
      ...ys.map((y) => ({ x1: xs[0], y1: y, x2: xs[2], y2: y })),
      ...xs.map((x) => ({ x1: x, y1: ys[0], x2: x, y2: ys[3] })),
    ];
    const blocks = layoutPage({ number: 1, width: 595, height: 842, items: [item('甲', 55, 104), item('乙', 155, 104)], rules });
    const t = blocks.find((b) => b.kind === 'table');
    assert.ok(t && t.kind === 'table');
    assert.deepEqual(t.rows.map((r) => r.map((f) => f?.text ?? '')), [['甲', '乙'], ['', '']]);
  });

  it('a browser’s header and footer (date and title, address and 2/3) are dropped in the margins, kept in the body', () => {
    const line = (str: string, x: number, y: number) => ({ str, x, y, width: str.length * 5, height: 10, size: 9 });
    const page: PageContent = {
      number: 2,
      width: 595,
      height: 842,
      rules: [],
      items: [
        line('12/2/26, 1:40 PM', 20, 12),
        line('政府信息公开年度报告', 250, 12),
        line('2026/12/2 13:40 某某市人民政府', 20, 30),
        line('一、总体情况', 60, 300),
        line('https://www.gov.cn/zwgk/2024/report.html 见附件', 60, 330),
        line('file:///tmp/report.html', 20, 815),
        line('2/3', 540, 815),
        line('https://www.example.gov.cn/a/b.html', 20, 828),
      ],
    };
    const texts = layoutPage(page).map((b) => (b.kind === 'line' ? b.text : ''));
    assert.deepEqual(texts, ['一、总体情况', 'https://www.gov.cn/zwgk/2024/report.html 见附件']);
    for (const t of ['12/2/26, 1:40 PM 政府信息公开年度报告', '2026/12/2 13:40', '2026年12月2日 下午1:40 标题', 'https://x.gov.cn/a.html 12/30', 'file:///C:/a.html']) assert.ok(isPageFurniture(t), t);
    for (const t of ['2023年1月1日至2023年12月31日', '一、总体情况', 'https://x.gov.cn 见附件', '12/30', '2024/1/5']) assert.equal(isPageFurniture(t), t === '12/30', t);
  });

  it('a small ruled table between prose lines; the footer page number dropped', () => {
    const page: PageContent = {
      number: 1,
      width: 595,
      height: 842,
      rules: [
        { x1: 50, y1: 100, x2: 250, y2: 100 },
        { x1: 50, y1: 130, x2: 250, y2: 130 },
        { x1: 50, y1: 160, x2: 250, y2: 160 },
        { x1: 50, y1: 100, x2: 50, y2: 160 },
        { x1: 150, y1: 100, x2: 150, y2: 160 },
        { x1: 250, y1: 100, x2: 250, y2: 160 },
      ],
      items: [
        { str: '标题一行', x: 50, y: 60, width: 36, height: 10, size: 9 },
        { str: '甲', x: 55, y: 110, width: 9, height: 10, size: 9 },
        { str: '1', x: 160, y: 104, width: 5, height: 10, size: 9 },
        { str: '乙', x: 55, y: 140, width: 9, height: 10, size: 9 },
        { str: '2', x: 160, y: 145, width: 5, height: 10, size: 9 },
        { str: '第 1 页', x: 280, y: 800, width: 30, height: 10, size: 9 },
      ],
    };
    const blocks = layoutPage(page);
    assert.deepEqual(
      blocks.map((b) => (b.kind === 'line' ? b.text : b.rows.map((r) => r.map((f) => f?.text ?? '').join('\t')).join('|'))),
      ['标题一行', '甲\t1|乙\t2'],
    );
  });

  // Hand-made pages: cells as grid rectangles (row and column spans), ruled around each, text inside.
  type CellSpec = { r0: number; c0: number; r1?: number; c1?: number; text: string };
  const ruledPage = (number: number, xs: number[], ys: number[], cells: CellSpec[]): PageContent => {
    const rules: Rule[] = [];
    const items: TextBox[] = [];
    for (const c of cells) {
      const [x0, x1, y0, y1] = [xs[c.c0], xs[(c.c1 ?? c.c0) + 1], ys[c.r0], ys[(c.r1 ?? c.r0) + 1]];
      rules.push({ x1: x0, y1: y0, x2: x1, y2: y0 }, { x1: x0, y1: y1, x2: x1, y2: y1 }, { x1: x0, y1: y0, x2: x0, y2: y1 }, { x1: x1, y1: y0, x2: x1, y2: y1 });
      if (c.text) items.push({ str: c.text, x: x0 + 2, y: (y0 + y1) / 2 - 5, width: Math.min(x1 - x0 - 4, c.text.length * 9), height: 10, size: 9 });
    }
    return { number, width: 595, height: 842, items, rules };
  };
  const text = (pages: PageContent[]) => renderPages(pages).text.split('\n');
  // Page 1: two label columns under one tall group cell, two value columns; page 2 goes on.
  const xs1 = [50, 120, 260, 320, 380];
  const page1 = ruledPage(1, xs1, [100, 120, 140, 160], [
    { r0: 0, c0: 0, c1: 1, text: '项目' },
    { r0: 0, c0: 2, text: '甲' },
    { r0: 0, c0: 3, text: '乙' },
    { r0: 1, c0: 0, r1: 2, text: '三、结果' },
    { r0: 1, c0: 1, text: '（一）公开' },
    { r0: 1, c0: 2, text: '1' },
    { r0: 1, c0: 3, text: '2' },
    { r0: 2, c0: 1, text: '（二）总计' },
    { r0: 2, c0: 2, text: '3' },
    { r0: 2, c0: 3, text: '4' },
  ]);

  it('a table goes on on the next page under its repeated header, in its columns, though its label columns are one there', () => {
    const page2 = ruledPage(2, [50, 260, 320, 380], [80, 100, 120], [
      { r0: 0, c0: 0, text: '项目' },
      { r0: 0, c0: 1, text: '甲' },
      { r0: 0, c0: 2, text: '乙' },
      { r0: 1, c0: 0, text: '四、结转' },
      { r0: 1, c0: 1, text: '5' },
      { r0: 1, c0: 2, text: '6' },
    ]);
    assert.deepEqual(text([page1, page2]), ['项目\t\t甲\t乙', '三、结果\t（一）公开\t1\t2', '\t（二）总计\t3\t4', '四、结转\t\t5\t6']);
    // The same row with blank cells (a blank template) is a row of its own too, not the end of （二）总计.
    const blank = ruledPage(2, [50, 260, 320, 380], [80, 100], [{ r0: 0, c0: 0, text: '四、结转' }, { r0: 0, c0: 1, text: '' }, { r0: 0, c0: 2, text: '' }]);
    assert.deepEqual(text([page1, blank]).at(-1), '四、结转\t\t\t');
  });

  it('a row broken by the page break is joined; a table with other value columns on the next page is another table', () => {
    const broken = ruledPage(2, xs1, [80, 100], [{ r0: 0, c0: 0, text: '' }, { r0: 0, c0: 1, text: '计续' }, { r0: 0, c0: 2, text: '' }, { r0: 0, c0: 3, text: '' }]);
    const own = ruledPage(1, xs1, [100, 120], [{ r0: 0, c0: 0, text: '组' }, { r0: 0, c0: 1, text: '（二）总' }, { r0: 0, c0: 2, text: '3' }, { r0: 0, c0: 3, text: '4' }]);
    assert.deepEqual(text([own, broken]), ['组\t（二）总计续\t3\t4']);
    const other = ruledPage(2, [50, 260, 300, 380], [80, 100], [{ r0: 0, c0: 0, text: '另表' }, { r0: 0, c0: 1, text: '7' }, { r0: 0, c0: 2, text: '8' }]);
    assert.deepEqual(text([page1, other]).at(-1), '另表\t7\t8');
  });
});
