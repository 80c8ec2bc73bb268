// The .docx, HTML and flattened-text readers over the generated fixtures (test/fixtures/documents/,
// written by scripts/make-document-fixtures.ts): every fixture reads, the seeds' numbers come back cell
// by cell, every raised cell of tables 三 and 四 — raised in the document itself — gives an error on its
// table, and bad or hostile input gives a problem, never an exception or a hang.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import type { Analysis } from '../../server/src/core/analyze.js';
import { RULE_BY_ID } from '../../server/src/core/checks/index.js';
import { CURRENT_FORMAT } from '../../server/src/core/format/formats.js';
import { renderTable } from '../../server/src/core/render.js';
import type { Table } from '../../server/src/core/tables.js';
import { readDocx } from '../../server/src/readers/docx.js';
import { readFlattenedText } from '../../server/src/readers/flat.js';
import { readHtml, readHtmlText } from '../../server/src/readers/html.js';
import { readDocument } from '../../server/src/readers/index.js';
import { type ReadResult, locate } from '../../server/src/readers/types.js';
import { docxCells, docxXml, htmlElementInner, setDocxCells, withDocxXml } from '../../scripts/document-fixtures-lib.js';
import { ROOT, analyze, errors, replaceRange, seeds } from '../helpers.js';

const DIR = join(ROOT, 'test/fixtures/documents');
const bytes = (kind: string, name: string) => new Uint8Array(readFileSync(join(DIR, kind, name)));
const files = (kind: string) => readdirSync(join(DIR, kind)).sort();
const seedName = (file: string) => /seed-(\d{3})/.exec(file)?.[1];
const seedText = new Map(seeds().map((s) => [s.name.slice(0, 3), s.text]));

/** Every cell of tables 二, 三 and 四 as "table/part/row/column" → the cell as written, trimmed. */
function cellsOf(a: Analysis, skip: Set<string> = new Set()): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of a.report.tables) {
    if (skip.has(t.def.id)) continue;
    for (const p of t.parts)
      for (const r of p.rows) for (const c of r.cells) if (c && !r.duplicate) out.set(`${t.def.id}/${p.def.id}/${r.def.id}/${c.column.id}`, c.raw.trim());
  }
  return out;
}

function read(kind: string, name: string): ReadResult {
  const b = bytes(kind, name);
  if (kind === 'docx') return readDocx(b);
  if (kind === 'html') return readHtml(b);
  return readFlattenedText(new TextDecoder().decode(b))!;
}

const onTable = (a: Analysis, t: Table) => errors(a).filter((f) => f.range.start.line >= t.firstLine && f.range.end.line <= t.lastLine);

describe('every fixture reads, and the seeds come back cell by cell', () => {
  for (const kind of ['docx', 'html', 'flat']) {
    for (const name of files(kind)) {
      it(`${kind}/${name}`, () => {
        const t0 = performance.now();
        const r = read(kind, name);
        assert.ok(performance.now() - t0 < 5000, 'reads in bounded time');
        assert.ok(r, 'a flattened fixture is recognised as flattened');
        assert.equal(r.kind, kind === 'flat' ? 'text' : kind);
        // Spans sorted by line, then character, and each locates to its own source.
        for (let i = 1; i < r.spans.length; i++) {
          const [a, b] = [r.spans[i - 1], r.spans[i]];
          assert.ok(a.line < b.line || (a.line === b.line && a.from <= b.from), 'spans sorted');
        }
        const a = analyze(r.text);
        const id = seedName(name);
        if (!id) return;
        const seed = analyze(seedText.get(id)!);
        const ambiguous = new Set(r.problems.filter((p) => p.code === 'table-ambiguous').map((p) => p.table!));
        const want = cellsOf(seed, ambiguous);
        const got = cellsOf(a, ambiguous);
        if (/raised|wrong-total/.test(name)) {
          // One cell differs from the seed, and the table says so.
          const diff = [...want].filter(([k, v]) => got.get(k) !== v);
          assert.equal(diff.length, 1, `one changed cell: ${JSON.stringify(diff)}`);
          assert.ok(errors(a).length > 0, 'the broken copy has an error');
          return;
        }
        assert.ok(want.size >= 190 || ambiguous.size > 0, 'the seed has its tables');
        for (const [k, v] of want) assert.equal(got.get(k), v, `${k}`);
        // A table the reader could not read is reported by the reader; the engine's "table missing" for it
        // is the integration's to drop (ReadProblem.table names it).
        const shown = errors(a).filter((f) => !(ambiguous.size > 0 && f.rule === 'table-missing'));
        assert.equal(shown.length, 0, JSON.stringify(shown.map((f) => f.message)));
        // The reading's only warnings are the seed's own (seed 001's five blank cells).
        // The fixtures keep the seeds' tables but write parts 五 and 六 as placeholders (（文字描述）, （略）):
        // the prose rules judge that prose, not the reading.
        const tablesOnly = (x: Analysis) => x.findings.filter((f) => !RULE_BY_ID[f.rule].tags.includes('prose'));
        assert.equal(tablesOnly(a).length, ambiguous.size === 0 ? tablesOnly(seed).length : tablesOnly(a).length);
        if (kind !== 'flat') {
          // Every value cell locates to a cell of the document.
          for (const t of a.report.tables)
            for (const p of t.parts)
              for (const row of p.rows)
                for (const c of row.cells) if (c) assert.equal(locate(r, c.range.start.line, c.range.start.character)?.kind, kind, `${row.def.id}/${c.column.id} locates`);
        }
      });
    }
  }

  it('the real blank template: tables 二 and 三 are read with every cell blank', () => {
    const r = readDocx(bytes('docx', 'template-blank.docx'));
    assert.deepEqual(r.problems, []);
    const a = analyze(r.text);
    for (const id of ['activeDisclosure', 'applications'] as const) {
      const t = a.report.tables.find((x) => x.def.id === id)!;
      const def = CURRENT_FORMAT.tables.find((x) => x.id === id)!;
      assert.deepEqual(t.parts.map((p) => p.rows.length), def.parts.map((p) => p.rows.length), id);
      for (const p of t.parts) for (const row of p.rows) for (const c of row.cells) assert.equal(c?.value.kind, 'blank', `${id} ${row.def.id}`);
    }
    // Table 四's columns are there, one field per column, its one data row blank.
    const lines = r.text.split('\n');
    const header = lines.findIndex((l) => l.startsWith('行政复议\t'));
    assert.ok(header > 0);
    assert.equal(lines[header + 3], '\t'.repeat(14));
  });

  it('tables as images: a problem, and no table text', () => {
    const r = readDocx(bytes('docx', 'tables-as-images.docx'));
    assert.deepEqual(r.problems.map((p) => p.code), ['tables-as-images']);
    assert.match(r.text, /三、收到和处理政府信息公开申请情况/);
  });
});

