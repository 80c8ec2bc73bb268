// Generated over every cell: for each seed and for its re-serialisations in every other text shape,
// any raised number of tables 三 and 四 gives an error on that table; a change that keeps the row total
// right is caught by the column checks; one that keeps the row total and （七）总计 right is caught by the
// 勾稽关系 alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Table, TableCell } from '../../server/src/core/tables.js';
import { SHAPES, analyze, arithmeticCells, errors, replaceRange, reserialize, seeds } from '../helpers.js';
import type { Finding } from '../../server/src/core/analyze.js';

function bump(text: string, cells: TableCell[]): string {
  // Later cells first, so earlier ranges stay valid.
  const sorted = [...cells].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  return sorted.reduce((t, c) => replaceRange(t, c.range, String((c.value.value ?? 0) + 1)), text);
}

function onTable(findings: Finding[], t: Table): Finding[] {
  return errors(findings).filter((f) => f.range.start.line >= t.firstLine && f.range.end.line <= t.lastLine);
}

const documents = seeds().flatMap((s) => [
  { name: s.name, text: s.text },
  ...SHAPES.map((shape) => ({ name: `${s.name} as ${shape}`, text: reserialize(s.text, shape) })),
]);

for (const doc of documents) {
  describe(doc.name, () => {
    const base = analyze(doc.text);
    const applications = base.report.tables.find((t) => t.def.id === 'applications')!;
    const part = applications.parts[0];
    const row = (id: string) => part.rows.find((r) => r.def.id === id && !r.duplicate)!;
    const numeric = (c: TableCell | null): c is TableCell => !!c && c.value.kind === 'number';

    it('reads as the original does: same values, no errors', () => {
      assert.deepEqual(errors(base), []);
      const values = (t: Table) => t.parts.map((p) => p.rows.map((r) => r.cells.map((c) => c?.value.value ?? null)));
      const original = analyze(seeds().find((s) => doc.name.startsWith(s.name))!.text);
      assert.deepEqual(base.report.tables.map(values), original.report.tables.map(values));
    });

    it('raising any single number of tables 三 and 四 gives an error on that table', () => {
      const cells = arithmeticCells(base);
      assert.ok(cells.length >= 160, `found ${cells.length} cells`);
      for (const { table, cell } of cells) {
        const after = analyze(bump(doc.text, [cell]));
        const t = after.report.tables.find((x) => x.def.id === table.def.id)!;
        assert.ok(onTable(after.findings, t).length > 0, `raising ${cell.row.id}/${cell.column.id} (line ${cell.range.start.line}) gives no error`);
      }
    });

    it('a change that keeps the row total right is caught by the column checks', () => {
      let tried = 0;
      for (const r of part.rows) {
        const total = r.cells[6];
        for (const cell of r.cells.slice(0, 6)) {
          if (!numeric(cell) || !numeric(total)) continue;
          tried++;
          const found = errors(analyze(bump(doc.text, [cell, total])));
          assert.ok(found.some((f) => f.rule === 'result-total' || f.rule === 'reconciliation'), `${r.def.id}/${cell.column.id}: ${found.map((f) => f.rule)}`);
          assert.ok(!found.some((f) => f.rule === 'row-total'), `${r.def.id}/${cell.column.id}: row total reported`);
        }
      }
      assert.ok(tried >= 100);
    });

    it('a change that keeps the row total and （七）总计 right is caught by the 勾稽关系 alone', () => {
      const resultTotal = row('resultTotal');
      let tried = 0;
      for (const r of part.rows) {
        if (!part.def.identities.find((i) => i.rule === 'result-total')!.right.includes(r.def.id) || r.duplicate) continue;
        for (let k = 0; k < 6; k++) {
          const cells = [r.cells[k], r.cells[6], resultTotal.cells[k], resultTotal.cells[6]];
          if (!cells.every(numeric)) continue;
          tried++;
          const found = errors(analyze(bump(doc.text, cells as TableCell[])));
          assert.ok(found.length > 0, `${r.def.id}/${k}: no error`);
          assert.deepEqual([...new Set(found.map((f) => f.rule))], ['reconciliation'], `${r.def.id}/${k}`);
        }
      }
      assert.ok(tried >= 80);
    });
  });
}
