import { type Equation, type Operand, zeroFillIsSafe } from '../../identities.js';
import { cellNameOf, tableName } from '../../messages.js';
import type { Table, TableCell } from '../../tables.js';
import { defineRule, say } from '../rule.js';
import { tableEquationsOf } from '../arithmetic/common.js';
import { eachCell } from './common.js';

export default defineRule({
  id: 'cell-blank',
  severity: 'warning',
  title: { 'zh-cn': '应填数字的单元格为空', en: 'A cell that needs a number is blank' },
  fixable: true,
  tags: ['cells'],
  needs: 'tables',
  check({ report, locale: l, emit }) {
    // A table not filled in at all (the blank template) is one finding, not one per cell: its hundreds of
    // cells would bury every other finding. Its fix fills them all.
    const unfilled = new Set<Table>();
    for (const t of report.tables) {
      const cells = unfilledCells(t);
      if (!cells) continue;
      unfilled.add(t);
      const edits = cells.filter((c) => zeroFillIsSafe(c, equationsOf(c, tableEquationsOf(report, t)))).map((c) => ({ range: c.range, newText: '0' }));
      emit(
        t.openerRange,
        say(l, `${tableName(t.def, l)}尚未填写：${cells.length} 个单元格都没有数字，格式要求填写数字，没有则填 0`, `${tableName(t.def, l)} is not filled in: none of its ${cells.length} cells holds a number; the format asks for a number, 0 if none`),
        [],
        edits.length ? { title: say(l, `全部填写 0（${edits.length} 个单元格）`, `Fill in 0 (${edits.length} cells)`), edits } : undefined,
      );
    }
    eachCell(report, (part, cell, table) => {
      const kind = cell.value.kind;
      if ((kind !== 'blank' && kind !== 'placeholder') || unfilled.has(table)) return;
      const name = cellNameOf(part, cell, l);
      const raw = kind === 'placeholder' ? cell.raw : '';
      // Only the identities the cell takes part in can tell (zeroFillIsSafe passes over the others).
      emit(
        cell.range,
        say(l, `${name}${raw ? `为“${raw}”` : '为空'}：格式要求填写数字，没有则填 0`, `${name} is ${raw ? `“${raw}”` : 'blank'}: the format asks for a number, 0 if none`),
        [],
        // Where 0 would break an identity whose other cells are all numbers, the blank stands for a
        // missing number, not for 0: no fix.
        zeroFillIsSafe(cell, equationsOf(cell, tableEquationsOf(report, table))) ? { title: say(l, '填写 0', 'Fill in 0'), edits: [{ range: cell.range, newText: '0' }] } : undefined,
      );
    });
  },
});

/** The cells of a table of enough cells that has a number in none of them (each blank or a placeholder); null otherwise. */
function unfilledCells(t: Table): TableCell[] | null {
  const cells: TableCell[] = [];
  for (const p of t.parts)
    for (const r of p.rows)
      for (const c of r.cells) {
        if (!c) continue;
        if (c.value.kind !== 'blank' && c.value.kind !== 'placeholder') return null;
        cells.push(c);
      }
  return cells.length >= UNFILLED_MIN_CELLS ? cells : null;
}
// Table 二 of the 2021 format has 10 cells, the others more; a table read with fewer is a fragment, whose
// blanks are said one by one.
const UNFILLED_MIN_CELLS = 10;

/**
 * The identities the cell is an operand of (left or right side), in order; found without copying operands.
 * Given its table's: a cell takes part in no other table's, and among the report's a report of 200 blank
 * tables took 5.7 s.
 */
function equationsOf(cell: TableCell, equations: readonly Equation[]): Equation[] {
  const has = (side: readonly Operand[]) => {
    for (const o of side) if (o.cell === cell) return true;
    return false;
  };
  return equations.filter((e) => has(e.left) || has(e.right));
}
