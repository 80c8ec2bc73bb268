// Rewriting a table in another text shape, and aligning a table in place. Both keep every cell's text
// as written (labels, numbers, placeholders) and change only the separators and the padding, so the
// table reads back identically; they never touch the text around the table.
import type { Analysis, TextEdit } from '../core/analyze.js';
import { type PhysicalRow, type RawCell, type Shape, isFurniture, physicalRows } from '../core/cells.js';
import type { Table } from '../core/tables.js';
import { type Line, type Position, type Range, hasHan, splitLines, trimWs } from '../core/text.js';
import { isNumberLike, isPlaceholder } from '../core/values.js';
import { displayWidth, padDisplay, padDisplayStart } from './width.js';

/** A cell padded to its column's width: numbers to the right, as in a spreadsheet; text to the left. */
const padCell = (c: string, w: number) => (isNumberLike(c) ? padDisplayStart(c, w) : padDisplay(c, w));

/** The shapes a table can be rewritten into. */
export type TargetShape = 'tsv' | 'markdown' | 'pipe';
export const TARGET_SHAPES: readonly TargetShape[] = ['tsv', 'markdown', 'pipe'];

export interface ReshapeOptions {
  /** Line break of the document ('\n' by default). */
  eol?: string;
}

type Row = { kind: 'cells'; cells: string[] } | { kind: 'verbatim'; text: string };

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
const within = (r: Range, from: Position, to: Position) => !before(r.start, from) && !before(to, r.end);

/**
 * The table's rows as cell texts. Grid shapes (tab, pipe, one cell per line) are taken row by row as
 * written. PDF text (spaced) wraps labels across lines, so its rows are rebuilt from the reading: each
 * statutory row becomes its label (the wrapped pieces joined) and its values; the rest (captions,
 * headers) stays as written. Page footers inside the table are kept on their own lines.
 */
function tableRows(lines: readonly Line[], table: Table): Row[] {
  const physical = physicalRows(lines, table.firstLine, table.lastLine + 1);
  const covered = new Set<number>();
  for (const pr of physical) for (let l = pr.firstLine; l <= pr.lastLine; l++) covered.add(l);
  const furniture = (from: number, to: number): Row[] => {
    const out: Row[] = [];
    for (let l = from; l < to; l++) if (!covered.has(l) && isFurniture(lines[l].text)) out.push({ kind: 'verbatim', text: lines[l].text });
    return out;
  };
  const rebuilt = table.shape === 'spaced' ? spacedRows(table, physical) : null;
  const out: Row[] = [];
  let line = table.firstLine;
  physical.forEach((pr, k) => {
    out.push(...furniture(line, pr.firstLine));
    line = pr.lastLine + 1;
    if (rebuilt) out.push(...(rebuilt.get(k) ?? []));
    else out.push({ kind: 'cells', cells: pr.cells.map((c) => c.text) });
  });
  out.push(...furniture(line, table.lastLine + 1));
  return out;
}

/** Rows of a PDF-text table, keyed by the physical row where each starts. */
function spacedRows(table: Table, physical: readonly PhysicalRow[]): Map<number, Row[]> {
  const out = new Map<number, Row[]>();
  const claimed = new Set<number>();
  const rowOfLine = (line: number) => physical.findIndex((pr) => pr.firstLine <= line && line <= pr.lastLine);
  const rows = table.parts.flatMap((p) => p.rows).sort((a, b) => (before(a.range.start, b.range.start) ? -1 : 1));
  for (const row of rows) {
    const from = row.range.start;
    const to = row.label && before(row.range.end, row.label.range.end) ? row.label.range.end : row.range.end;
    const values = [...row.cells.filter((c) => c !== null), ...row.extra] as { range: Range; raw?: string; text?: string }[];
    const isValue = (c: RawCell) => values.some((v) => v.range.start.line === c.range.start.line && v.range.start.character === c.range.start.character);
    const labels: string[] = [];
    const first = rowOfLine(from.line);
    const last = rowOfLine(to.line);
    if (first < 0 || last < 0) continue;
    for (let k = first; k <= last; k++) {
      claimed.add(k);
      for (const c of physical[k].cells) if (c.text !== '' && within(c.range, from, to) && !isValue(c)) labels.push(c.text);
    }
    const cells = [...(labels.length ? [labels.join('')] : []), ...values.map((v) => v.raw ?? v.text ?? '')];
    out.set(first, [...(out.get(first) ?? []), { kind: 'cells', cells }]);
  }
  physical.forEach((pr, k) => {
    if (!claimed.has(k)) out.set(k, [{ kind: 'cells', cells: pr.cells.map((c) => c.text) }]);
  });
  return out;
}