describe('mutation over every cell of tables 三 and 四, in the document itself', () => {
  const cases: { kind: 'docx' | 'html'; name: string }[] = [
    { kind: 'docx', name: 'seed-003.docx' },
    { kind: 'html', name: 'from-docx-seed-003.html' },
    { kind: 'html', name: 'cms-seed-000.html' },
  ];
  for (const { kind, name } of cases) {
    it(`${kind}/${name}: every raised cell caught, no error when clean`, () => {
      const original = bytes(kind, name);
      const base = kind === 'docx' ? readDocx(original) : readHtml(original);
      const clean = analyze(base.text);
      assert.equal(errors(clean).length, 0);
      const xml = kind === 'docx' ? docxXml(original) : new TextDecoder().decode(original);
      const places = kind === 'docx' ? docxCells(xml) : undefined;
      let tried = 0;
      let caught = 0;
      const missed: string[] = [];
      for (const t of clean.report.tables.filter((x) => x.def.id !== 'activeDisclosure')) {
        for (const p of t.parts)
          for (const row of p.rows)
            for (const c of row.cells) {
              if (!c || c.value.value === null) continue;
              const loc = locate(base, c.range.start.line, c.range.start.character);
              assert.ok(loc && loc.kind === kind, `${row.def.id}/${c.column.id} has a source`);
              const raised = String(c.value.value + 1);
              let mutated: ReadResult;
              if (loc.kind === 'docx') {
                const doc = setDocxCells(xml, new Map([[`${loc.table}:${loc.row}:${loc.cell}`, raised]]), places!);
                mutated = readDocx(withDocxXml(original, doc, 1));
              } else if (loc.kind === 'html') {
                const at = htmlElementInner(xml, loc.path);
                assert.ok(at, `path ${loc.path} resolves`);
                mutated = readHtmlText(xml.slice(0, at[0]) + raised + xml.slice(at[1]));
              } else throw new Error('unexpected source');
              const a = analyze(mutated.text);
              const table = a.report.tables.find((x) => x.def.id === t.def.id)!;
              tried += 1;
              if (table && onTable(a, table).length > 0) caught += 1;
              else missed.push(`${row.def.id}/${c.column.id}`);
            }
      }
      assert.equal(tried, 25 * 7 + 15);
      assert.deepEqual(missed, []);
      assert.equal(caught, tried);
    });
  }
});

// ---- flattened text -----------------------------------------------------------------------------

const apps = CURRENT_FORMAT.tables.find((t) => t.id === 'applications')!;
const four = CURRENT_FORMAT.tables.find((t) => t.id === 'reviewLitigation')!;

/** Table 三's values that satisfy every identity, from free leaf values. */
function consistent(leaves: number[][], carried: number[], forward: number[]): number[][] {
  const withTotal = (r: number[]) => [...r, r.reduce((s, v) => s + v, 0)];
  const resultRows = leaves.map(withTotal);
  const resultTotal = withTotal(leaves[0].map((_, c) => leaves.reduce((s, r) => s + r[c], 0)));
  const carriedRow = withTotal(carried);
  const forwardRow = withTotal(forward);
  // newlyReceived = resultTotal + carriedForward − carriedOver, column by column; kept ≥ 0 by construction.
  const newly = resultTotal.map((v, c) => v + forwardRow[c] - carriedRow[c]);
  return [newly, carriedRow, ...resultRows, resultTotal, forwardRow];
}

