// Messages to users, Chinese by default and English on request. Each says what was expected, what was
// found, and which cells make the sum.
import type { ColumnDef, PartDef, RowDef, SectionDef, TableDef } from './format/schema.js';
import { type Equation, type Operand, anchorTarget } from './identities.js';
import type { Locale } from './checks/rule.js';
import type { TableCell } from './tables.js';
import { arithmeticValue } from './values.js';

const zh = (l: Locale) => l !== 'en';

export function rowName(row: RowDef, l: Locale): string {
  return zh(l) ? (row.short ?? row.label) : row.en;
}

export function columnName(col: ColumnDef, l: Locale, withGroup = true): string {
  if (zh(l)) return withGroup && col.group && col.group !== '法人或其他组织' ? `${col.group}·${col.label}` : col.label;
  return withGroup && col.groupEn && col.group !== '法人或其他组织' ? `${col.groupEn} / ${col.en}` : col.en;
}

export function tableName(t: TableDef, l: Locale): string {
  return zh(l) ? t.name : t.nameEn;
}

export function sectionName(s: SectionDef, l: Locale): string {
  return zh(l) ? `${s.numbering}${s.title}` : `${s.number}. ${s.en}`;
}

function rowOf(part: PartDef, id: string): RowDef {
  return part.rows.find((r) => r.id === id)!;
}
function colOf(part: PartDef, id: string): ColumnDef {
  return part.columns.find((c) => c.id === id)!;
}

/** 「（一）予以公开」·自然人 — the name of one cell of a table. */
export function cellName(part: PartDef, rowId: string, columnId: string, l: Locale): string {
  const row = rowOf(part, rowId);
  const col = colOf(part, columnId);
  if (!part.labelledRows) return columnName(col, l);
  return zh(l) ? `${rowName(row, l)}·${columnName(col, l)}` : `${rowName(row, l)} / ${columnName(col, l)}`;
}

export function cellNameOf(part: PartDef, cell: TableCell, l: Locale): string {
  return cellName(part, cell.row.id, cell.column.id, l);
}

function shown(o: Operand, l: Locale): string {
  if (!o.cell) return zh(l) ? '缺' : 'missing';
  const v = o.cell.value;
  if (v.kind === 'blank') return zh(l) ? '空' : 'blank';
  if (v.kind === 'placeholder') return `“${o.cell.raw}”`;
  return String(arithmeticValue(v) ?? o.cell.raw);
}

function operandName(eq: Equation, o: Operand, l: Locale): string {
  const part = eq.part.def;
  return eq.scope.kind === 'row' ? columnName(colOf(part, o.columnId), l, false) : rowName(rowOf(part, o.rowId), l);
}

/** "自然人 8 + 商业企业 0 + …": long sums list their non-zero terms (at most six) and count the rest. */
export function terms(eq: Equation, ops: Operand[], l: Locale): string {
  const list = (xs: Operand[]) => xs.map((o) => `${operandName(eq, o, l)} ${shown(o, l)}`).join(' + ');
  if (ops.length <= 8) return list(ops);
  const nonZero = ops.filter((o) => !o.cell || o.cell.value.kind !== 'number' || arithmeticValue(o.cell.value) !== 0);
  const shownTerms = nonZero.slice(0, 6);
  const hidden = nonZero.length - shownTerms.length;
  const zeros = ops.length - nonZero.length;
  const tail: string[] = [];
  if (zh(l)) {
    if (hidden) tail.push(`另有 ${hidden} 项非零`);
    if (zeros) tail.push(`其余 ${zeros} 项为 0`);
    return [shownTerms.length ? list(shownTerms) + (hidden ? ' + …' : '') : '', ...tail].filter(Boolean).join('，');
  }
  if (hidden) tail.push(`${hidden} more non-zero`);
  if (zeros) tail.push(`the other ${zeros} are 0`);
  return [shownTerms.length ? list(shownTerms) + (hidden ? ' + …' : '') : '', ...tail].filter(Boolean).join('; ');
}

