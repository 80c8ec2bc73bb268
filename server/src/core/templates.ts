// Table templates and the whole-report skeleton, written from the format declarations in any shape:
// as snippets (every number a tab stop defaulting to 0) or as plain text with zeros.
import type { Shape } from './cells.js';
import { CURRENT_FORMAT, FORMATS } from './format/formats.js';
import type { FormatDef, TableDef } from './format/schema.js';
import { renderTable } from './render.js';
import { sameTable } from './tables.js';

export type TemplateShape = 'tsv' | 'markdown';

export interface TableTemplate {
  id: string;
  table: TableDef;
  format: FormatDef;
}

/** Every distinct statutory table: 二 and 三 in both formats, 四 once (it is the same in both). */
export function tableTemplates(): TableTemplate[] {
  const out: TableTemplate[] = [];
  for (const table of CURRENT_FORMAT.tables) {
    for (const format of FORMATS) {
      const def = format.tables.find((t) => t.id === table.id)!;
      if (out.some((t) => t.table.id === def.id && sameTable(t.format, format, def.id))) continue;
      out.push({ id: `${def.id}${format.version}`, table: def, format });
    }
  }
  return out;
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** A table as text: `snippet` makes every number a tab stop ${n:0}. */
export function tableText(def: TableDef, shape: Shape, snippet: boolean, firstStop = 1): { text: string; stops: number } {
  let stops = 0;
  const body = renderTable(def, shape, (_p, _r, _c, index) => {
    stops = Math.max(stops, index);
    return snippet ? `\${${firstStop + index - 1}:0}` : '0';
  });
  if (!snippet) return { text: body, stops };
  // Labels are literal text in a snippet; only the placeholders may keep their syntax.
  const escaped = body
    .split(/(\$\{\d+:0\})/)
    .map((part, i) => (i % 2 === 1 ? part : escapeSnippet(part)))
    .join('');
  return { text: escaped, stops };
}

/** The six sections with their statutory tables: a new report from the format. */
export function skeletonText(shape: Shape, snippet: boolean, format: FormatDef = CURRENT_FORMAT): string {
  const parts: string[] = [snippet ? '${1:机关名称}${2:年份}年政府信息公开工作年度报告\n' : '机关名称年份年政府信息公开工作年度报告\n'];
  let stop = snippet ? 3 : 1;
  for (const s of format.sections) {
    parts.push(`${s.numbering}${s.title}\n`);
    const table = format.tables.find((t) => t.section === s.number);
    if (table) {
      const t = tableText(table, shape, snippet, stop);
      stop += t.stops;
      parts.push(t.text + '\n');
    } else {
      parts.push(s.skeleton);
    }
  }
  return parts.join('\n');
}
