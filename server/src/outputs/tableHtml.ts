// One statutory table drawn as an HTML grid with the format's merged headers, the document's values,
// and the cells of failing identities marked. Pure (string in, string out): the VS Code preview and the
// HTML review page both draw tables with it. Every piece of document text is escaped.
import type { Analysis, Finding } from '../core/analyze.js';
import type { ColumnDef, PartDef, RowDef } from '../core/format/schema.js';
import type { Locale } from '../core/rules.js';
import type { Table, TableCell, TablePart, TableRow } from '../core/tables.js';
import type { Range } from '../core/text.js';
import { type CellMark, tableMarks } from './marks.js';
import { escapeHtml as esc } from './types.js';

export interface TableHtmlOptions {
  /** Findings to mark (defaults to analysis.findings). */
  findings?: readonly Finding[];
  /** Heading level of the table's title; 0 for none. */
  headingLevel?: 0 | 2 | 3 | 4;
}

const UI = {
  missingRow: { 'zh-cn': '报告中没有这一行', en: 'The report has no such row' },
  missingCell: { 'zh-cn': '报告中没有这个单元格', en: 'The report has no such cell' },
  writtenAs: { 'zh-cn': '报告中写作：', en: 'Written as: ' },
  expected: { 'zh-cn': '应为', en: 'expected' },
} as const;

// ---------------------------------------------------------------------------------------------------
// Merged cells. A header is a grid of keys (one per level × column); equal keys that form a rectangle
// become one cell with rowspan/colspan. Derived from the format's column groups ("行政诉讼·复议后起诉" is two
// levels) and row groups, so no label is written here.

interface Span {
  r: number;
  c: number;
  rowspan: number;
  colspan: number;
}

function mergeGrid(keys: readonly (readonly string[])[]): Span[] {
  const rows = keys.length;
  const cols = rows ? keys[0].length : 0;
  const seen = keys.map((r) => r.map(() => false));
  const spans: Span[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (seen[r][c]) continue;
      const k = keys[r][c];
      let colspan = 1;
      while (c + colspan < cols && !seen[r][c + colspan] && keys[r][c + colspan] === k) colspan++;
      let rowspan = 1;
      const rowMatches = (rr: number) => {
        for (let x = c; x < c + colspan; x++) if (seen[rr][x] || keys[rr][x] !== k) return false;
        return true;
      };
      while (r + rowspan < rows && rowMatches(r + rowspan)) rowspan++;
      for (let y = r; y < r + rowspan; y++) for (let x = c; x < c + colspan; x++) seen[y][x] = true;
      spans.push({ r, c, rowspan, colspan });
    }
  }
  return spans;
}

/**
 * Keys of a path padded to `depth` levels: column headers repeat their last group (行政复议 spans down to
 * the column labels), row labels repeat the leaf (一、本年新收… spans across the group columns).
 */
function padPath(groups: string[], leaf: string, depth: number, by: 'group' | 'leaf'): string[] {
  const out = [...groups];
  while (out.length < depth - 1) out.push(by === 'group' ? (out[out.length - 1] ?? leaf) : leaf);
  out.push(leaf);
  return out;
}

interface Header {
  /** keys[level][column] and the text each key shows. */
  keys: string[][];
  text: Map<string, string>;
}

function columnHeader(cols: readonly ColumnDef[], l: Locale): Header {
  const text = new Map<string, string>();
  const paths = cols.map((c) => {
    const group = (l === 'en' ? c.groupEn : c.group) ?? (l === 'en' ? c.group : undefined);
    const parts = group ? group.split('·') : [];
    return parts.map((p, k) => {
      const key = `g:${parts.slice(0, k + 1).join('·')}`;
      text.set(key, p);
      return key;
    });
  });
  const depth = Math.max(1, ...paths.map((p) => p.length + 1));
  const columns = cols.map((c, k) => {
    text.set(`c:${c.id}`, l === 'en' ? c.en : c.label);
    return padPath(paths[k], `c:${c.id}`, depth, 'group');
  });
  return { keys: Array.from({ length: depth }, (_, lv) => columns.map((col) => col[lv])), text };
}

function rowHeader(part: PartDef, l: Locale): Header | null {
  if (!part.labelledRows) return null;
  const text = new Map<string, string>();
  const chain = (r: RowDef): string[] => {
    const out: string[] = [];
    let g = part.groups.find((x) => x.id === r.group);
    while (g) {
      out.unshift(`g:${g.id}`);
      text.set(`g:${g.id}`, l === 'en' ? g.en : g.label);
      const parent: string | undefined = g.parent;
      g = parent ? part.groups.find((x) => x.id === parent) : undefined;
    }
    return out;
  };
  const chains = part.rows.map(chain);
  const depth = Math.max(1, ...chains.map((c) => c.length + 1));
  const keys = part.rows.map((r, k) => {
    text.set(`r:${r.id}`, l === 'en' ? r.en : r.label);
    return padPath(chains[k], `r:${r.id}`, depth, 'leaf');
  });
  return { keys, text };
}

// ---------------------------------------------------------------------------------------------------

function rangeAttrs(r: Range): string {
  return ` data-line="${r.start.line}" data-character="${r.start.character}" data-end-line="${r.end.line}" data-end-character="${r.end.character}"`;
}

function titleAttr(lines: readonly string[]): string {
  return lines.length ? ` title="${esc(lines.join('\n'))}"` : '';
}

