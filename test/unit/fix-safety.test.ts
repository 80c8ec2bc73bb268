// Generated fix safety: every seed in every text shape, broken in each way a report gets broken (a number
// raised by 1–5, a cell blanked, a label garbled, a row deleted, two cells raised) on each statutory table;
// every quick fix offered and fix-all are applied and the text re-analysed. A fix must remove its finding,
// break no identity that held, add no finding, never raise the error count; fix-all applied twice must
// equal fix-all once. Variants are sampled deterministically so the test stays fast.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Analysis } from '../../server/src/core/analyze.js';
import { diffEdit, findingKey, fixAll, heldIdentities, newFindings, noWorse } from '../../server/src/core/fix.js';
import type { Table, TableCell } from '../../server/src/core/tables.js';
import { splitLines } from '../../server/src/core/text.js';
import { SHAPES, analyze, applyEdits, fixture, replaceRange, reserialize, seeds } from '../helpers.js';

type Kind = 'raise' | 'blank' | 'garble' | 'deleteRow' | 'twoRaises';
const KINDS: Kind[] = ['raise', 'blank', 'garble', 'deleteRow', 'twoRaises'];

/** A small deterministic generator (the same variants on every run). */
function picker(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

function numericCells(t: Table): TableCell[] {
  return t.parts.flatMap((p) => p.rows.filter((r) => !r.duplicate).flatMap((r) => r.cells.filter((c): c is TableCell => !!c && c.value.kind === 'number')));
}

function raise(text: string, cells: TableCell[], by: number[]): string {
  const order = cells.map((c, k) => ({ c, k })).sort((x, y) => y.c.range.start.line - x.c.range.start.line || y.c.range.start.character - x.c.range.start.character);
  return order.reduce((t, { c, k }) => replaceRange(t, c.range, String((c.value.value ?? 0) + by[k])), text);
}

function variant(text: string, t: Table, kind: Kind, pick: (n: number) => number): string | null {
  const cells = numericCells(t);
  if (cells.length === 0) return null;
  switch (kind) {
    case 'raise':
      return raise(text, [cells[pick(cells.length)]], [1 + pick(5)]);
    case 'twoRaises': {
      const a = pick(cells.length);
      let b = pick(cells.length);
      if (b === a) b = (a + 1) % cells.length;
      if (cells[b].range.start.line === cells[a].range.start.line && cells[b].range.start.character === cells[a].range.start.character) return null;
      return raise(text, [cells[a], cells[b]], [1 + pick(5), 1 + pick(5)]);
    }
    case 'blank': {
      const c = cells[pick(cells.length)];
      return replaceRange(text, c.range, '');
    }
    case 'garble': {
      const rows = t.parts.filter((p) => p.def.labelledRows).flatMap((p) => p.rows.filter((r) => r.label && r.label.range.start.line === r.label.range.end.line));
      if (rows.length === 0) return null;
      const label = rows[pick(rows.length)].label!;
      const chars = [...label.text];
      // A typo: one character changed for a similar-looking wrong one.
      const at = pick(chars.length);
      chars[at] = chars[at] === '某' ? '甲' : '某';
      return replaceRange(text, label.range, chars.join(''));
    }
    case 'deleteRow': {
      const rows = t.parts.flatMap((p) => p.rows.filter((r) => !r.duplicate));
      if (rows.length < 2) return null;
      const r = rows[pick(rows.length)];
      const lines = text.split('\n');
      lines.splice(r.range.start.line, r.range.end.line - r.range.start.line + 1);
      return lines.join('\n');
    }
  }
}

const counts = (a: Analysis) => {
  const m = new Map<string, number>();
  for (const f of a.findings) m.set(findingKey(f), (m.get(findingKey(f)) ?? 0) + 1);
  return m;
};
const errorCount = (a: Analysis) => a.findings.filter((f) => f.severity === 'error').length;

/** Why `after` is worse than `before`, or null. */
function harm(before: Analysis, after: Analysis): string | null {
  if (errorCount(after) > errorCount(before)) return `errors ${errorCount(before)} → ${errorCount(after)}`;
  const held = heldIdentities(after);
  const broke = [...heldIdentities(before)].filter((k) => !held.has(k));
  if (broke.length) return `breaks ${broke.join(', ')}`;
  const added = newFindings(before, after);
  if (added.length) return `adds ${added.map((f) => `${f.rule}: ${f.message}`).join(' | ')}`;
  return null;
}

const TABLES = ['activeDisclosure', 'applications', 'reviewLitigation'];

describe('fix safety over generated broken reports', () => {
  const documents = seeds().flatMap((s) => [{ name: s.name, text: s.text }, ...SHAPES.map((shape) => ({ name: `${s.name} as ${shape}`, text: reserialize(s.text, shape) }))]);
  const stats = { variants: 0, quickFixes: 0, unsafeQuickFixes: 0, fixAlls: 0, unsafeFixAlls: 0, notIdempotent: 0 };
  const problems: string[] = [];

  it('every quick fix and fix-all is safe, and fix-all reaches a fixed point at once', () => {
    documents.forEach((doc, d) => {
      const base = analyze(doc.text);
      for (const id of TABLES) {
        const t = base.report.tables.find((x) => x.def.id === id);
        assert.ok(t, `${doc.name}: table ${id} not read`);
        KINDS.forEach((kind, k) => {
          const pick = picker(1 + d * 97 + TABLES.indexOf(id) * 13 + k);
          const text = variant(doc.text, t, kind, pick);
          if (text === null || text === doc.text) return;
          stats.variants++;
          const where = `${doc.name} / ${id} / ${kind}`;
          const a = analyze(text);
          for (const f of a.findings) {
            if (!f.fix) continue;
            stats.quickFixes++;
            const after = analyze(applyEdits(text, f.fix.edits));
            const gone = (counts(after).get(findingKey(f)) ?? 0) < (counts(a).get(findingKey(f)) ?? 0);
            const why = !gone ? 'the finding stays' : harm(a, after);
            if (why) {
              stats.unsafeQuickFixes++;
              problems.push(`${where}: quick fix “${f.fix.title}” for ${f.rule}: ${why}`);
            }
          }
          const once = fixAll(text);
          if (once.edits.length === 0) return;
          stats.fixAlls++;
          assert.equal(applyEdits(text, once.edits), once.text, `${where}: fix-all edits do not give its text`);
          const why = harm(a, once.analysis);
          if (why || !noWorse(a, once.analysis)) {
            stats.unsafeFixAlls++;
            problems.push(`${where}: fix-all: ${why}`);
          }
          const twice = fixAll(once.text);
          if (twice.text !== once.text) {
            stats.notIdempotent++;
            problems.push(`${where}: fix-all applied twice differs from once`);
          }
        });
      }
    });
    console.log(
      `fix safety: ${stats.variants} broken variants; ${stats.quickFixes} quick fixes tried, ${stats.unsafeQuickFixes} unsafe; ` +
        `${stats.fixAlls} fix-alls, ${stats.unsafeFixAlls} unsafe, ${stats.notIdempotent} not idempotent`,
    );
    assert.ok(stats.variants >= documents.length * TABLES.length * 3, `only ${stats.variants} variants`);
    assert.ok(stats.quickFixes >= stats.variants / 2, `only ${stats.quickFixes} quick fixes`);
    assert.deepEqual(problems, []);
  });
});

describe('applyEdits', () => {
  const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
  it('takes positions in UTF-16 code units, any edit order, CRLF and CR line ends', () => {
    const text = '𠮷a\r\n表三b\rc';
    assert.equal(applyEdits(text, [{ range: r(1, 2, 1, 3), newText: 'B' }, { range: r(0, 2, 0, 3), newText: 'A' }, { range: r(2, 0, 2, 1), newText: 'C' }]), '𠮷A\r\n表三B\rC');
    // Insertions at one point keep their order; an edit across a line break joins lines.
    assert.equal(applyEdits(text, [{ range: r(0, 0, 0, 0), newText: '1' }, { range: r(0, 0, 0, 0), newText: '2' }]), '12' + text);
    assert.equal(applyEdits(text, [{ range: r(0, 3, 1, 0), newText: '' }]), '𠮷a表三b\rc');
    // Past the end of a line means its end, past the last line the end of the text (as LSP).
    assert.equal(applyEdits(text, [{ range: r(0, 99, 0, 99), newText: '!' }, { range: r(9, 0, 9, 0), newText: '$' }]), '𠮷a!\r\n表三b\rc$');
  });
  it('resolves positions as the lines of splitLines say, reading the text only as far as the edits go (generated texts and edits)', () => {
    // The definition: a position's offset from splitLines, a character past its line's end at that end, a
    // line past the last at the end of the text; edits that overlap refused, the others applied from the last.
    const reference = (text: string, edits: { range: ReturnType<typeof r>; newText: string }[]): string | 'overlap' => {
      const lines = splitLines(text);
      const at = (p: { line: number; character: number }) => (p.line >= lines.length ? text.length : lines[p.line].offset + Math.min(p.character, lines[p.line].text.length));
      const spans = edits.map((e, k) => ({ from: at(e.range.start), to: at(e.range.end), newText: e.newText, k })).sort((x, y) => x.from - y.from || x.to - y.to || x.k - y.k);
      if (spans.some((sp, k) => k > 0 && sp.from < spans[k - 1].to)) return 'overlap';
      let out = text;
      for (const sp of [...spans].reverse()) out = out.slice(0, sp.from) + sp.newText + out.slice(sp.to);
      return out;
    };
    const pos = fc.record({ line: fc.nat(8), character: fc.nat(6) });
    const ordered = ([a, b]: [{ line: number; character: number }, { line: number; character: number }]) => (a.line < b.line || (a.line === b.line && a.character <= b.character) ? [a, b] : [b, a]);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', '中', '𠮷'), maxLength: 30 }), fc.array(fc.tuple(pos, pos, fc.constantFrom('', 'x', '\n')), { maxLength: 3 }), (text, raw) => {
        const edits = raw.map(([p, q, newText]) => {
          const [a, b] = ordered([p, q]);
          return { range: r(a.line, a.character, b.line, b.character), newText };
        });
        const expected = reference(text, edits);
        if (expected === 'overlap') assert.throws(() => applyEdits(text, edits), RangeError);
        else assert.equal(applyEdits(text, edits), expected, JSON.stringify({ text, edits }));
      }),
      { numRuns: 5000 },
    );
  });

  it('rejects overlapping edits and malformed positions', () => {
    assert.throws(() => applyEdits('abcdef', [{ range: r(0, 1, 0, 4), newText: 'x' }, { range: r(0, 3, 0, 5), newText: 'y' }]), RangeError);
    assert.throws(() => applyEdits('abc', [{ range: r(0, 1.5, 0, 2), newText: 'x' }]), RangeError);
    assert.throws(() => applyEdits('abc', [{ range: r(0, 2, 0, 1), newText: 'x' }]), RangeError);
    assert.equal(applyEdits('abcdef', [{ range: r(0, 1, 0, 3), newText: 'x' }, { range: r(0, 3, 0, 5), newText: 'y' }]), 'axyf');
  });
  it('diffEdit gives one edit that turns one text into the other, never splitting 𠮷 or CRLF', () => {
    const pairs: [string, string][] = [
      ['a𠮷b', 'a𠮸b'],
      ['x\r\ny', 'x\ny'],
      ['总计 4', '总计 3'],
      ['', 'abc'],
      ['same', 'same'],
    ];
    for (const [a, b] of pairs) {
      const edits = diffEdit(a, b);
      assert.equal(applyEdits(a, edits), b);
      assert.ok(edits.length <= 1);
    }
  });
});