function fullLines(lines: readonly Line[], table: Table): Range {
  return { start: { line: table.firstLine, character: 0 }, end: { line: table.lastLine, character: lines[table.lastLine].text.length } };
}

function widths(rows: readonly string[][]): number[] {
  const w: number[] = [];
  for (const r of rows) r.forEach((c, k) => (w[k] = Math.max(w[k] ?? 0, displayWidth(c))));
  return w;
}

/**
 * Rows whose label is written in fewer cells than others (one cell per line and PDF text write no merged
 * cells) get empty leading cells, so that the values line up: the parser reads leading empty fields as
 * merged label columns, as Word's tab exports write them.
 */
function alignLabels(rows: readonly Row[]): Row[] {
  const isValue = (c: string) => isNumberLike(c) || isPlaceholder(c);
  const split = (cells: string[]) => {
    const k = cells.findIndex(isValue);
    return k < 0 ? null : { labels: k, hasLabel: cells.slice(0, k).some((c) => hasHan(c)) };
  };
  let most = 0;
  for (const r of rows) {
    const s = r.kind === 'cells' ? split(r.cells) : null;
    if (s?.hasLabel) most = Math.max(most, s.labels);
  }
  return rows.map((r) => {
    const s = r.kind === 'cells' ? split(r.cells) : null;
    if (r.kind !== 'cells' || !s?.hasLabel || s.labels >= most) return r;
    return { kind: 'cells', cells: [...Array<string>(most - s.labels).fill(''), ...r.cells] };
  });
}

function emit(source: readonly Row[], shape: TargetShape, eol: string): string {
  const rows = alignLabels(source);
  const grid = rows.filter((r): r is Extract<Row, { kind: 'cells' }> => r.kind === 'cells').map((r) => r.cells);
  const n = Math.max(2, ...grid.map((r) => r.length));
  const pad = (cells: string[]) => [...cells, ...Array<string>(n - cells.length).fill('')];
  // A markdown column needs at least one character for its separator to read as one (|---|).
  const w = widths(grid.map(pad)).map((x) => Math.max(1, x));
  const out: string[] = [];
  let first = true;
  for (const r of rows) {
    if (r.kind === 'verbatim') {
      out.push(r.text);
      continue;
    }
    const cells = pad(r.cells);
    if (shape === 'tsv') out.push(cells.join('\t'));
    else if (shape === 'pipe') out.push(cells.map((c, k) => padCell(c, w[k])).join(' | ') + ' |');
    else {
      out.push(`| ${cells.map((c, k) => padCell(c, w[k])).join(' | ')} |`);
      if (first) out.push(`|${w.map((x) => '-'.repeat(Math.max(3, x + 2))).join('|')}|`);
    }
    first = false;
  }
  return out.join(eol);
}

/**
 * The edit that rewrites `table` as tab-separated rows, a markdown table or aligned pipe rows; null when
 * the table cannot be written in that shape without changing a cell (a cell holding the separator).
 */
export function reshapeTable(analysis: Analysis, table: Table, shape: TargetShape, options: ReshapeOptions = {}): TextEdit | null {
  const lines = analysis.report.lines;
  const rows = tableRows(lines, table);
  // A separator inside a cell would split it when read back: a pipe makes any line a pipe row, a tab
  // splits a tab-separated one.
  const splits = shape === 'tsv' ? /[\t|｜]/ : /[|｜]/;
  if (rows.some((r) => r.kind === 'cells' && r.cells.some((c) => splits.test(c)))) return null;
  return { range: fullLines(lines, table), newText: emit(rows, shape, options.eol ?? '\n') };
}

// ---------------------------------------------------------------------------------------------------
// Aligning in place.