function reportWith(values: number[][], four15: number[]): string {
  const t3 = renderTable(apps, 'tsv', (_p, r, c) => String(values[r][c]));
  const t4 = renderTable(four, 'tsv', (_p, _r, c) => String(four15[c]));
  return `某某局2023年政府信息公开工作年度报告\n一、总体情况\n本机关依法公开。\n三、收到和处理政府信息公开申请情况\n${t3}\n四、政府信息公开行政复议、行政诉讼情况\n${t4}\n五、存在的主要问题及改进情况\n无。\n`;
}

const ARITHMETIC = new Set(['row-total', 'result-total', 'reconciliation', 'outcome-total', 'likely-culprit', 'row-cells']);
const flatten = (s: string) => s.replace(/[\s\u3000|]+/g, '');

describe('flattened text', () => {
  it('text with its separators is not flattened', () => {
    for (const s of seeds()) assert.equal(readFlattenedText(s.text), null, s.name);
  });

  it('identities decide a row that splits in more than one way', () => {
    // 一、本年新收 of 64 + 0 + 0 + 2 + 0 + 4 = 70: "640020470" cuts many ways, one of them adds up.
    const leaves = Array.from({ length: 21 }, () => [0, 0, 0, 0, 0, 0]);
    leaves[0] = [64, 0, 0, 2, 0, 4];
    const values = consistent(leaves, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]);
    const flat = flatten(reportWith(values, [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert.match(flat, /申请数量640020470二、上年结转/);
    const r = readFlattenedText(flat)!;
    assert.deepEqual(r.problems, []);
    const a = analyze(r.text);
    assert.deepEqual(errors(a).filter((f) => ARITHMETIC.has(f.rule)), []);
    const t = a.report.tables.find((x) => x.def.id === 'applications')!;
    assert.deepEqual(t.parts[0].rows[0].cells.map((c) => c!.value.value), [64, 0, 0, 2, 0, 4, 70]);
  });

  it('a digit run that fits two readings is not guessed: one problem, no arithmetic', () => {
    // "1111" + … in 表四's group: 1,1,1,1 → total must be 4; "11" "1" "1" "13"? Build a row that two cuts satisfy.
    const leaves = Array.from({ length: 21 }, () => [0, 0, 0, 0, 0, 0]);
    leaves[0] = [1, 10, 0, 0, 0, 0]; // "1100" + total "11": cuts 1|10|0|0|0|0|11 and 11|0|0|0|0|0|11? the latter is "11000000 11"
    const values = consistent(leaves, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]);
    const text = flatten(reportWith(values, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const r = readFlattenedText(text)!;
    const a = analyze(r.text);
    // Whatever the reader decides, it never reports arithmetic on a guess.
    assert.deepEqual(errors(a).filter((f) => ARITHMETIC.has(f.rule)), []);
    const t = a.report.tables.find((x) => x.def.id === 'applications');
    if (r.problems.some((p) => p.code === 'table-ambiguous')) assert.ok(!t || t.parts[0].rows.every((row) => row.cells.every((c) => !c || c.value.value === null)));
    else assert.deepEqual(t!.parts[0].rows[2].cells.map((c) => c!.value.value), [1, 10, 0, 0, 0, 0, 11]);
  });

  it('seed 003 flattened: every raised total of table 三 and every cell of table 四 is caught or the table declared unreadable, never silent', () => {
    const seed = seeds().find((x) => x.name.startsWith('003'))!;
    const base = analyze(seed.text);
    let n = 0;
    for (const t of base.report.tables.filter((x) => x.def.id !== 'activeDisclosure'))
      for (const row of t.parts[0].rows)
        for (const c of row.cells) {
          if (!c || c.value.value === null || (t.def.id === 'applications' && c.column.id !== 'total')) continue;
          n += 1;
          const r = readFlattenedText(flatten(replaceRange(seed.text, c.range, String(c.value.value + 1))))!;
          if (r.problems.some((p) => p.table === t.def.id)) continue;
          const a = analyze(r.text);
          const table = a.report.tables.find((x) => x.def.id === t.def.id)!;
          assert.ok(onTable(a, table).length > 0, `${row.def.id}/${c.column.id}`);
        }
    assert.equal(n, 25 + 15);
  });

  it('rows chosen by their totals are believed only if the whole table adds up', () => {
    // Every row "100200300400500600" + "2100" cuts one way by its row total, but 21 such leaves do not
    // make a （七）总计 of 2100: a misread and a wrong report cannot be told apart, so nothing is read.
    const rows = apps.parts[0].rows.map((r) => `${r.label}1002003004005006002100`).join('');
    const r = readFlattenedText(`三、收到和处理政府信息公开申请情况${rows}四、政府信息公开行政复议、行政诉讼情况`)!;
    assert.deepEqual(r.problems.map((p) => p.table), ['applications']);
    assert.deepEqual(errors(analyze(r.text)).filter((f) => ARITHMETIC.has(f.rule)), []);
  });

  it('generated reports: a reading is the true one or none at all (fast-check)', () => {
    const count = fc.nat({ max: 120 });
    fc.assert(
      fc.property(
        fc.array(fc.array(count, { minLength: 6, maxLength: 6 }), { minLength: 21, maxLength: 21 }),
        fc.array(count, { minLength: 6, maxLength: 6 }),
        fc.array(fc.nat({ max: 12 }), { minLength: 15, maxLength: 15 }),
        (leaves, carried, raw4) => {
          const values = consistent(leaves, carried, carried);
          const four15 = [0, 1, 2].flatMap((g) => {
            const part = raw4.slice(g * 5, g * 5 + 4);
            return [...part, part.reduce((s, v) => s + v, 0)];
          });
          const r = readFlattenedText(flatten(reportWith(values, four15)))!;
          assert.ok(r);
          const a = analyze(r.text);
          const ambiguous = new Set(r.problems.map((p) => p.table));
          // The flattened reading adds no error to those of the same report with its separators.
          const before = new Set(errors(analyze(reportWith(values, four15))).map((f) => f.message));
          // Findings on a table the reader declared unreadable are the integration's to drop (ReadProblem.table).
          const dropped = CURRENT_FORMAT.tables.filter((t) => ambiguous.has(t.id)).map((t) => t.name);
          const added = errors(a).filter((f) => !before.has(f.message) && !dropped.some((n) => f.message.includes(n)));
          assert.deepEqual(added.map((f) => f.message), []);
          assert.deepEqual(errors(a).filter((f) => ARITHMETIC.has(f.rule)), []);
          const t3 = a.report.tables.find((x) => x.def.id === 'applications');
          if (!ambiguous.has('applications')) t3!.parts[0].rows.forEach((row, i) => assert.deepEqual(row.cells.map((c) => c!.value.value), values[i]));
          const t4 = a.report.tables.find((x) => x.def.id === 'reviewLitigation');
          if (!ambiguous.has('reviewLitigation')) assert.deepEqual(t4!.parts[0].rows[0].cells.map((c) => c!.value.value), four15);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('digits of either width read the same, flattened or not: the reader looks for its first label before folding (fast-check)', () => {
    const wide = (s: string, mask: boolean[]) => s.replace(/\d/g, (d, i: number) => (mask[i % mask.length] ? String.fromCharCode(d.charCodeAt(0) + 0xfee0) : d));
    const valuesOf = (r: ReadResult | null) => (r ? analyze(r.text).report.tables.map((t) => t.parts.map((p) => p.rows.map((row) => row.cells.map((c) => c?.value.value ?? null)))) : null);
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: 60 }), { minLength: 6, maxLength: 6 }), { minLength: 21, maxLength: 21 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 9 }),
        (leaves, mask) => {
          const values = consistent(leaves, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]);
          const report = reportWith(values, [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
          // With its separators the text is not flattened, whatever the width of its digits.
          assert.equal(readFlattenedText(wide(report, mask)), null);
          const flat = flatten(report);
          const ascii = readFlattenedText(flat);
          assert.ok(ascii);
          const mixed = readFlattenedText(wide(flat, mask));
          assert.ok(mixed, 'a flattened text with full-width digits is read as flattened');
          assert.deepEqual(valuesOf(mixed), valuesOf(ascii));
        },
      ),
      { numRuns: 30 },
    );
  });
});

// ---- bad input ----------------------------------------------------------------------------------

const timed = <T>(f: () => T, ms = 3000): T => {
  const t0 = performance.now();
  const out = f();
  assert.ok(performance.now() - t0 < ms, `took ${(performance.now() - t0).toFixed(0)} ms`);
  return out;
};

describe('hidden parts of a page', () => {
  const page = new TextDecoder().decode(bytes('html', 'cms-seed-000.html'));
  const base = readHtmlText(page);
  const article = /<div class="article">[\s\S]*<\/div>/.exec(page)![0];
  it('a hidden copy of the report (another layout’s, Word’s hidden text) is not read: the reading is the page’s as shown', () => {
    for (const hide of ['style="display:none"', 'style="color:red; DISPLAY: none !important"', 'style="visibility:hidden;mso-hide:all"', 'hidden']) {
      const withCopy = page.replace('<div class="article">', `<div ${hide}>${article}</div><div class="article">`);
      assert.equal(readHtmlText(withCopy).text, base.text, hide);
    }
    // Styles that hide nothing are read as shown.
    for (const shown of ['style="display:block"', 'style="visibility:visible"', 'style="font-display:none-ish"']) {
      const withCopy = page.replace('<div class="article">', `<div ${shown}>${article}</div><div class="article">`);
      assert.equal(analyze(readHtmlText(withCopy).text).report.tables.filter((t) => t.def.id === 'applications').length, 2, shown);
    }
  });
  it('a copy hidden by a rule of the page’s own style sheet (by class or id) is not read; what the sheet cannot be sure to hide is read', () => {
    const withSheet = (css: string, attrs: string, media = '') =>
      page.replace('</head>', `<style${media}>${css}</style></head>`).replace('<div class="article">', `<div ${attrs}>${article}</div><div class="article">`);
    const applications = (html: string) => analyze(readHtmlText(html).text).report.tables.filter((t) => t.def.id === 'applications').length;
    for (const [css, attrs] of [
      ['.m-copy{display:none}', 'class="m-copy"'],
      ['/* {weird} */ div.m-copy, .other { color: red; visibility: hidden !important; }', 'class="wide m-copy"'],
      ['.a.b{DISPLAY:NONE}', 'class="b x a"'],
      ['#copy{display:none;}', 'id="copy"'],
      ['@charset "utf-8"; .m-copy{display:none}', 'class="m-copy"'],
      ['@media print{.p{display:none}} .m-copy{display:none}', 'class="m-copy"'],
    ]) {
      assert.equal(readHtmlText(withSheet(css, attrs)).text, base.text, css);
    }
    for (const [css, attrs, media] of [
      // Another screen size, printing, a rule on a tag alone, a combinator, an inline style that shows it, another class.
      ['@media (max-width: 768px) { .m-copy { display: none } }', 'class="m-copy"', ''],
      ['.m-copy{display:none}', 'class="m-copy"', ' media="print"'],
      ['div{display:none}', '', ''],
      ['.wrap .m-copy{display:none}', 'class="m-copy"', ''],
      ['.m-copy{display:none}', 'class="m-copy" style="display:block"', ''],
      ['.m-copy{display:none}', 'class="m-copy-2"', ''],
      ['.a.b{display:none}', 'class="a"', ''],
      ['.m-copy{display:block}', 'class="m-copy"', ''],
    ]) {
      assert.equal(applications(withSheet(css, attrs, media)), 2, `${css} ${attrs}${media}`);
    }
    // Style sheets no page has: read in time (unclosed comments, unclosed blocks, 50,000 rules).
    for (const css of ['/*'.repeat(200_000), '{'.repeat(400_000), '.a'.repeat(200_000) + '{display:none}', '.m-copy{display:none}'.repeat(50_000)]) {
      timed(() => readHtmlText(withSheet(css, 'class="m-copy"')));
    }
    // The article itself hidden by the sheet (a tab shown on a click): read whole, as with an inline style.
    assert.equal(readHtmlText(page.replace('</head>', '<style>.article{display:none}</style></head>')).text, base.text);
  });
  it('a page whose tables are all hidden (a tab shown on a click) is read whole', () => {
    const hidden = page.replace('<div class="article">', '<div class="article" style="display:none">');
    assert.equal(readHtmlText(hidden).text, base.text);
  });
});

describe('bad input: a problem each, never a crash or a hang', () => {
  const docx = bytes('docx', 'seed-000.docx');
  const html = bytes('html', 'cms-seed-000.html');

  it('corrupt zip and not a zip', () => {
    const corrupt = docx.slice();
    for (let i = 100; i < corrupt.length; i += 97) corrupt[i] ^= 0xff;
    for (const b of [corrupt, new TextEncoder().encode('not a zip at all'), new Uint8Array(0), docx.subarray(0, 300)]) {
      const r = timed(() => readDocx(b));
      assert.ok(r.problems.length > 0);
    }
  });

  it('an OFD document (a zip with OFD.xml) is named, with what to do, under any name; another zip is a damaged .docx', async () => {
    const enc = new TextEncoder();
    const ofd = zipSync({
      'OFD.xml': enc.encode('<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'),
      'Doc_0/Document.xml': enc.encode('<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>'),
      'Doc_0/Pages/Page_0/Content.xml': enc.encode('<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"/>'),
    });
    for (const name of ['report.ofd', 'report.OFD', 'report.docx', 'report.doc']) {
      const r = await readDocument(ofd, name);
      assert.equal(r.text, '', name);
      assert.deepEqual(r.problems.map((p) => p.code), ['ofd-format'], name);
      assert.match(r.problems[0].message['zh-cn'], /OFD 版式文件.*另存或打印为 PDF/, name);
      assert.match(r.problems[0].message.en, /OFD document.*as PDF/, name);
    }
    const sheet = zipSync({ 'xl/workbook.xml': enc.encode('<workbook/>'), '[Content_Types].xml': enc.encode('<Types/>') });
    assert.deepEqual((await readDocument(sheet, 'report.docx')).problems.map((p) => p.code), ['docx-corrupt']);
  });

  it('zip bomb: expansion stops at the byte cap, entry floods at the entry cap', () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(24 * 1024 * 1024) }, { level: 1 });
    assert.ok(bomb.length < 1024 * 1024, 'the bomb is small');
    const r = timed(() => readDocx(bomb, { zipLimits: { maxBytes: 4 * 1024 * 1024, maxEntries: 100 } }));
    assert.deepEqual(r.problems.map((p) => p.code), ['docx-zip-limit']);
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 3000; i++) many[`x/${i}.xml`] = new Uint8Array(1);
    const flood = timed(() => readDocx(zipSync(many)));
    assert.deepEqual(flood.problems.map((p) => p.code), ['docx-zip-limit']);
  });

  it('a 200 MB file is refused before it is read', () => {
    const huge = new Uint8Array(200 * 1024 * 1024);
    for (const f of [readDocx, readHtml]) {
      const r = timed(() => f(huge), 200);
      assert.deepEqual(r.problems.map((p) => p.code), ['document-too-large']);
    }
  });

  it('nesting no document has: a problem, no stack overflow', () => {
    const deep = `<html><body>${'<div>'.repeat(100_000)}<table><tr><td>1</td></tr></table>${'</div>'.repeat(100_000)}</body></html>`;
    const h = timed(() => readHtmlText(deep));
    assert.ok(h.problems.some((p) => p.code === 'html-too-deep'));
    const x = timed(() => readDocx(docxOf(`${'<w:sdt><w:sdtContent>'.repeat(50_000)}<w:p><w:r><w:t>一</w:t></w:r></w:p>${'</w:sdtContent></w:sdt>'.repeat(50_000)}`)));
    assert.ok(x.problems.some((p) => p.code === 'docx-damaged'));
  });

  it('a page of more elements than any document has is read to its 1,200,000th element, and says so', () => {
    // 47 MB of them took 3.6 GB and 22 s: near the end of the heap.
    const page = (cells: number) => `<html><body><table><tr><td>行政许可</td><td>152</td></tr></table><table><tr>${'<td></td>'.repeat(cells)}</tr></table></body></html>`;
    const h = timed(() => readHtmlText(page(1_300_000)), 15_000);
    assert.deepEqual(h.problems.filter((p) => p.code === 'html-too-many-elements').map((p) => p.message['zh-cn']), ['网页的元素超过 1200000 个，之后的部分未读取。']);
    assert.ok(h.text.startsWith('行政许可\t152\n'), JSON.stringify(h.text.slice(0, 40)));
    assert.ok(!readHtmlText(page(1000)).problems.some((p) => p.code === 'html-too-many-elements'));
  });

  it('HTML with no table', () => {
    const r = readHtmlText('<html><body><nav>首页</nav><p>一、总体情况</p><p>本机关依法公开。</p></body></html>');
    assert.deepEqual(r.problems.map((p) => p.code), ['no-tables']);
    assert.equal(r.text, '一、总体情况\n本机关依法公开。\n');
  });

  it('scripts, styles and navigation are not read; &nbsp; is a blank cell; GBK is decoded by its meta', () => {
    const r = readHtml(bytes('html', 'cms-gbk-seed-001.htm'));
    assert.doesNotMatch(r.text, /999|首页|某某市人民政府|机构概况|版权所有|当前位置/);
    assert.match(r.text, /一、本年新收政府信息公开申请数量\t0\t\t\t\t\t\t0/);
  });

  it('positions are UTF-16: a cell after 𠮷 starts where JS counts it', () => {
    const r = readHtmlText('<table><tr><td>𠮷𠮷</td><td colspan="2">5</td><td>6</td></tr></table>');
    assert.equal(r.text, '𠮷𠮷\t5\t\t6\n\n');
    assert.deepEqual(locate(r, 0, 5), { kind: 'html', path: 'table[1]>tr[1]>td[2]' });
    assert.deepEqual(locate(r, 0, 8), { kind: 'html', path: 'table[1]>tr[1]>td[3]' });
  });

  it('fuzz: truncated and corrupted .docx and HTML, and mangled flattened text (fast-check)', () => {
    const flat = new TextDecoder().decode(bytes('flat', 'seed-000.txt'));
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 40 }), (cut, flips) => {
        for (const src of [docx, html]) {
          const b = src.slice(0, 1 + (cut % src.length));
          for (const [at, v] of flips) b[at % b.length] = v;
          const r = timed(() => (src === docx ? readDocx(b) : readHtml(b)), 2000);
          assert.equal(typeof r.text, 'string');
        }
        const t = flat.slice(0, cut % flat.length) + flips.map(([, v]) => String.fromCharCode(v)).join('') + flat.slice(cut % flat.length);
        timed(() => readFlattenedText(t), 2000);
      }),
      { numRuns: 60 },
    );
  });
});