function valueCell(cell: TableCell | null, mark: CellMark | undefined, l: Locale, rowMissing: boolean): string {
  if (!cell) {
    const why = rowMissing ? UI.missingRow[l] : UI.missingCell[l];
    return `<td class="ogi-cell ogi-missing"${titleAttr([why])}></td>`;
  }
  const classes = ['ogi-cell', `ogi-${cell.value.kind}`];
  if (mark) classes.push(`ogi-mark-${mark.level}`);
  let body = esc(cell.raw);
  if (mark?.expected !== undefined && String(mark.expected) !== cell.value.value?.toString()) {
    body =
      `<span class="ogi-found">${body}</span><span class="ogi-arrow" aria-label="${esc(UI.expected[l])}"> → </span>` +
      `<span class="ogi-expected">${esc(String(mark.expected))}</span>`;
  }
  const data = mark?.expected !== undefined ? ` data-expected="${esc(String(mark.expected))}"` : '';
  return `<td class="${classes.join(' ')}"${rangeAttrs(cell.range)}${data}${titleAttr(mark?.messages ?? [])}>${body}</td>`;
}

function rowFindings(row: TableRow, findings: readonly Finding[]): string[] {
  const at = row.label?.range ?? row.range;
  return findings
    .filter((f) => f.range.start.line === at.start.line && f.range.start.character === at.start.character && f.rule.startsWith('row-'))
    .map((f) => f.message);
}

function partHtml(part: TablePart, marks: Map<TableCell, CellMark>, findings: readonly Finding[], l: Locale): string {
  const def = part.def;
  const head = columnHeader(def.columns, l);
  const rows = rowHeader(def, l);
  const labelCols = rows ? rows.keys[0].length : 0;
  const out: string[] = [`<table class="ogi-grid" data-part="${esc(def.id)}">`];
  if (def.caption) {
    const attrs = part.caption ? rangeAttrs(part.caption) : '';
    out.push(`<caption class="ogi-part-caption"${attrs}>${esc(def.caption)}</caption>`);
  }
  out.push('<thead>');
  const headSpans = mergeGrid(head.keys);
  head.keys.forEach((_, lv) => {
    out.push('<tr>');
    if (lv === 0 && labelCols) out.push(`<th class="ogi-corner" rowspan="${head.keys.length}" colspan="${labelCols}"></th>`);
    for (const s of headSpans.filter((x) => x.r === lv)) {
      const key = head.keys[s.r][s.c];
      const cls = key.startsWith('g:') ? 'ogi-col-group' : 'ogi-col';
      out.push(`<th class="${cls}" scope="col"${span(s)}>${esc(head.text.get(key) ?? '')}</th>`);
    }
    out.push('</tr>');
  });
  out.push('</thead><tbody>');
  const labelSpans = rows ? mergeGrid(rows.keys) : [];
  def.rows.forEach((rowDef, r) => {
    const row = part.rows.find((x) => x.def === rowDef && !x.duplicate) ?? null;
    const cls = ['ogi-row', ...(row ? [] : ['ogi-row-missing'])];
    out.push(`<tr class="${cls.join(' ')}" data-row="${esc(rowDef.id)}">`);
    if (rows) {
      for (const s of labelSpans.filter((x) => x.r === r)) {
        const key = rows.keys[s.r][s.c];
        if (key.startsWith('g:')) {
          out.push(`<th class="ogi-row-group" scope="rowgroup"${span(s)}>${esc(rows.text.get(key) ?? '')}</th>`);
          continue;
        }
        const notes: string[] = [];
        if (!row) notes.push(UI.missingRow[l]);
        else {
          if (row.label && !row.label.exact) notes.push(UI.writtenAs[l] + row.label.text);
          notes.push(...rowFindings(row, findings));
        }
        const attrs = row ? rangeAttrs(row.label?.range ?? row.range) : '';
        const marked = row && notes.length ? ' ogi-label-note' : '';
        out.push(`<th class="ogi-row-label${marked}" scope="row"${span(s)}${attrs}${titleAttr(notes)}>${esc(rows.text.get(key) ?? '')}</th>`);
      }
    }
    def.columns.forEach((_, k) => {
      const cell = row?.cells[k] ?? null;
      out.push(valueCell(cell, cell ? marks.get(cell) : undefined, l, !row));
    });
    out.push('</tr>');
  });
  out.push('</tbody></table>');
  return out.join('');
}

function span(s: Span): string {
  return (s.rowspan > 1 ? ` rowspan="${s.rowspan}"` : '') + (s.colspan > 1 ? ` colspan="${s.colspan}"` : '');
}

/** The table as an HTML fragment (a <section> holding one grid per part). Classes only; see styles.ts. */
export function renderTableHtml(table: Table, analysis: Analysis, locale: Locale = 'zh-cn', options: TableHtmlOptions = {}): string {
  const findings = options.findings ?? analysis.findings;
  const marks = tableMarks(table, analysis, findings);
  const level = options.headingLevel ?? 3;
  const name = locale === 'en' ? table.def.nameEn : table.def.name;
  const out = [`<section class="ogi-table" data-table="${esc(table.def.id)}" data-format="${esc(table.format.version)}"${rangeAttrs(table.openerRange)} data-last-line="${table.lastLine}">`];
  if (level) out.push(`<h${level} class="ogi-table-title">${esc(name)} <span class="ogi-format">${esc(table.format.notice)}</span></h${level}>`);
  for (const part of table.parts) out.push(partHtml(part, marks, findings, locale));
  out.push('</section>');
  return out.join('');
}
