// Rewriting tables in another shape and aligning them in place, over every seed in every text shape:
// the table reads back identically (labels and cell values), nothing outside the table changes,
// formatting is idempotent, and columns line up by display width (CJK and 𠮷 count two).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis } from '../../server/src/core/analyze.js';
import type { Table } from '../../server/src/core/tables.js';
import { analyzeDocument, inFile } from '../../server/src/core/document.js';
import { formatting } from '../../server/src/lsp/see.js';
import { TARGET_SHAPES, formatTables, reshapeTable } from '../../server/src/outputs/reshape.js';
import { displayWidth, padDisplay } from '../../server/src/outputs/width.js';
import { SHAPES, analyze, applyEdits, errors, replaceRange, reserialize, seeds } from '../helpers.js';

/** What a reading of a table is: every row's statutory id, its label as written and its cells as written. */
const reading = (t: Table) => t.parts.map((p) => p.rows.map((r) => [r.def.id, r.label?.text ?? null, r.cells.map((c) => (c ? [c.raw, c.value.value] : null)), r.extra.map((c) => c.text)]));
const readings = (a: Analysis) => a.report.tables.map((t) => [t.def.id, t.format.version, reading(t)]);
const outside = (text: string, t: Table) => text.split('\n').filter((_, k) => k < t.firstLine || k > t.lastLine);

function pipeColumns(line: string): number[] {
  const cols: number[] = [];
  let w = 0;
  for (const ch of line) {
    if (ch === '|') cols.push(w);
    w += displayWidth(ch);
  }
  return cols;
}

const documents = seeds().flatMap((s) => [
  { name: s.name, text: s.text },
  ...SHAPES.map((shape) => ({ name: `${s.name} as ${shape}`, text: reserialize(s.text, shape) })),
]);

describe('reshapeTable: every seed × every source shape × every target shape', () => {
  for (const doc of documents) {
    it(`${doc.name}: reads back identically, only the table's lines change`, () => {
      const a = analyze(doc.text);
      assert.equal(a.report.tables.length, 3);
      for (const [k, t] of a.report.tables.entries()) {
        for (const shape of TARGET_SHAPES) {
          const edit = reshapeTable(a, t, shape);
          assert.ok(edit, `${t.def.id} → ${shape}`);
          const after = applyEdits(doc.text, [edit]);
          const b = analyze(after);
          assert.deepEqual(readings(b), readings(a), `${t.def.id} → ${shape}`);
          assert.deepEqual(errors(b).map((f) => f.message), errors(a).map((f) => f.message));
          if (shape !== 'pipe') assert.equal(b.report.tables[k].shape, shape);
          // Nothing outside the table's own lines moved.
          const t2 = b.report.tables[k];
          assert.deepEqual(outside(after, t2), outside(doc.text, t));
          if (shape === 'pipe' || shape === 'markdown') {
            const rows = after.split('\n').slice(t2.firstLine, t2.lastLine + 1).filter((l) => l.includes('|'));
            const first = pipeColumns(rows[0]);
            for (const r of rows) assert.deepEqual(pipeColumns(r), first, `aligned: ${r}`);
          }
          // And back: the rewritten table rewritten again in the source shape's family reads the same.
          const again = reshapeTable(b, t2, 'tsv')!;
          assert.deepEqual(readings(analyze(applyEdits(after, [again]))), readings(a));
        }
      }
    });
  }
});

