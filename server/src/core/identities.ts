// The arithmetic: identities of the format instantiated on a table's cells, evaluated exactly, and the
// search for the one cell whose change would satisfy every broken identity.
import type { IdentityDef, PartDef } from './format/schema.js';
import type { IdentityRuleId } from './checks/ids.js';
import type { RuleId } from './checks/index.js';
import type { Table, TableCell, TablePart } from './tables.js';
import { memo } from './memo.js';
import { arithmeticValue } from './values.js';

export interface Operand {
  /** Row and column ids, for naming the cell even when it is missing. */
  rowId: string;
  columnId: string;
  cell: TableCell | null;
}

export type EquationStatus = 'holds' | 'broken' | 'unverifiable' | 'incomplete';

export interface Equation {
  rule: IdentityRuleId;
  table: Table;
  part: TablePart;
  /** The row (forEach row) or column (forEach column) this instance is about. */
  scope: { kind: 'row' | 'column'; id: string };
  left: Operand[];
  right: Operand[];
  anchor: Operand;
  status: EquationStatus;
  leftSum: number;
  rightSum: number;
}

interface PartIndex {
  rows: Map<string, TablePart['rows'][number]>;
  columns: Map<string, number>;
}
const indexOf = memo((part: TablePart): PartIndex => {
  const rows = new Map<string, TablePart['rows'][number]>();
  for (const r of part.rows) if (!r.duplicate && !rows.has(r.def.id)) rows.set(r.def.id, r);
  return { rows, columns: new Map(part.def.columns.map((c, k) => [c.id, k])) };
});

function operand(part: TablePart, rowId: string, columnId: string): Operand {
  const idx = indexOf(part);
  const row = idx.rows.get(rowId);
  const k = idx.columns.get(columnId);
  return { rowId, columnId, cell: row && k !== undefined ? row.cells[k] : null };
}

function sum(ops: Operand[]): number | null {
  let s = 0;
  for (const o of ops) {
    const v = o.cell ? arithmeticValue(o.cell.value) : null;
    if (v === null) return null;
    s += v;
  }
  return s;
}

function instantiate(def: IdentityDef, table: Table, part: TablePart): Equation[] {
  const scopes = def.forEach === 'row' ? part.def.rows.map((r) => r.id) : part.def.columns.map((c) => c.id);
  const out: Equation[] = [];
  for (const id of def.only ?? scopes) {
    const at = (ref: string): Operand => (def.forEach === 'row' ? operand(part, id, ref) : operand(part, ref, id));
    const left = def.left.map(at);
    const right = def.right.map(at);
    const eq: Equation = {
      rule: def.rule,
      table,
      part,
      scope: { kind: def.forEach, id },
      left,
      right,
      // The anchor is one of the operands (the total), so compare by identity later.
      anchor: [...left, ...right].find((o) => (def.forEach === 'row' ? o.columnId : o.rowId) === def.anchor) ?? at(def.anchor),
      status: 'holds',
      leftSum: 0,
      rightSum: 0,
    };
    if ([...left, ...right].some((o) => o.cell === null)) eq.status = 'incomplete';
    else {
      const l = sum(left);
      const r = sum(right);
      if (l === null || r === null) eq.status = 'unverifiable';
      else {
        eq.leftSum = l;
        eq.rightSum = r;
        eq.status = l === r ? 'holds' : 'broken';
      }
    }
    out.push(eq);
  }
  return out;
}

export function tableEquations(table: Table, enabled: (rule: RuleId) => boolean): Equation[] {
  return table.parts.flatMap((part) =>
    (part.def as PartDef).identities.filter((d) => enabled(d.rule)).flatMap((d) => instantiate(d, table, part)),
  );
}

/** +1 when the cell is on the left of the equation, -1 on the right, 0 when absent or on both sides. */
function coefficient(eq: Equation, cell: TableCell): number {
  let c = 0;
  for (const o of eq.left) if (o.cell === cell) c++;
  for (const o of eq.right) if (o.cell === cell) c--;
  return c;
}

