// Outline, folding and hover over every document we have: every sample, every fixture, and every seed
// rewritten in each of the six table shapes. LSP rejects a symbol whose selectionRange is outside its
// range (VS Code then shows an empty Outline), so the nesting is checked everywhere, not on one seed.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type DocumentSymbol, MarkupKind } from 'vscode-languageserver';
import { type Range, splitLines } from '../../server/src/core/text.js';
import { hover } from '../../server/src/lsp/hover.js';
import { clampRange, documentRange, documentSymbols, foldingRanges, nested } from '../../server/src/lsp/symbols.js';
import { ROOT, SHAPES, analyze, reserialize, seeds, within } from '../helpers.js';

const txtUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? txtUnder(join(dir, e.name)) : e.name.endsWith('.txt') ? [join(dir, e.name)] : []));

const documents: { name: string; text: string }[] = [
  ...[...txtUnder(join(ROOT, 'samples')), ...txtUnder(join(ROOT, 'test/fixtures'))].map((p) => ({ name: relative(ROOT, p), text: readFileSync(p, 'utf8') })),
  ...seeds().flatMap((s) => SHAPES.map((shape) => ({ name: `${s.name} as ${shape}`, text: reserialize(s.text, shape) }))),
];

const isPos = (p: { line: number; character: number }) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0;

function checkSymbols(symbols: DocumentSymbol[], parent: Range, path: string, out: string[]): void {
  for (const s of symbols) {
    const here = `${path} › ${s.name}`;
    if (![s.range.start, s.range.end, s.selectionRange.start, s.selectionRange.end].every(isPos)) out.push(`${here}: bad position`);
    if (!within(s.range, parent)) out.push(`${here}: range ${JSON.stringify(s.range)} outside its parent ${JSON.stringify(parent)}`);
    if (!within(s.selectionRange, s.range)) out.push(`${here}: selectionRange ${JSON.stringify(s.selectionRange)} outside range ${JSON.stringify(s.range)}`);
    checkSymbols(s.children ?? [], s.range, here, out);
  }
}

describe('symbols, folding and hover on every sample, fixture and shape', () => {
  it(`covers ${documents.length} documents`, () => assert.ok(documents.length >= 5 * SHAPES.length + 40, String(documents.length)));

  for (const { name, text } of documents) {
    it(name, () => {
      const a = analyze(text);
      const lines = splitLines(text);
      const whole = documentRange(lines);
      const problems: string[] = [];
      for (const l of ['zh-cn', 'en'] as const) checkSymbols(documentSymbols(a, l) ?? [], whole, l, problems);
      for (const f of foldingRanges(a)) {
        if (!(Number.isInteger(f.startLine) && f.startLine >= 0 && f.startLine < f.endLine && f.endLine < lines.length)) problems.push(`folding ${JSON.stringify(f)}`);
      }
      // Hover on every cell of every table, in both formats.
      let hovers = 0;
      for (const t of a.report.tables)
        for (const p of t.parts)
          for (const r of p.rows)
            for (const c of r.cells) {
              if (!c) continue;
              for (const kind of [MarkupKind.Markdown, MarkupKind.PlainText]) {
                const h = hover(a, c.range.start, 'zh-cn', kind);
                if (!h) {
                  problems.push(`no hover at ${JSON.stringify(c.range.start)}`);
                  continue;
                }
                hovers++;
                if (!h.range || !within(h.range, whole)) problems.push(`hover range ${JSON.stringify(h.range)} outside the document`);
                const value = (h.contents as { value: string }).value;
                if (kind === MarkupKind.PlainText && /\*\*|`/.test(value)) problems.push(`plain-text hover with markdown: ${value}`);
              }
            }
      assert.deepEqual(problems.slice(0, 5), [], `${problems.length} problems`);
      if (a.report.tables.some((t) => t.def.id === 'applications')) assert.ok(hovers > 0);
    });
  }

  it('the PDF-text sample has a row label outside its row: the case nesting must handle', () => {
    const a = analyze(readFileSync(join(ROOT, 'samples/broken/勾稽关系不平-PDF文本.txt'), 'utf8'));
    const rows = a.report.tables.flatMap((t) => t.parts.flatMap((p) => p.rows));
    assert.ok(rows.some((r) => r.label && !within(r.label.range, r.range)));
    const t3 = documentSymbols(a, 'zh-cn')!.flatMap((s) => s.children ?? []).find((s) => s.name.startsWith('表三'))!;
    assert.ok(t3.children!.length >= 20, 'the rows are in the Outline');
  });
});

describe('nested', () => {
  const pos = fc.record({ line: fc.nat({ max: 20 }), character: fc.nat({ max: 20 }) });
  const range = fc.tuple(pos, pos).map(([a, b]) => (a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a }));
  it('gives selectionRange ⊆ range ⊆ parent for any inputs, even ranges that are inverted or disjoint', () => {
    fc.assert(
      fc.property(range, range, range, pos, (parent, r, sel, p) => {
        const swapped = { start: r.end, end: r.start };
        for (const input of [r, swapped]) {
          const n = nested(input, sel, parent);
          assert.ok(within(n.range, parent) && within(n.selectionRange, n.range));
        }
        const c = clampRange({ start: p, end: p }, parent);
        assert.ok(within(c, parent));
      }),
    );
  });
  it('keeps a range that already nests as it is', () => {
    const parent = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    const r = { start: { line: 2, character: 1 }, end: { line: 4, character: 3 } };
    const sel = { start: { line: 2, character: 1 }, end: { line: 2, character: 5 } };
    assert.deepEqual(nested(r, sel, parent), { range: r, selectionRange: sel });
    // A label on the line after its cells (a wrapped PDF row) widens the row to hold it.
    const label = { start: { line: 5, character: 0 }, end: { line: 5, character: 4 } };
    assert.deepEqual(nested(r, label, parent), { range: { start: r.start, end: label.end }, selectionRange: label });
  });
});
