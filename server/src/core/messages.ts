// Messages to users, Chinese by default and English on request. Each says what was expected, what was
// found, and which cells make the sum.
import type { ColumnDef, PartDef, RowDef, SectionDef, TableDef } from './format/schema.js';
import { type Equation, type Operand, anchorTarget } from './identities.js';
import type { Locale } from './rules.js';
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
  const numerals = '一二三四五六';
  return zh(l) ? `${numerals[s.number - 1]}、${s.title}` : `${s.number}. ${s.en}`;
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
      ? `${scope}勾稽关系不成立：${side(eq.left, eq.leftSum)}，而 ${side(eq.right, eq.rightSum)}；${tail}`
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

export const T = {
  fixSetValue: (name: string, v: number | string, l: Locale) => (zh(l) ? `将${name}改为 ${v}` : `Set ${name} to ${v}`),
  fixFillZero: (l: Locale) => (zh(l) ? '填写 0' : 'Fill in 0'),
  fixRemoveUnit: (unit: string, l: Locale) => (zh(l) ? `删除单位“${unit}”` : `Remove the unit “${unit}”`),
  fixLabel: (label: string, l: Locale) => (zh(l) ? `改为法定标签「${label}」` : `Restore the statutory label “${label}”`),
  fixNumbering: (n: string, l: Locale) => (zh(l) ? `将序号改为「${n}」` : `Renumber as “${n}”`),
  fixTitle: (t: string, l: Locale) => (zh(l) ? `改为法定标题「${t}」` : `Use the statutory title “${t}”`),

  sectionMissing: (name: string, l: Locale) => (zh(l) ? `缺少法定章节「${name}」` : `Statutory section “${name}” is missing`),
  sectionOrder: (name: string, after: string, l: Locale) =>
    zh(l) ? `章节「${name}」应在「${after}」之前` : `Section “${name}” should come before “${after}”`,
  sectionDuplicate: (name: string, l: Locale) => (zh(l) ? `章节「${name}」重复出现` : `Section “${name}” appears again`),
  sectionNumbering: (written: string, want: string, l: Locale) =>
    zh(l) ? `章节序号应为「${want}」，实际为「${written || '（缺序号）'}」` : `Section number should be “${want}”, found “${written || '(none)'}”`,
  sectionTitle: (written: string, want: string, l: Locale) =>
    zh(l) ? `章节标题应为「${want}」，实际为「${written}」` : `Section title should be “${want}”, found “${written}”`,
  sectionEmpty: (name: string, l: Locale) => (zh(l) ? `章节「${name}」没有内容` : `Section “${name}” has no content`),
  tableMissing: (table: string, section: string, l: Locale) =>
    zh(l) ? `缺少${table}（${section}）` : `${table} (${section}) is missing`,
  tableDuplicate: (table: string, l: Locale) => (zh(l) ? `${table}再次出现` : `${table} appears again`),
  tableMisplaced: (table: string, section: string, l: Locale) =>
    zh(l) ? `${table}应在章节「${section}」中` : `${table} belongs in section “${section}”`,
  formatVersion: (table: string, year: number, used: string, want: string, l: Locale) =>
    zh(l)
      ? `${year} 年度报告应使用 ${want} 格式，但${table}为 ${used} 格式`
      : `A report for ${year} must use the ${want} format, but ${table} is in the ${used} format`,
  rowMissing: (table: string, row: string, l: Locale) => (zh(l) ? `${table}缺少行「${row}」` : `${table} lacks the row “${row}”`),
  rowDuplicate: (row: string, l: Locale) => (zh(l) ? `行「${row}」重复出现` : `Row “${row}” appears again`),
  rowOrder: (row: string, l: Locale) => (zh(l) ? `行「${row}」不在法定位置` : `Row “${row}” is out of the statutory order`),
  rowLabel: (written: string, want: string, l: Locale) =>
    zh(l) ? `行标签应为「${want}」，实际为「${written}」` : `Row label should be “${want}”, found “${written}”`,
  rowCellsFew: (row: string, want: number, got: number, l: Locale) =>
    zh(l) ? `行「${row}」应有 ${want} 个数字，只有 ${got} 个` : `Row “${row}” needs ${want} numbers, has ${got}`,
  rowCellsMany: (row: string, want: number, got: number, l: Locale) =>
    zh(l) ? `行「${row}」应有 ${want} 个数字，却有 ${got} 个` : `Row “${row}” needs ${want} numbers, has ${got}`,
  cellBlank: (name: string, raw: string, l: Locale) =>
    zh(l)
      ? `${name}${raw ? `为“${raw}”` : '为空'}：格式要求填写数字，没有则填 0`
      : `${name} is ${raw ? `“${raw}”` : 'blank'}: the format asks for a number, 0 if none`,
  cellUnit: (name: string, unit: string, l: Locale) =>
    zh(l) ? `${name}内写了单位“${unit}”：表格单元格只填数字` : `${name} holds the unit “${unit}”: table cells hold numbers only`,
  cellUnitYuan: (name: string, l: Locale) =>
    zh(l) ? `${name}以“元”填写，但本栏单位为万元` : `${name} is given in yuan, but the column is in 10,000 yuan`,
  cellNotNumber: (name: string, raw: string, l: Locale) =>
    zh(l) ? `${name}应为非负整数，实际为“${raw}”` : `${name} should be a non-negative whole number, found “${raw}”`,
  cellNotAmount: (name: string, raw: string, l: Locale) =>
    zh(l) ? `${name}应为金额数字，实际为“${raw}”` : `${name} should be an amount, found “${raw}”`,
  cellNegative: (name: string, raw: string, l: Locale) =>
    zh(l) ? `${name}不能为负数，实际为 ${raw}` : `${name} cannot be negative, found ${raw}`,
  cellFraction: (name: string, raw: string, l: Locale) =>
    zh(l) ? `${name}应为整数，实际为 ${raw}` : `${name} should be a whole number, found ${raw}`,
  cellTooLarge: (name: string, raw: string, l: Locale) =>
    zh(l) ? `${name}的数值 ${raw} 大得不合理` : `${name} holds an implausibly large number ${raw}`,
  relatedOperand: (name: string, v: string, l: Locale) => (zh(l) ? `${name}：${v}` : `${name}: ${v}`),
  tooLarge: (size: number, limit: number, l: Locale) =>
    zh(l)
      ? `文档有 ${size} 个字符，超过表格检查的上限 ${limit}：只检查章节结构`
      : `The document has ${size} characters, above the table-check limit of ${limit}: only the sections are checked`,
  notAReport: (l: Locale) =>
    zh(l)
      ? '没有找到法定章节或表格：这不像政府信息公开工作年度报告，不作检查'
      : 'No statutory section or table found: this does not read like an annual report, so it is not checked',
};

export function operandText(o: Operand, l: Locale): string {
  return shown(o, l);
}