describe('formatTables: every seed × every shape', () => {
  for (const doc of documents) {
    it(`${doc.name}: aligns in place, keeps the shape and every cell, idempotent`, () => {
      const a = analyze(doc.text);
      const once = applyEdits(doc.text, formatTables(doc.text, a));
      const b = analyze(once);
      assert.deepEqual(readings(b), readings(a));
      assert.deepEqual(b.report.tables.map((t) => t.shape), a.report.tables.map((t) => t.shape));
      assert.deepEqual(formatTables(once, b), [], 'formatting twice changes nothing');
      for (const t of b.report.tables) {
        const lines = once.split('\n').slice(t.firstLine, t.lastLine + 1);
        if (t.shape === 'pipe' || t.shape === 'markdown') {
          const rows = lines.filter((l) => l.includes('|'));
          for (const r of rows) assert.deepEqual(pipeColumns(r).slice(0, -1), pipeColumns(rows[0]).slice(0, pipeColumns(r).length - 1));
        } else {
          const original = doc.text.split('\n').slice(t.firstLine, t.lastLine + 1);
          assert.deepEqual(lines, original, `${t.shape} tables are left as they are`);
        }
      }
    });
  }

  it('aligns pipe tables written unevenly, and only the tables meeting the range', () => {
    const text = reserialize(seeds()[2].text, 'pipe');
    const a = analyze(text);
    // Squeeze every pipe row: the reading is the same, the columns no longer line up.
    const squeezed = text.split('\n').map((l) => (l.includes(' | ') ? l.replace(/\s*\|\s*/g, '|') : l)).join('\n');
    const s = analyze(squeezed);
    assert.deepEqual(readings(s), readings(a));
    const all = formatTables(squeezed, s);
    assert.equal(all.length, 3);
    const t3 = s.report.tables.find((t) => t.def.id === 'applications')!;
    const some = formatTables(squeezed, s, { start: { line: t3.firstLine + 2, character: 0 }, end: { line: t3.firstLine + 3, character: 0 } });
    assert.equal(some.length, 1);
    assert.equal(some[0].range.start.line, t3.firstLine);
    const formatted = applyEdits(squeezed, all);
    assert.deepEqual(readings(analyze(formatted)), readings(a));
    assert.deepEqual(formatTables(formatted, analyze(formatted)), []);
  });

  it('formats a file of many reports in one reading of its text: the tables of each as alone, in linear time', () => {
    // Split once per report, Format Document took time quadratic in the reports (300 reports, 0.9 M
    // characters: 0.5–2.7 s); four times the reports now take four times as long, not sixteen.
    const squeezed = (t: string) => t.replace(/ *\| */g, '|');
    const parts = [0, 1, 2].map((k) => squeezed(reserialize(seeds()[k].text, 'markdown')).replace(/\s*$/, '\n'));
    const file = (n: number) => {
      const text = Array.from({ length: n }, (_, k) => parts[k % 3]).join('\n\f\n');
      const doc = analyzeDocument(text);
      assert.equal(doc.reports.length, n);
      const at = inFile(doc.reports, text);
      return { text, doc, analyses: doc.reports.map((_, k) => at(k)) };
    };
    const timed = ({ text, analyses }: ReturnType<typeof file>) => {
      const t0 = performance.now();
      const edits = formatting(text, analyses);
      return { edits, ms: performance.now() - t0 };
    };
    const small = file(150);
    timed(small);
    const few = timed(small);
    const large = file(600);
    const many = timed(large);
    assert.ok(many.ms / few.ms < 8, `150 reports ${few.ms.toFixed(0)} ms, 600 reports ${many.ms.toFixed(0)} ms`);
    // Each report's edits are what its own text gets, shifted to its place.
    const own = [0, 1, 2].map((k) => formatTables(large.doc.reports[k].text, large.doc.reports[k].analysis));
    assert.ok(own.every((e) => e.length > 0));
    const first = large.doc.reports[0];
    assert.deepEqual(many.edits.filter((e) => e.range.start.line < first.span.toLine), own[0]);
    assert.equal(many.edits.length, 200 * own.reduce((n, e) => n + e.length, 0));
  });

  it('counts CJK and 𠮷 as two columns when padding, and keeps CRLF line ends', () => {
    const base = reserialize(seeds()[0].text, 'markdown');
    const a0 = analyze(base);
    const cell = a0.report.tables.find((t) => t.def.id === 'applications')!.parts[0].rows[0].cells[2]!;
    const text = replaceRange(base, cell.range, '𠮷𠮷x').replace(/\n/g, '\r\n');
    const a = analyze(text);
    const edits = formatTables(text, a);
    const out = applyEdits(text, edits);
    assert.ok(out.includes('| 𠮷𠮷x'));
    assert.ok(!/[^\r]\n/.test(out), 'CRLF kept');
    const t = analyze(out).report.tables.find((x) => x.def.id === 'applications')!;
    const rows = out.split('\r\n').slice(t.firstLine, t.lastLine + 1).filter((l) => l.includes('|'));
    for (const r of rows) assert.deepEqual(pipeColumns(r), pipeColumns(rows[0]), r);
    assert.deepEqual(readings(analyze(out)), readings(a));
  });
});

describe('reshapeTable refuses what it cannot write without changing a cell', () => {
  it('a cell holding a pipe cannot be rewritten: every line holding a pipe reads as a pipe row', () => {
    const base = reserialize(seeds()[0].text, 'cellPerLine');
    const a0 = analyze(base);
    const cell = a0.report.tables.find((t) => t.def.id === 'applications')!.parts[0].rows[0].cells[2]!;
    const text = replaceRange(base, cell.range, 'a|b');
    assert.equal(analyze(text).report.tables.find((x) => x.def.id === 'applications')!.parts[0].rows[0].cells[2]!.raw, 'a|b');
    const a = analyze(text);
    const t = a.report.tables.find((x) => x.def.id === 'applications')!;
    assert.equal(reshapeTable(a, t, 'pipe'), null);
    assert.equal(reshapeTable(a, t, 'markdown'), null);
    assert.equal(reshapeTable(a, t, 'tsv'), null);
    assert.ok(reshapeTable(a, a.report.tables.find((x) => x.def.id === 'reviewLitigation')!, 'tsv'));
  });
  it('a cell holding a tab cannot become a tab-separated table', () => {
    const base = reserialize(seeds()[0].text, 'pipe');
    const a0 = analyze(base);
    const cell = a0.report.tables.find((t) => t.def.id === 'applications')!.parts[0].rows[0].cells[2]!;
    const text = replaceRange(base, cell.range, 'a\tb');
    const a = analyze(text);
    const t = a.report.tables.find((x) => x.def.id === 'applications')!;
    assert.equal(t.parts[0].rows[0].cells[2]!.raw, 'a\tb');
    assert.equal(reshapeTable(a, t, 'tsv'), null);
    assert.ok(reshapeTable(a, t, 'markdown'));
  });
});

describe('displayWidth', () => {
  it('counts by what a monospace editor shows', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('自然人'), 6);
    assert.equal(displayWidth('𠮷'), 2);
    assert.equal('𠮷'.length, 2);
    assert.equal(displayWidth('𠮷野家'), 6);
    assert.equal(displayWidth('e\u0301'), 1, 'combining acute accent');
    assert.equal(displayWidth('（一）：，'), 10, 'full-width punctuation');
    assert.equal(displayWidth('１２'), 4, 'full-width digits');
    assert.equal(displayWidth('\u200b'), 0);
    assert.equal(displayWidth('ｶ'), 1, 'half-width katakana');
    assert.equal(displayWidth(''), 0);
  });
  it('pads to display width', () => {
    assert.equal(padDisplay('𠮷', 4), '𠮷  ');
    assert.equal(padDisplay('ab', 4), 'ab  ');
    assert.equal(padDisplay('自然人', 4), '自然人');
  });
});