describe('fixAll', () => {
  it('fixes a report to a fixed point, returning edits that give its text', () => {
    const text = fixture('rules', 'likely-culprit.txt');
    const once = fixAll(text);
    assert.ok(once.applied >= 1);
    assert.equal(applyEdits(text, once.edits), once.text);
    assert.deepEqual(once.analysis.findings.filter((f) => f.severity === 'error'), []);
    assert.equal(fixAll(once.text).edits.length, 0);
  });
  it('reuses an analysis the caller has', () => {
    const text = fixture('rules', 'row-label.txt');
    const a = analyze(text);
    let calls = 0;
    fixAll(text, {}, (t, o) => {
      if (t === text) return a;
      calls++;
      return analyze(t, o);
    });
    assert.ok(calls >= 1);
  });
});

describe('fixes and findings land on the cell, in every shape', () => {
  const seed001 = seeds().find((s) => s.name.startsWith('001_'))!;
  for (const shape of SHAPES) {
    it(`${shape}: "fill 0" writes where the blank cell is read, and the row reads whole`, () => {
      const text = reserialize(seed001.text, shape);
      const a = analyze(text);
      const blanks = a.findings.filter((f) => f.rule === 'cell-blank');
      // Spaced text shows a blank as a dash (a placeholder), the other shapes as an empty cell.
      assert.equal(blanks.length, 5);
      for (const f of blanks) {
        assert.ok(f.fix, `${f.message}: no fix`);
        const after = analyze(applyEdits(text, f.fix.edits));
        assert.equal(after.findings.filter((x) => x.rule === 'cell-blank').length, 4, f.message);
        assert.deepEqual(after.findings.filter((x) => x.severity === 'error').map((x) => x.message), [], f.message);
        const cells = after.report.tables.find((t) => t.def.id === 'applications')!.parts[0].rows.flatMap((r) => r.cells);
        const filled = cells.find((c) => c && c.range.start.line === f.range.start.line && c.range.start.character === f.range.start.character);
        assert.ok(filled && filled.value.kind === 'number' && filled.value.value === 0, `${f.message}: the filled cell does not read 0`);
      }
    });

    // In tsv, pipe and markdown rows an empty field after the label may be a merged label column or a blank
    // first number; a row one number short is then read as a blank cell (a warning). Not yet told apart.
    if (shape === 'tsv' || shape === 'pipe' || shape === 'markdown') continue;
    it(`${shape}: a row one number short is a row-cells error on that row`, () => {
      // Seed 001 is a real .docx export in the cell-per-line shape, with merged label cells as lone tabs.
      const texts = [reserialize(seeds()[0].text, shape), ...(shape === 'cellPerLine' ? [seed001.text] : [])];
      let tried = 0;
      for (const text of texts) for (const row of analyze(text).report.tables.find((x) => x.def.id === 'applications')!.parts[0].rows.filter((r) => !r.duplicate)) {
        const [prev, last] = row.cells.slice(-2);
        if (!prev || !last) continue;
        // Remove the last number with the separator before it, whatever the shape's separator is.
        const cut = replaceRange(text, { start: prev.range.end, end: last.range.end }, '');
        const errs = analyze(cut).findings.filter((f) => f.severity === 'error');
        const rowCells = errs.filter((f) => f.rule === 'row-cells' && f.range.start.line >= row.range.start.line && f.range.start.line <= row.range.end.line);
        assert.equal(rowCells.length, 1, `${row.def.id}: ${errs.map((f) => `${f.rule}@${f.range.start.line}`).join(', ')}`);
        tried++;
      }
      assert.ok(tried >= 20);
    });
  }
});