export function scopeName(eq: Equation, l: Locale): string {
  const part = eq.part.def;
  if (eq.scope.kind === 'row') {
    if (!part.labelledRows) {
      const col = colOf(part, eq.anchor.columnId);
      return zh(l) ? (col.group ?? '') : (col.groupEn ?? '');
    }
    return zh(l) ? `「${rowName(rowOf(part, eq.scope.id), l)}」行` : `row “${rowName(rowOf(part, eq.scope.id), l)}”`;
  }
  return zh(l) ? `「${columnName(colOf(part, eq.scope.id), l)}」列` : `column “${columnName(colOf(part, eq.scope.id), l)}”`;
}

function anchorLabel(eq: Equation, l: Locale): string {
  return operandName(eq, eq.anchor, l);
}

export function identityMessage(eq: Equation, l: Locale): string {
  const expected = anchorTarget(eq)!;
  const actual = shown(eq.anchor, l);
  const scope = scopeName(eq, l);
  if (eq.rule === 'reconciliation') {
    const side = (ops: Operand[], s: number) => `${ops.map((o) => `${operandName(eq, o, l)} ${shown(o, l)}`).join(' + ')} = ${s}`;
    // The carried-forward figure is what usually absorbs a difference; say what it would need to be,
    // unless no non-negative value can close the gap.
    const gap = Math.abs(eq.leftSum - eq.rightSum);
    const tail = zh(l)
      ? expected >= 0 ? `${anchorLabel(eq, l)}应为 ${expected}，实际为 ${actual}` : `两边相差 ${gap}`
      : expected >= 0 ? `${anchorLabel(eq, l)} should be ${expected}, found ${actual}` : `the sides differ by ${gap}`;
    return zh(l)
      ? `${scope}勾稽关系不成立：${side(eq.left, eq.leftSum)}，而${side(eq.right, eq.rightSum)}；${tail}`
      : `${scope}: reconciliation fails: ${side(eq.left, eq.leftSum)} but ${side(eq.right, eq.rightSum)}; ${tail}`;
  }
  const others = eq.anchor === eq.left[0] ? eq.right : eq.left;
  return zh(l)
    ? `${scope}：${anchorLabel(eq, l)}应为 ${expected}（${terms(eq, others, l)}），实际为 ${actual}`
    : `${scope}: ${anchorLabel(eq, l)} should be ${expected} (${terms(eq, others, l)}), found ${actual}`;
}

/** Short name of an identity instance, for lists: 「一、本年新收」行总计. */
export function identityName(eq: Equation, l: Locale): string {
  const scope = scopeName(eq, l);
  switch (eq.rule) {
    case 'row-total':
      return zh(l) ? `${scope}总计` : `the total of ${scope}`;
    case 'result-total':
      return zh(l) ? `${scope}（七）总计` : `(7) Total in ${scope}`;
    case 'reconciliation':
      return zh(l) ? `${scope}勾稽关系` : `the reconciliation in ${scope}`;
    default:
      return zh(l) ? `${scope}总计` : `the ${scope} total`;
  }
}

export function culpritMessage(part: PartDef, cell: TableCell, value: number, broken: Equation[], l: Locale): string {
  const name = cellNameOf(part, cell, l);
  const actual = cell.value.kind === 'blank' ? (zh(l) ? '空' : 'blank') : cell.raw;
  const list = broken.map((e) => identityName(e, l)).join(zh(l) ? '、' : ', ');
  return zh(l)
    ? `${name}可能填错：应为 ${value}，实际为 ${actual}；改为 ${value} 后${list}均成立`
    : `${name} is likely mistyped: expected ${value}, found ${actual}; with ${value}, ${list} ${broken.length > 1 ? 'all hold' : 'holds'}`;
}

export function fixSetValue(name: string, v: number | string, l: Locale): string {
  return zh(l) ? `将${name}改为 ${v}` : `Set ${name} to ${v}`;
}

/**
 * A related location of a culprit: an identity it repairs, worded to agree with the culprit (the
 * identity holds once the cell has the culprit's value), never the identity's own "total should be".
 */
export function culpritRepairs(eq: Equation, cellName: string, value: number, l: Locale): string {
  return zh(l) ? `${identityName(eq, l)}：${cellName}改为 ${value} 后成立` : `${identityName(eq, l)} holds once ${cellName} is ${value}`;
}

export function operandText(o: Operand, l: Locale): string {
  return shown(o, l);
}