// ---- .docx structure, written by hand ------------------------------------------------------------

function docxOf(body: string, ns = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main', prefix = 'w'): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><${prefix}:document xmlns:${prefix}="${ns}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><${prefix}:body>${body.replace(/w:/g, `${prefix}:`)}</${prefix}:body></${prefix}:document>`;
  return zipSync({ 'word/document.xml': new TextEncoder().encode(xml) });
}
const P = (inner: string) => `<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr>${inner}</w:p>`;
const R = (t: string) => `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${t}</w:t></w:r>`;
const TC = (inner: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${P(inner)}</w:tc>`;

describe('.docx structure', () => {
  it('keeps insertions and field results, drops deletions and field codes; tabs and breaks', () => {
    const body =
      P(`${R('本年')}<w:ins w:id="1">${R('新收')}</w:ins><w:del w:id="2"><w:r><w:delText>旧</w:delText></w:r></w:del>${R('5件')}`) +
      P(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${R('3')}<w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr="DATE">${R('2024年')}</w:fldSimple>`) +
      P(`${R('甲')}<w:r><w:tab/></w:r>${R('乙')}<w:r><w:br/></w:r>${R('丙')}`) +
      `<mc:AlternateContent><mc:Choice Requires="wps">${P(R('选择'))}</mc:Choice><mc:Fallback>${P(R('后备'))}</mc:Fallback></mc:AlternateContent>`;
    const r = readDocx(docxOf(body));
    assert.equal(r.text, '本年新收5件\n32024年\n甲\t乙\n丙\n选择\n');
    assert.deepEqual(locate(r, 3, 0), { kind: 'docx', paragraph: 3 });
    assert.deepEqual(r.problems.map((p) => p.code), ['no-tables']);
  });

  it('hidden text (w:vanish) is not read: a hidden run at the end of every paragraph and cell leaves the reading as it was; one set off is read', () => {
    const original = bytes('docx', 'seed-003.docx');
    const xml = docxXml(original);
    const withRun = (vanish: string) => xml.replaceAll('</w:p>', `<w:r><w:rPr><w:b/>${vanish}</w:rPr><w:t>9（隐藏）</w:t><w:tab/></w:r></w:p>`);
    const base = readDocx(original).text;
    assert.equal(readDocx(withDocxXml(original, withRun('<w:vanish/>'), 1)).text, base);
    assert.equal(readDocx(withDocxXml(original, withRun('<w:vanish w:val="true"/>'), 1)).text, base);
    for (const off of ['<w:vanish w:val="false"/>', '<w:vanish w:val="0"/>', '']) {
      const shown = readDocx(withDocxXml(original, withRun(off), 1)).text;
      // In every paragraph the reader reads (those of text boxes' fallbacks and the like are not).
      assert.ok(shown.split('9（隐藏）').length - 1 > 300, off);
    }
  });

  it('hidden text through a style (w:rStyle or w:pStyle, or a style they are based on) is not read; the run\'s own w:vanish wins; two hiding styles cancel', () => {
    const original = bytes('docx', 'seed-003.docx');
    const files = unzipSync(original);
    const stylesXml = new TextDecoder().decode(files['word/styles.xml']);
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    assert.ok(stylesXml.includes(W) && !stylesXml.includes('w:vanish'));
    const added =
      '<w:style w:type="character" w:styleId="Hide"><w:name w:val="Hide"/><w:rPr><w:vanish/></w:rPr></w:style>' +
      '<w:style w:type="character" w:styleId="HideToo"><w:name w:val="HideToo"/><w:basedOn w:val="Hide"/><w:rPr><w:b/></w:rPr></w:style>' +
      '<w:style w:type="character" w:styleId="Shown"><w:name w:val="Shown"/><w:basedOn w:val="Hide"/><w:rPr><w:vanish w:val="0"/></w:rPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="HidePara"><w:name w:val="HidePara"/><w:rPr><w:vanish/></w:rPr></w:style>' +
      // A cycle of basedOn: read as no declaration, not a hang.
      '<w:style w:type="character" w:styleId="Loop1"><w:basedOn w:val="Loop2"/></w:style><w:style w:type="character" w:styleId="Loop2"><w:basedOn w:val="Loop1"/></w:style>';
    const withStyles = (xml: string) => {
      const out = { ...files, 'word/styles.xml': new TextEncoder().encode(stylesXml.replace('</w:styles>', `${added}</w:styles>`)), 'word/document.xml': new TextEncoder().encode(xml) };
      return readDocx(zipSync(out, { level: 1 })).text;
    };
    const xml = docxXml(original);
    const base = readDocx(original).text;
    const withRun = (rPr: string) => xml.replaceAll('</w:p>', `<w:r><w:rPr>${rPr}</w:rPr><w:t>9（隐藏）</w:t><w:tab/></w:r></w:p>`);
    const shownIn = (text: string) => text.split('9（隐藏）').length - 1;
    for (const hides of ['<w:rStyle w:val="Hide"/>', '<w:rStyle w:val="HideToo"/><w:b/>', '<w:b/><w:rStyle w:val="Hide"/>']) assert.equal(withStyles(withRun(hides)), base, hides);
    for (const shows of ['<w:rStyle w:val="Shown"/>', '<w:rStyle w:val="Hide"/><w:vanish w:val="false"/>', '<w:rStyle w:val="Loop1"/>', '<w:rStyle w:val="Nowhere"/>'])
      assert.ok(shownIn(withStyles(withRun(shows))) > 300, shows);
    // A paragraph of a hiding style: every run of it, unless the run says otherwise or its style hides too.
    const para = (runs: string) => xml.replace('<w:body>', `<w:body><w:p><w:pPr><w:pStyle w:val="HidePara"/><w:rPr><w:b/></w:rPr></w:pPr>${runs}</w:p>`);
    const run = (rPr: string, t: string) => `<w:r><w:rPr>${rPr}</w:rPr><w:t>${t}</w:t></w:r>`;
    assert.equal(withStyles(para(run('<w:b/>', '9（隐藏）') + run('', '9（隐藏）'))), base);
    // (Compared with blank lines folded: a paragraph before the title changes the spacing after it.)
    const folded = (t: string) => t.replace(/\n+/g, '\n');
    assert.equal(folded(withStyles(para(run('<w:vanish w:val="off"/>', '甲') + run('<w:rStyle w:val="Hide"/>', '乙') + run('', '丙')))), folded(`甲乙\n${base}`));
    // The paragraph mark's own properties (w:pPr/w:rPr) hide only the mark, not the text.
    assert.equal(folded(withStyles(xml.replace('<w:body>', '<w:body><w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>甲</w:t></w:r></w:p>'))), folded(`甲\n${base}`));
    // Without styles.xml the styles hide nothing.
    const bare: Record<string, Uint8Array> = { ...files, 'word/document.xml': new TextEncoder().encode(withRun('<w:rStyle w:val="Hide"/>')) };
    delete bare['word/styles.xml'];
    assert.ok(shownIn(readDocx(zipSync(bare, { level: 1 })).text) > 300);
  });

  it('the same under ISO strict and another prefix', () => {
    const body = P(R('一、总体情况')) + `<w:tbl><w:tr>${TC(R('规章'))}${TC(R('1'))}</w:tr></w:tbl>`;
    for (const [ns, prefix] of [
      ['http://purl.oclc.org/ooxml/wordprocessingml/main', 'w'],
      ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'ns0'],
    ]) {
      const r = readDocx(docxOf(body, ns, prefix));
      assert.equal(r.text, '一、总体情况\n\n规章\t1\n\n', `${prefix} ${ns}`);
    }
    // A foreign namespace with the w prefix is not WordprocessingML.
    assert.equal(readDocx(docxOf(body, 'urn:other', 'w')).text, '');
  });

  it('gridSpan, vMerge and gridBefore: values keep their columns, labels add no fields', () => {
    const body =
      '<w:tbl>' +
      `<w:tr>${TC(R('三、本年度办理结果'), '<w:vMerge w:val="restart"/>')}${TC(R('（一）予以公开'), '<w:gridSpan w:val="2"/>')}${TC(R('1'))}${TC(R('2'))}</w:tr>` +
      `<w:tr>${TC('', '<w:vMerge/>')}${TC(R('（三）不予公开'), '<w:vMerge w:val="restart"/>')}${TC(R('1.属于国家秘密'))}${TC(R('0'), '<w:gridSpan w:val="2"/>')}</w:tr>` +
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${TC('', '<w:vMerge/>')}${TC(R('2.其他'))}${TC('', '<w:vMerge w:val="restart"/>')}${TC(R('𠮷'))}</w:tr>` +
      `<w:tr>${TC(R('四、结转'), '<w:gridSpan w:val="3"/>')}${TC('', '<w:vMerge/>')}${TC(R('7'))}</w:tr>` +
      '</w:tbl>';
    const r = readDocx(docxOf(body));
    assert.equal(r.text, ['三、本年度办理结果\t（一）予以公开\t1\t2', '（三）不予公开\t1.属于国家秘密\t0\t', '\t2.其他\t\t𠮷', '四、结转\t\t7', ''].join('\n') + '\n');
    // Locations: row 2's value 0 is the cell at grid column 4; the vertically continued value cell is a blank field of its own.
    assert.deepEqual(locate(r, 1, 17), { kind: 'docx', table: 1, row: 2, cell: 4 });
    assert.deepEqual(locate(r, 3, 5), { kind: 'docx', table: 1, row: 4, cell: 4 });
    assert.deepEqual(locate(r, 3, 6), { kind: 'docx', table: 1, row: 4, cell: 5 });
  });

  it('a layout table around tables renders the inner tables', () => {
    const inner = `<w:tbl><w:tr>${TC(R('规章'))}${TC(R('3'))}</w:tr></w:tbl>`;
    const body = `<w:tbl><w:tr><w:tc>${P(R('左栏'))}</w:tc><w:tc>${inner}${P('')}</w:tc></w:tr></w:tbl>`;
    const r = readDocx(docxOf(body));
    assert.equal(r.text, '左栏\n\n规章\t3\n\n');
    assert.deepEqual(locate(r, 2, 3), { kind: 'docx', table: 1, row: 1, cell: 2 });
  });

  it('readDocument picks the reader by file name, and never throws', async () => {
    assert.equal((await readDocument(bytes('docx', 'seed-000.docx'), '报告.DOCX')).kind, 'docx');
    assert.equal((await readDocument(bytes('html', 'cms-gbk-seed-000.htm'), 'a.htm')).kind, 'html');
    const flat = await readDocument(bytes('flat', 'seed-000.txt'), 'a.txt');
    assert.match(flat.text, /^一、本年新收政府信息公开申请数量\t/m);
    const seed = seeds()[0];
    assert.equal((await readDocument(new TextEncoder().encode(seed.text), 'a.txt')).text, seed.text);
    const notPdf = await readDocument(new Uint8Array(1), 'a.pdf');
    assert.deepEqual([notPdf.kind, notPdf.problems.map((p) => p.code)], ['pdf', ['pdf-broken']]);
    const big = await readDocument(new Uint8Array(2048), 'a.docx', { maxBytes: 1024 });
    assert.deepEqual(big.problems.map((p) => p.code), ['document-too-large']);
  });
});
