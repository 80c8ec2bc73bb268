// Where a finding is, in the reader's terms: the original document's place (page, table/row/cell,
// element path) from the rendering's source map, and the statutory cell the finding is on, by name.
import type { Analysis } from '../core/analyze.js';
import type { DocumentReport } from '../core/document.js';
import { cellNameOf, rowName, tableName } from '../core/messages.js';
import type { Locale } from '../core/rules.js';
import type { Position, Range } from '../core/text.js';
import { type ReadResult, type SourceLocation, locate } from '../readers/types.js';

function inside(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

/** The statutory cell (表三「（七）总计」·总计), row or table at a position of the file, or null outside the tables. */
export function tablePlaceName(reports: readonly DocumentReport[], at: Position, l: Locale): string | null {
  for (const r of reports) {
    if (at.line < r.span.fromLine || at.line >= r.span.toLine) continue;
    const p = { line: at.line - r.span.fromLine, character: at.character };
    return nameIn(r.analysis, p, l);
  }
  return null;
}

function nameIn(a: Analysis, p: Position, l: Locale): string | null {
  for (const t of a.report.tables) {
    if (p.line < t.firstLine || p.line > t.lastLine) continue;
    const table = tableName(t.def, l);
    for (const part of t.parts) {
      for (const row of part.rows) {
        for (const c of row.cells) {
          if (!c || !inside(c.range, p)) continue;
          if (!part.def.labelledRows) return `${table}${l === 'en' ? ' ' : ''}${cellNameOf(part.def, c, l)}`;
          return l === 'en' ? `${table} “${rowName(row.def, l)}” / ${c.column.en}` : `${table}「${rowName(row.def, l)}」·${cellNameOf(part.def, c, l).slice(rowName(row.def, l).length + 1)}`;
        }
        if (part.def.labelledRows && inside(row.range, p)) return l === 'en' ? `${table} “${rowName(row.def, l)}”` : `${table}「${rowName(row.def, l)}」`;
      }
    }
    return table;
  }
  return null;
}

/**
 * A range of a document's rendering in the original's terms: the reader's location at its start (or end) and
 * its name in words with the statutory cell there (第3页 表三「（七）总计」·总计); place null when neither is known.
 */
export function placeIn(read: ReadResult, reports: readonly DocumentReport[], range: Range, l: Locale): { loc: SourceLocation | null; place: string | null } {
  const at = range.start;
  const loc = locate(read, at.line, at.character) ?? locate(read, at.line, range.end.character);
  const parts = [loc ? sourceName(loc, l) : null, tablePlaceName(reports, at, l)].filter(Boolean);
  return { loc, place: parts.length ? parts.join(' ') : null };
}

/** The original document's place in words: 第3页, 表2 第9行第8列, 第12段, or the HTML element path. */
export function sourceName(s: SourceLocation, l: Locale): string | null {
  const en = l === 'en';
  switch (s.kind) {
    case 'pdf':
      return en ? `page ${s.page}` : `第${s.page}页`;
    case 'docx':
      if (s.table !== undefined) {
        const parts = [en ? `table ${s.table}` : `表${s.table}`];
        if (s.row !== undefined) parts.push(en ? `row ${s.row}` : `第${s.row}行`);
        if (s.cell !== undefined) parts.push(en ? `column ${s.cell}` : `第${s.cell}列`);
        return en ? parts.join(', ') : `${parts[0]}${parts.length > 1 ? ' ' + parts.slice(1).join('') : ''}`;
      }
      return s.paragraph !== undefined ? (en ? `paragraph ${s.paragraph}` : `第${s.paragraph}段`) : null;
    case 'html':
      return htmlName(s.path, l);
    case 'text':
      return null;
  }
}

/** An HTML path ending in a table cell as 表N 第R行第C列 (N counts tables in the path's last table step); else the path. */
function htmlName(path: string, l: Locale): string {
  const m = /table\[(\d+)\](?:>(?:thead|tbody|tfoot)(?:\[\d+\])?)?>tr\[(\d+)\]>t[dh]\[(\d+)\][^>]*$/.exec(path);
  if (!m) return path;
  return l === 'en' ? `table ${m[1]}, row ${m[2]}, column ${m[3]} (${path})` : `表${m[1]} 第${m[2]}行第${m[3]}列（${path}）`;
}
