// The reviewer's spreadsheet: one row per report, the statutory numbers in format order under headers
// made of the table's, row's and column's labels (表三·一、本年新收政府信息公开申请数量·自然人).
// UTF-8 with a BOM so that Excel and WPS open the Chinese intact; RFC 4180 quoting, CRLF line ends.
import { agencyOf } from '../core/agency.js';
import { FORMATS } from '../core/format/formats.js';
import type { ColumnDef, PartDef, RowDef, TableDef } from '../core/format/schema.js';
import type { Table, TableCell } from '../core/tables.js';
import { type ReportResult, type Write, collected, findingsOf } from './types.js';

export const CSV_FIXED_COLUMNS = ['path', 'agency', 'year', 'format', 'errors', 'warnings'] as const;

/**
 * A statutory number's header. Rows under a nested group carry the group (（三）不予公开·1.属于国家秘密: the
 * numbered leaves repeat across groups); columns carry their header groups (行政复议·结果维持).
 */
export function statutoryHeader(table: TableDef, part: PartDef, row: RowDef, column: ColumnDef): string {
  const out = [table.name];
  if (part.caption) out.push(part.caption);
  const group = part.groups.find((g) => g.id === row.group);
  if (group?.parent) out.push(group.label);
  if (row.label) out.push(row.label);
  if (column.group) out.push(...column.group.split('·'));
  out.push(column.label);
  return out.join('·');
}

let columnsCache: string[] | null = null;
/** Every statutory number's header: the 2021 format's in order, then the 2019 format's that differ. */
export function statutoryColumns(): string[] {
  if (columnsCache) return columnsCache;
  const seen = new Set<string>();
  for (const format of FORMATS) {
    for (const t of format.tables) for (const p of t.parts) for (const r of p.rows) for (const c of p.columns) seen.add(statutoryHeader(t, p, r, c));
  }
  return (columnsCache = [...seen]);
}

/** The statutory numbers of one report by header; the first table of each kind is the statutory one. */
export function statutoryValues(tables: readonly Table[]): Map<string, TableCell> {
  const out = new Map<string, TableCell>();
  const done = new Set<string>();
  for (const t of tables) {
    if (done.has(t.def.id)) continue;
    done.add(t.def.id);
    for (const p of t.parts)
      for (const r of p.rows) {
        if (r.duplicate) continue;
        r.cells.forEach((c) => {
          if (c) out.set(statutoryHeader(t.def, p.def, r.def, c.column), c);
        });
      }
  }
  return out;
}

/** The cell as the spreadsheet should hold it: the number when it is one, else the text as written. */
export function csvValue(cell: TableCell): string {
  const v = cell.value;
  return v.kind === 'number' && v.value !== null && !v.unit ? String(v.value) : cell.raw;
}

/** The format version the report's statutory tables are written in (table 三's, which tells them apart). */
export function reportFormat(tables: readonly Table[]): string {
  const t = tables.find((x) => x.def.id === 'applications') ?? tables.find((x) => x.def.id === 'activeDisclosure') ?? tables[0];
  return t?.format.version ?? '';
}

const NEEDS_QUOTES = /[",\r\n]/;
/** One RFC 4180 field. Text that a spreadsheet would run as a formula (=, +, -, @) is prefixed with '. */
export function csvField(s: string): string {
  let f = s;
  if (/^[=+\-@\t\r]/.test(f) && !/^[+-]?\d+(?:\.\d+)?$/.test(f)) f = `'${f}`;
  return NEEDS_QUOTES.test(f) ? `"${f.replace(/"/g, '""')}"` : f;
}

/** The header line (no line end). */
export function csvHeader(): string {
  return [...CSV_FIXED_COLUMNS, ...statutoryColumns()].map(csvField).join(',');
}

/** One report's line (no line end): rendered where the analysis is (the CLI's worker threads). */
export function csvRow(r: ReportResult): string {
  const { report } = r.analysis;
  const findings = findingsOf(r);
  const values = statutoryValues(report.tables);
  return [
    r.path,
    agencyOf(report) ?? '',
    report.year === null ? '' : String(report.year),
    reportFormat(report.tables),
    String(findings.filter((f) => f.severity === 'error').length),
    String(findings.filter((f) => f.severity === 'warning').length),
    ...statutoryColumns().map((h) => {
      const c = values.get(h);
      return c ? csvValue(c) : '';
    }),
  ]
    .map(csvField)
    .join(',');
}

/** The whole file from its lines (a piece may hold several, CRLF between): BOM, header, one line per report, CRLF. */
export function writeCsvDocument(rows: Iterable<string>, write: Write): void {
  write('\uFEFF' + csvHeader() + '\r\n');
  for (const r of rows) write(r + '\r\n');
}

export function toCsv(results: readonly ReportResult[]): string {
  return collected((write) => writeCsvDocument(results.map(csvRow), write));
}