const PIPE_LINE = /[|｜]/;
const SEPARATOR_LINE = /^\s*[|｜]?\s*:?-{2,}:?\s*([|｜]\s*:?-{2,}:?\s*)*[|｜]?\s*$/;

interface PipeLine {
  line: number;
  indent: string;
  leading: boolean;
  trailing: boolean;
  fields: string[];
}

function splitPipes(text: string, markdown: boolean): Omit<PipeLine, 'line'> {
  const indent = /^[ \t]*/.exec(text)![0];
  let body = text.slice(indent.length);
  // In a markdown table every row opens with a pipe; in pipe rows a first field may be empty (a merged
  // label column), written as spaces before the first pipe, which must stay a field.
  const leading = markdown ? /^[|｜]/.test(body) : /^[|｜]/.test(text);
  if (leading) body = body.slice(1);
  const trailing = /[|｜][ \t]*$/.test(body);
  if (trailing) body = body.replace(/[|｜][ \t]*$/, '');
  return { indent: markdown ? indent : '', leading, trailing, fields: body.split(/[|｜]/).map(trimWs) };
}

function alignPipeTable(lines: readonly Line[], table: Table, eol: string): TextEdit | null {
  const pipeLines: number[] = [];
  const separators: number[] = [];
  for (let l = table.firstLine; l <= table.lastLine; l++) {
    const t = lines[l].text;
    if (SEPARATOR_LINE.test(t) && /-/.test(t)) separators.push(l);
    else if (PIPE_LINE.test(t) && !t.includes('\t')) pipeLines.push(l);
  }
  // Markdown when every row opens with a pipe; otherwise pipe rows, whose first field may be blank.
  const markdown = pipeLines.length > 0 && pipeLines.every((l) => /^\s*[|｜]/.test(lines[l].text)) && (separators.length > 0 || pipeLines.every((l) => /^[|｜]/.test(lines[l].text)));
  const rows: PipeLine[] = pipeLines.map((l) => ({ line: l, ...splitPipes(lines[l].text, markdown) }));
  if (rows.length === 0) return null;
  const w = widths(rows.map((r) => r.fields)).map((x) => Math.max(1, x));
  const out = new Map<number, string>();
  for (const r of rows) {
    const last = r.fields.length - 1;
    const cells = r.fields.map((c, k) => (k === last && !r.trailing ? c : padCell(c, w[k])));
    let s = cells.join(' | ');
    if (r.leading) s = `| ${s}`;
    if (r.trailing) s += ' |';
    out.set(r.line, r.indent + s.replace(/[ \t]+$/, ''));
  }
  const sepFields = rows.find((r) => r.leading)?.fields.length ?? w.length;
  for (const l of separators) out.set(l, `|${w.slice(0, sepFields).map((x) => '-'.repeat(Math.max(3, x + 2))).join('|')}|`);
  const text: string[] = [];
  let changed = false;
  for (let l = table.firstLine; l <= table.lastLine; l++) {
    const t = out.get(l) ?? lines[l].text;
    if (t !== lines[l].text) changed = true;
    text.push(t);
  }
  return changed ? { range: fullLines(lines, table), newText: text.join(eol) } : null;
}

const intersects = (a: Range, b: Range) => !before(a.end, b.start) && !before(b.end, a.start);

/**
 * Edits that align every table (or those meeting `range`) in place, keeping its shape and every cell:
 * pipe and markdown tables get their columns padded to equal display width. Tab-separated tables are
 * left alone: a tab's width is the editor's, and spaces inside tab fields would travel into the cells of
 * a spreadsheet they are pasted into. One cell per line and PDF text have no columns to align. `lines`:
 * splitLines(text), when the caller formats the tables of several reports of one text.
 */
export function formatTables(text: string, analysis: Analysis, range?: Range, lines: readonly Line[] = splitLines(text)): TextEdit[] {
  if (lines.length !== analysis.report.lines.length) return [];
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const edits: TextEdit[] = [];
  for (const t of analysis.report.tables) {
    if (range && !intersects(t.range, range)) continue;
    if (t.shape !== 'pipe' && t.shape !== 'markdown') continue;
    const e = alignPipeTable(lines, t, eol);
    if (e) edits.push(e);
  }
  return edits;
}

export type { Shape };
