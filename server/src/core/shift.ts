// A report model moved down the file by a number of lines: what a report of a many-report file looks like
// in the file's coordinates (document.ts). A copy: the model analysed alone stays as it was (an editor keeps
// it to reuse while the report's text is unchanged). Format data (def, format, row, column) is shared.
import type { Equation, Operand } from './identities.js';
import type { Report } from './model.js';
import type { Heading, Section } from './sections.js';
import type { RowLabel, Table, TableCell, TablePart, TableRow } from './tables.js';
import type { Range } from './text.js';
import type { RawCell } from './cells.js';

export function shiftRange(r: Range, by: number): Range {
  return { start: { line: r.start.line + by, character: r.start.character }, end: { line: r.end.line + by, character: r.end.character } };
}

export function shiftReport(report: Report, by: number, place: Pick<Report, 'text' | 'lines' | 'fromLine' | 'toLine'>): Report {
  const range = (r: Range) => shiftRange(r, by);
  const heading = (h: Heading): Heading => ({ ...h, line: h.line + by, range: range(h.range), numberRange: h.numberRange && range(h.numberRange), titleRange: range(h.titleRange) });
  const section = (s: Section): Section => ({
    ...s,
    heading: heading(s.heading),
    range: range(s.range),
    bodyFrom: s.bodyFrom + by,
    bodyTo: s.bodyTo + by,
    subheadings: s.subheadings.map(heading),
  });
  // Cells, parts and tables are shared by the equations: each is copied once and the copies shared alike.
  const cells = new Map<TableCell, TableCell>();
  const parts = new Map<TablePart, TablePart>();
  const tables = new Map<Table, Table>();
  const cell = (c: TableCell | null): TableCell | null => {
    if (!c) return c;
    let out = cells.get(c);
    if (!out) cells.set(c, (out = { row: c.row, column: c.column, raw: c.raw, range: range(c.range), value: c.value }));
    return out;
  };
  const label = (l: RowLabel | null): RowLabel | null => l && { ...l, range: range(l.range) };
  const raw = (c: RawCell): RawCell => (c.wrapped ? { text: c.text, range: range(c.range), wrapped: true } : { text: c.text, range: range(c.range) });
  const row = (r: TableRow): TableRow => ({ ...r, label: label(r.label), cells: r.cells.map(cell), extra: r.extra.map(raw), range: range(r.range) });
  const part = (p: TablePart): TablePart => {
    const out: TablePart = { ...p, caption: p.caption && range(p.caption), rows: p.rows.map(row) };
    parts.set(p, out);
    return out;
  };
  const table = (t: Table): Table => {
    const out: Table = { ...t, parts: t.parts.map(part), range: range(t.range), openerRange: range(t.openerRange), firstLine: t.firstLine + by, lastLine: t.lastLine + by };
    tables.set(t, out);
    return out;
  };
  const shiftedTables = report.tables.map(table);
  // Operands are shared by the equations that name the same cell (identities.ts): shifted once each, so an
  // equation's anchor stays one of its operands.
  const operands = new Map<Operand, Operand>();
  const operand = (o: Operand): Operand => {
    let out = operands.get(o);
    if (!out) operands.set(o, (out = { ...o, cell: cell(o.cell) }));
    return out;
  };
  // Named field by field: an equation is a class whose sides are made when asked (identities.ts), and a
  // spread would carry its private state, not its sides.
  const equation = (e: Equation): Equation => ({
    rule: e.rule,
    scope: e.scope,
    status: e.status,
    leftSum: e.leftSum,
    rightSum: e.rightSum,
    table: tables.get(e.table) ?? e.table,
    part: parts.get(e.part) ?? e.part,
    left: e.left.map(operand),
    right: e.right.map(operand),
    anchor: operand(e.anchor),
  });
  return {
    ...report,
    ...place,
    sections: report.sections.map(section),
    tables: shiftedTables,
    equations: report.equations.map(equation),
  };
}
