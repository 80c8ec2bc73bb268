// Which cells of a table the findings are about, and how strongly: the model behind the preview's
// marked cells, the review page and (next) the inlay hints (`→ 3` after a wrong total).
import type { Analysis, Finding } from '../core/analyze.js';
import { type Equation, anchorTarget } from '../core/identities.js';
import type { Table, TableCell } from '../core/tables.js';
import type { Range } from '../core/text.js';

export type MarkLevel =
  | 'culprit' // the one cell whose change satisfies every broken identity
  | 'total' // the total of a broken identity (no single culprit): found → expected
  | 'involved' // an operand of a broken identity
  | 'error' // a finding on the cell itself (not a number, negative …)
  | 'warning'; // blank, unit in the cell …

export interface CellMark {
  level: MarkLevel;
  /** The value the cell should hold, when one is known (the culprit's, a broken total's). */
  expected?: number;
  /** Messages of the findings about this cell, for its tooltip. */
  messages: string[];
}

const STRENGTH: Record<MarkLevel, number> = { culprit: 5, total: 4, error: 3, warning: 2, involved: 1 };

export const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

export function inTable(r: Range, t: Table): boolean {
  return r.start.line >= t.firstLine && r.start.line <= t.lastLine;
}

/** The marks of one table's cells, keyed by cell. Pure; derived from the analysis' equations and findings. */
export function tableMarks(table: Table, analysis: Analysis, findings: readonly Finding[] = analysis.findings): Map<TableCell, CellMark> {
  const marks = new Map<TableCell, CellMark>();
  const cells: TableCell[] = [];
  for (const p of table.parts) for (const r of p.rows) for (const c of r.cells) if (c) cells.push(c);
  const cellAt = (range: Range) => cells.find((c) => sameRange(c.range, range));
  const mark = (cell: TableCell, level: MarkLevel, message?: string, expected?: number) => {
    const m = marks.get(cell) ?? { level, messages: [] };
    if (STRENGTH[level] > STRENGTH[m.level]) m.level = level;
    if (expected !== undefined && m.expected === undefined) m.expected = expected;
    if (message && !m.messages.includes(message)) m.messages.push(message);
    marks.set(cell, m);
  };
  const broken = analysis.report.equations.filter((e: Equation) => e.table === table && e.status === 'broken');
  for (const eq of broken) for (const o of [...eq.left, ...eq.right]) if (o.cell) mark(o.cell, 'involved');
  const own = findings.filter((f) => inTable(f.range, table));
  const culprit = own.find((f) => f.rule === 'likely-culprit');
  for (const f of own) {
    const cell = cellAt(f.range);
    if (!cell) continue;
    if (f.rule === 'likely-culprit') {
      mark(cell, 'culprit', f.message, fixValue(f, cell));
      for (const rel of f.related) {
        const at = cellAt(rel.range);
        if (at) mark(at, 'involved', rel.message);
      }
    } else if (['row-total', 'result-total', 'reconciliation', 'outcome-total'].includes(f.rule)) {
      // The total its own identity asks for, as the message states it ("总计应为 3"); none when a single
      // culprit explains the breakage (the total is then right) or the target is not a count.
      const eq = broken.find((e) => e.anchor.cell === cell && e.rule === f.rule);
      const target = eq && !culprit ? anchorTarget(eq) : null;
      mark(cell, 'total', f.message, target !== null && target >= 0 && Number.isInteger(target) ? target : undefined);
    } else mark(cell, f.severity === 'error' ? 'error' : 'warning', f.message);
  }
  return marks;
}

/** The number a finding's fix writes into the cell, if it has one. */
function fixValue(f: Finding, cell: TableCell): number | undefined {
  const edit = f.fix?.edits.find((e) => sameRange(e.range, cell.range));
  if (!edit || !/^-?\d+(?:\.\d+)?$/.test(edit.newText)) return undefined;
  return Number(edit.newText);
}
