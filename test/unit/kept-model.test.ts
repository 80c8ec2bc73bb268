// The model analyze() returns is kept (an editor keeps each open report's, a file of many reports one per
// report): it carries no views the rules derived while they ran, and an equation's sides, made when first
// asked for, are the cells its sums were taken from.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze.js';
import { analyzeDocument, inFile } from '../../server/src/core/document.js';
import type { Equation, Operand } from '../../server/src/core/identities.js';
import { arithmeticValue } from '../../server/src/core/values.js';
import { seeds } from '../helpers.js';

/** Each seed, and each seed with the first number of its table 三 that is not 0 changed (equations broken, fixes offered). */
function reports(): { name: string; text: string }[] {
  return seeds().flatMap(({ name, text }) => {
    const a = analyze(text);
    const applications = a.report.tables.find((t) => t.def.id === 'applications');
    const cell = applications?.parts.flatMap((p) => p.rows.flatMap((r) => r.cells)).find((c) => c && /^[1-9]\d*$/.test(c.raw));
    if (!cell) return [{ name, text }];
    const lines = text.split('\n');
    const { line, character } = cell.range.start;
    lines[line] = lines[line].slice(0, character) + String(Number(cell.raw) + 7) + lines[line].slice(cell.range.end.character);
    return [{ name, text }, { name: `${name}, ${cell.row.id}/${cell.column.id} +7`, text: lines.join('\n') }];
  });
}

const sum = (side: readonly Operand[]) => side.reduce((s, o) => s + arithmeticValue(o.cell!.value)!, 0);

function checkEquation(eq: Equation, where: string): void {
  assert.equal(eq.left, eq.left, `${where}: the left side is made once`);
  assert.equal(eq.right, eq.right, `${where}: the right side is made once`);
  assert.equal(eq.anchor, eq.anchor, `${where}: the anchor is made once`);
  assert.ok([...eq.left, ...eq.right].includes(eq.anchor), `${where}: the anchor is one of the operands`);
  if (eq.status === 'holds' || eq.status === 'broken') {
    assert.equal(sum(eq.left), eq.leftSum, `${where}: leftSum is the sum of the left side's cells`);
    assert.equal(sum(eq.right), eq.rightSum, `${where}: rightSum is the sum of the right side's cells`);
    assert.equal(eq.status === 'holds', eq.leftSum === eq.rightSum, where);
  }
  if (eq.status === 'incomplete') assert.ok([...eq.left, ...eq.right].some((o) => o.cell === null), `${where}: incomplete means a cell is missing`);
  const json = JSON.parse(JSON.stringify({ left: eq.left, right: eq.right, anchor: eq.anchor, plain: eq }));
  assert.deepEqual(json.plain.left, json.left, `${where}: an equation serialises with its sides`);
  assert.deepEqual(json.plain.right, json.right, where);
  assert.deepEqual(json.plain.anchor, json.anchor, where);
}

describe('the kept model', () => {
  const all = reports();

  it('carries none of the values the rules derived from it (memo.ts), and gives the same findings when analysed again', () => {
    let broken = 0;
    for (const { name, text } of all) {
      const a = analyze(text);
      assert.deepEqual(Object.getOwnPropertySymbols(a.report), [], name);
      assert.deepEqual(analyze(text).findings, a.findings, name);
      broken += a.report.equations.filter((e) => e.status === 'broken').length;
    }
    assert.ok(broken > 0, 'the changed seeds break equations');
  });

  it('has equations whose sides, made when asked, are the cells their sums were taken from', () => {
    let n = 0;
    for (const { name, text } of all) {
      for (const eq of analyze(text).report.equations) checkEquation(eq, `${name} ${eq.rule} ${eq.part.def.id} ${eq.scope.id}`);
      n += analyze(text).report.equations.length;
    }
    assert.ok(n > 100);
  });

  it('has the same equations in a file of many reports, and seen in the file, the same moved to the report\'s lines', () => {
    const text = all.map((r) => r.text.replace(/\s*$/, '\n')).join('\n\f\n');
    const doc = analyzeDocument(text);
    const seen = inFile(doc.reports, text);
    assert.equal(doc.reports.length, all.length);
    const plain = (e: Equation) => [e.rule, e.scope.id, e.status, e.leftSum, e.rightSum];
    doc.reports.forEach((r, k) => {
      const alone = analyze(r.text).report.equations;
      assert.deepEqual(r.analysis.report.equations.map(plain), alone.map(plain));
      const moved = seen(k).report.equations;
      assert.deepEqual(moved.map(plain), alone.map(plain));
      moved.forEach((eq, i) => {
        const where = `${r.title} ${eq.rule} ${eq.scope.id}`;
        assert.ok([...eq.left, ...eq.right].includes(eq.anchor), `${where}: the anchor is one of the operands in the file too`);
        const sides = [...eq.left, ...eq.right].map((o) => o.cell?.range.start.line ?? null);
        const before = [...alone[i].left, ...alone[i].right].map((o) => o.cell?.range.start.line ?? null);
        assert.deepEqual(sides, before.map((l) => (l === null ? null : l + r.span.fromLine)), `${where}: its cells moved to the report's lines`);
      });
    });
  });
});
