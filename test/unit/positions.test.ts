// Positions are UTF-16 code units, as LSP clients count them: a character outside the BMP (𠮷, two
// code units) before a broken cell moves the cell's range by two, CJK characters by one each.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, replaceRange, seeds } from '../helpers.js';

describe('positions', () => {
  const seed = seeds().find((s) => s.name.startsWith('000'))!.text;
  // Seed 000, table 三: "三、本年度办理结果\t(一) 予以公开\t0\t0…" — break the first number of that row.
  const lines = seed.split('\n');
  const rowLine = lines.findIndex((l) => l.startsWith('三、本年度办理结果\t'));

  function brokenCellRange(prefix: string) {
    const text = [...lines.slice(0, rowLine), prefix + lines[rowLine], ...lines.slice(rowLine + 1)].join('\n');
    const a = analyze(text);
    const cell = a.report.tables[1].parts[0].rows.find((r) => r.def.id === 'granted')!.cells[0]!;
    const after = analyze(replaceRange(text, cell.range, '5'));
    const f = after.findings.find((x) => x.rule === 'likely-culprit')!;
    return { text: replaceRange(text, cell.range, '5'), range: f.range };
  }

  it('places the finding on the cell, counted in UTF-16 code units', () => {
    const plain = brokenCellRange('');
    const tab = lines[rowLine].indexOf('\t', lines[rowLine].indexOf('\t') + 1) + 1;
    assert.deepEqual(plain.range, { start: { line: rowLine, character: tab }, end: { line: rowLine, character: tab + 1 } });
  });

  it('moves by two code units for 𠮷 and one for each CJK character', () => {
    const base = brokenCellRange('').range.start.character;
    const astral = brokenCellRange('𠮷');
    assert.equal('𠮷'.length, 2);
    assert.equal(astral.range.start.character, base + 2);
    assert.equal(astral.text.split('\n')[rowLine].slice(astral.range.start.character, astral.range.end.character), '5');
    assert.equal(brokenCellRange('附表').range.start.character, base + 2);
  });

  it('handles CRLF and a BOM-less CR-only file alike', () => {
    const crlf = analyze(seed.replace(/\n/g, '\r\n'));
    const cr = analyze(seed.replace(/\n/g, '\r'));
    const lf = analyze(seed);
    const key = (a: typeof lf) => a.report.tables.map((t) => [t.firstLine, t.lastLine]);
    assert.deepEqual(key(crlf), key(lf));
    assert.deepEqual(key(cr), key(lf));
  });
});
