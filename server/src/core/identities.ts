// The arithmetic: identities of the format instantiated on a table's cells, evaluated exactly, and the
// search for the one cell whose change would satisfy every broken identity.
import type { IdentityDef, PartDef, RowDef } from './format/schema.js';
import type { IdentityRuleId } from './checks/ids.js';
import type { RuleId } from './checks/index.js';
import type { Table, TableCell, TablePart } from './tables.js';
import { memo2 } from './memo.js';
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

/**
 * An identity of a format part resolved to places once per format: for each instance (each row or
 * column it applies to), the row and column of every operand, by index, so a table's equations are
 * made by indexing, not by looking ids up.
 */
interface Place {
  rowId: string;
  columnId: string;
  /** Index into the part's rows × columns grid; -1 for an id the part does not declare. */
  slot: number;
}
interface Instance {
  /** Shared by the equations of every table made from this instance: read, never changed. */
  scope: Equation['scope'];
  left: Place[];
  right: Place[];
  anchor: Place;
}
const instances = memo2((def: IdentityDef, part: PartDef): Instance[] => {
  const rows = new Map(part.rows.map((r, i) => [r.id, i]));
  const columns = new Map(part.columns.map((c, k) => [c.id, k]));
  const place = (rowId: string, columnId: string): Place => {
    const i = rows.get(rowId);
    const k = columns.get(columnId);
    return { rowId, columnId, slot: i === undefined || k === undefined ? -1 : i * part.columns.length + k };
  };
  const byRow = def.forEach === 'row';
  const at = (scope: string, ref: string) => (byRow ? place(scope, ref) : place(ref, scope));
  const scopes = def.only ?? (byRow ? part.rows : part.columns).map((x) => x.id);
  return scopes.map((scope) => ({ scope: { kind: def.forEach, id: scope }, left: def.left.map((r) => at(scope, r)), right: def.right.map((r) => at(scope, r)), anchor: at(scope, def.anchor) }));
});

/**
 * The operands of a table part's identities: one per cell named, made when an equation's sides are first
 * asked for (a finding, a hover, the culprit search) and shared by every equation that names the cell (an
 * identity names a cell at most once, so an operand still says where in its equation it stands).
 */
class PartOperands {
  private readonly cells: (TableCell | null)[];
  /** The operands made, by slot: made with the first of them. */
  private grid: (Operand | undefined)[] | undefined = undefined;

  constructor(part: TablePart) {
    const def = part.def;
    const columns = def.columns.length;
    this.cells = new Array<TableCell | null>(def.rows.length * columns).fill(null);
    const seen = new Set<RowDef>();
    // The first of duplicated rows is the row.
    for (const r of part.rows) {
      if (r.duplicate || seen.has(r.def)) continue;
      seen.add(r.def);
      const i = def.rows.indexOf(r.def);
      if (i >= 0) for (let k = 0; k < columns; k++) this.cells[i * columns + k] = r.cells[k] ?? null;
    }
  }

  cell(p: Place): TableCell | null {
    return p.slot < 0 ? null : this.cells[p.slot];
  }

  all(places: readonly Place[]): Operand[] {
    const out = new Array<Operand>(places.length);
    for (let k = 0; k < places.length; k++) out[k] = this.at(places[k]);
    return out;
  }

  at(p: Place): Operand {
    if (p.slot < 0) return { rowId: p.rowId, columnId: p.columnId, cell: null };
    // Filled, not holey: operands are made in any order of slots.
    this.grid ??= new Array<Operand | undefined>(this.cells.length).fill(undefined);
    return (this.grid[p.slot] ??= { rowId: p.rowId, columnId: p.columnId, cell: this.cells[p.slot] });
  }

  /** Whether a cell the places name is missing from the table. */
  missing(places: readonly Place[]): boolean {
    for (const p of places) if (this.cell(p) === null) return true;
    return false;
  }