export interface Culprit {
  cell: TableCell;
  /** The value that satisfies every broken identity. */
  value: number;
  broken: Equation[];
}

/**
 * The single cell whose change satisfies every broken identity of the table without breaking one that
 * holds, if exactly one such cell exists. One mistyped number usually breaks its row total, its column's
 * （七）总计 and the 勾稽关系 at once; this names that number instead of three totals.
 */
export function findCulprit(equations: readonly Equation[]): Culprit | null {
  const broken = equations.filter((e) => e.status === 'broken');
  if (broken.length === 0) return null;
  const holding = equations.filter((e) => e.status === 'holds');
  const candidates = new Set<TableCell>();
  for (const o of [...broken[0].left, ...broken[0].right]) if (o.cell) candidates.add(o.cell);
  const found: Culprit[] = [];
  for (const cell of candidates) {
    const current = arithmeticValue(cell.value);
    if (current === null) continue;
    let delta: number | null = null;
    let ok = true;
    for (const e of broken) {
      const a = coefficient(e, cell);
      if (a === 0) {
        ok = false;
        break;
      }
      const d = (e.rightSum - e.leftSum) / a;
      if (delta === null) delta = d;
      else if (d !== delta) {
        ok = false;
        break;
      }
    }
    if (!ok || delta === null || current + delta < 0) continue;
    if (holding.some((e) => coefficient(e, cell) !== 0)) continue;
    found.push({ cell, value: current + delta, broken });
  }
  return found.length === 1 ? found[0] : null;
}

/**
 * Whether setting the anchor to satisfy its equation leaves every identity that holds intact: the
 * condition for offering "set the total" as a fix without trading one broken identity for another.
 */
/** The value the anchor would need for its equation to hold, all else unchanged. */
export function anchorTarget(eq: Equation): number | null {
  const cell = eq.anchor.cell;
  if (!cell) return null;
  const a = coefficient(eq, cell);
  const current = arithmeticValue(cell.value);
  if (a === 0 || current === null) return null;
  return current + (eq.rightSum - eq.leftSum) / a;
}

export function anchorFixIsSafe(eq: Equation, equations: readonly Equation[]): number | null {
  const cell = eq.anchor.cell;
  const value = anchorTarget(eq);
  if (!cell || value === null || value < 0 || !Number.isInteger(value)) return null;
  if (equations.some((e) => e !== eq && e.status === 'holds' && coefficient(e, cell) !== 0)) return null;
  // Another broken identity through the anchor must be repaired by the same change, not merely moved to
  // another discrepancy (which would trade one error for another).
  const delta = value - arithmeticValue(cell.value)!;
  for (const e of equations) {
    if (e === eq || e.status !== 'broken') continue;
    const a = coefficient(e, cell);
    if (a !== 0 && e.leftSum + a * delta !== e.rightSum) return null;
  }
  return value;
}

/**
 * Whether writing 0 into a blank cell leaves every identity through it satisfiable: when the identity's
 * other cells are all numbers and 0 would break it, the blank stands for a missing number, not for 0.
 */
export function zeroFillIsSafe(cell: TableCell, equations: readonly Equation[]): boolean {
  for (const e of equations) {
    const ops = [...e.left, ...e.right];
    if (!ops.some((o) => o.cell === cell)) continue;
    const others = ops.filter((o) => o.cell !== cell);
    if (others.some((o) => !o.cell || arithmeticValue(o.cell.value) === null)) continue;
    const sum = (side: Operand[]) => side.reduce((t, o) => t + (o.cell === cell ? 0 : arithmeticValue(o.cell!.value)!), 0);
    if (sum(e.left) !== sum(e.right)) return false;
  }
  return true;
}

/** A name for an identity instance that stays the same across edits of the text: rule, table, part and scope. */
export function equationKey(eq: Equation): string {
  return `${eq.rule} ${eq.table.def.id}/${eq.part.def.id} ${eq.scope.kind}:${eq.scope.id}`;
}

export function operands(eq: Equation): Operand[] {
  return [...eq.left, ...eq.right].filter((o) => o !== eq.anchor);
}
