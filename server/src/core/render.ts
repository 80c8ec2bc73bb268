// Writes a statutory table in any of the text shapes the parser reads. Used for table templates
// (snippets, "insert table") and by the tests that re-serialise real reports in other shapes.
import type { Shape } from './cells.js';
import type { PartDef, TableDef } from './format/schema.js';

/** The text of one value cell; `index` counts value cells across the whole table from 1. */
export type CellText = (part: PartDef, row: number, column: number, index: number) => string;

export interface RenderOptions {
  /** spaced shape: wrap labels longer than this many characters onto the next line. */
  wrapAt?: number;
}

interface Line {
  /** Label cells (merged cells as empty strings), then value cells. */
  labels: string[];
  values: string[];
  header?: boolean;
}

// The header lines come from the format (part.header); the rows carry their group labels the first time
// a group appears (三、本年度办理结果, （三）不予公开 …), as the statutory template prints them.
function tableLines(def: TableDef, cell: CellText): Line[] {
  const lines: Line[] = [];
  let index = 0;
  const valuesOf = (part: PartDef, r: number) => part.columns.map((_, c) => cell(part, r, c, ++index));
  for (const part of def.parts) {
    for (const h of part.header) lines.push({ labels: h.labels, values: h.values, header: true });
    if (!part.labelledRows) {
      part.rows.forEach((_, r) => lines.push({ labels: [], values: valuesOf(part, r) }));
      continue;
    }
    const groupsShown = new Set<string>();
    part.rows.forEach((row, r) => {
      const group = part.groups.find((g) => g.id === row.group);
      const parent = group?.parent ? part.groups.find((g) => g.id === group.parent) : undefined;
      const labels: string[] = [];
      for (const g of [parent, group]) if (g && !groupsShown.has(g.id)) labels.push(g.label);
      if (parent) groupsShown.add(parent.id);
      if (group) groupsShown.add(group.id);
      labels.push(row.label);
      lines.push({ labels, values: valuesOf(part, r) });
    });
  }
  return lines;
}

/** Rows padded with empty cells, so that every row of a tab or pipe table has the same number of fields. */
function padded(lines: Line[]): string[][] {
  const labels = Math.max(...lines.map((l) => l.labels.length));
  const values = Math.max(...lines.map((l) => l.values.length));
  const fill = (n: number) => Array<string>(Math.max(0, n)).fill('');
  return lines.map((l) => [...l.labels, ...fill(labels - l.labels.length), ...l.values, ...fill(values - l.values.length)]);
}

function wrapLabel(label: string, at: number): [string, string] {
  if (label.length <= at) return [label, ''];
  return [label.slice(0, at), label.slice(at)];
}

export function renderTable(def: TableDef, shape: Shape, cell: CellText, options: RenderOptions = {}): string {
  const lines = tableLines(def, cell);
  switch (shape) {
    case 'tsv':
      return padded(lines).map((f) => f.join('\t')).join('\n');
    case 'pipe':
      return padded(lines).map((f) => f.join(' | ') + ' |').join('\n');
    case 'markdown': {
      const rows = padded(lines).map((f) => `| ${f.join(' | ')} |`);
      const width = padded(lines)[0].length;
      rows.splice(1, 0, `|${Array(width).fill('---').join('|')}|`);
      return rows.join('\n');
    }
    case 'cellPerLine':
      return lines.map((l) => [...l.labels, ...l.values].map((c) => `\t${c}`).join('\n')).join('\n\n');
    case 'pipePerLine':
      return lines.map((l) => ['|', ...[...l.labels, ...l.values].flatMap((c) => [c === '' ? ' ' : c, '|'])].join('\n')).join('\n\n');
    case 'spaced': {
      const at = options.wrapAt ?? Infinity;
      const out: string[] = [];
      for (const l of lines) {
        const labels = l.labels.filter((x) => x !== '');
        const values = l.values.filter((x) => x !== '' || !l.header);
        if (l.header) {
          out.push([...labels, ...values].join(' '));
          continue;
        }
        const last = labels.pop() ?? '';
        const [head, tail] = wrapLabel(last, at);
        out.push([...labels, head, ...values].filter((x) => x !== '').join(' '));
        if (tail) out.push(tail);
      }
      return out.join('\n');
    }
  }
}