  /** The sum of the cells the places name; null when one is no number. */
  sum(places: readonly Place[]): number | null {
    let s = 0;
    for (const p of places) {
      const c = this.cell(p);
      const v = c ? arithmeticValue(c.value) : null;
      if (v === null) return null;
      s += v;
    }
    return s;
  }
}

/**
 * An identity instance on a table part, evaluated when made. Its sides are made when first asked for:
 * most equations hold and nothing asks (a report's model is kept, an editor's and each report of a file's).
 */
class PartEquation implements Equation {
  readonly scope: Equation['scope'];
  status: EquationStatus = 'holds';
  leftSum = 0;
  rightSum = 0;
  private madeLeft: Operand[] | undefined = undefined;
  private madeRight: Operand[] | undefined = undefined;
  private madeAnchor: Operand | undefined = undefined;

  constructor(
    readonly rule: IdentityRuleId,
    readonly table: Table,
    readonly part: TablePart,
    private readonly instance: Instance,
    private readonly ops: PartOperands,
  ) {
    this.scope = instance.scope;
    const l = ops.sum(instance.left);
    const r = ops.sum(instance.right);
    if (ops.missing(instance.left) || ops.missing(instance.right)) this.status = 'incomplete';
    else if (l === null || r === null) this.status = 'unverifiable';
    else {
      this.leftSum = l;
      this.rightSum = r;
      this.status = l === r ? 'holds' : 'broken';
    }
  }

  get left(): Operand[] {
    return (this.madeLeft ??= this.ops.all(this.instance.left));
  }

  get right(): Operand[] {
    return (this.madeRight ??= this.ops.all(this.instance.right));
  }

  /** One of the operands (the total): compared by identity. */
  get anchor(): Operand {
    return (this.madeAnchor ??= this.ops.at(this.instance.anchor));
  }

  /** What a plain equation serialises as. */
  toJSON(): Equation {
    const { rule, table, part, scope, left, right, anchor, status, leftSum, rightSum } = this;
    return { rule, table, part, scope, left, right, anchor, status, leftSum, rightSum };
  }
}

function instantiate(def: IdentityDef, table: Table, part: TablePart, ops: PartOperands, out: Equation[]): void {
  for (const inst of instances(def, part.def)) out.push(new PartEquation(def.rule, table, part, inst, ops));
}

export function tableEquations(table: Table, enabled: (rule: RuleId) => boolean, out: Equation[] = []): Equation[] {
  for (const part of table.parts) {
    const ops = new PartOperands(part);
    for (const d of (part.def as PartDef).identities) if (enabled(d.rule)) instantiate(d, table, part, ops, out);
  }
  return out;
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
    if (!names(e.left, cell) && !names(e.right, cell)) continue;
    const l = sumWithout(e.left, cell);
    const r = sumWithout(e.right, cell);
    // Another operand that is no number: 0 breaks nothing that could hold.
    if (l !== null && r !== null && l !== r) return false;
  }
  return true;
}

function names(side: readonly Operand[], cell: TableCell): boolean {
  for (const o of side) if (o.cell === cell) return true;
  return false;
}

/** The side's sum with `cell` read as 0; null when another operand is missing or no number. */
function sumWithout(side: readonly Operand[], cell: TableCell): number | null {
  let t = 0;
  for (const o of side) {
    if (o.cell === cell) continue;
    const v = o.cell ? arithmeticValue(o.cell.value) : null;
    if (v === null) return null;
    t += v;
  }
  return t;
}

/** A name for an identity instance that stays the same across edits of the text: rule, table, part and scope. */
export function equationKey(eq: Equation): string {
  return `${eq.rule} ${eq.table.def.id}/${eq.part.def.id} ${eq.scope.kind}:${eq.scope.id}`;
}

export function operands(eq: Equation): Operand[] {
  return [...eq.left, ...eq.right].filter((o) => o !== eq.anchor);
}
