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

const APPLICATIONS_CAPTION = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

function tableLines(def: TableDef, cell: CellText): Line[] {
  const lines: Line[] = [];
  let index = 0;
  const valuesOf = (part: PartDef, r: number) => part.columns.map((_, c) => cell(part, r, c, ++index));
  for (const part of def.parts) {
    if (def.id === 'applications') {
      lines.push({ labels: [APPLICATIONS_CAPTION, ''], values: ['申请人情况', '', '', '', '', '', ''], header: true });
      lines.push({ labels: ['', ''], values: ['自然人', '法人或其他组织', '', '', '', '', '总计'], header: true });
      lines.push({ labels: ['', ''], values: ['', ...part.columns.slice(1, 6).map((c) => c.label), ''], header: true });
      const groupsShown = new Set<string>();
      part.rows.forEach((row, r) => {
        const group = part.groups.find((g) => g.id === row.group);
        const parent = group?.parent ? part.groups.find((g) => g.id === group.parent) : undefined;
        const labels: string[] = [];
        if (parent && !groupsShown.has(parent.id)) labels.push(parent.label);
        if (group && !groupsShown.has(group.id) && (group.parent || row.id !== 'resultTotal')) labels.push(group.label);
        if (parent) groupsShown.add(parent.id);
        if (group) groupsShown.add(group.id);
        labels.push(row.label);
        lines.push({ labels, values: valuesOf(part, r) });
      });
    } else if (!part.labelledRows) {
      lines.push({ labels: [], values: ['行政复议', '', '', '', '', '行政诉讼', ...Array(9).fill('')], header: true });
      lines.push({
        labels: [],
        values: [...part.columns.slice(0, 5).map((c) => c.label), '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', ''],
        header: true,
      });
      lines.push({ labels: [], values: [...Array(5).fill(''), ...part.columns.slice(5).map((c) => c.label)], header: true });
      lines.push({ labels: [], values: valuesOf(part, 0) });
    } else {
      if (part.caption) lines.push({ labels: [part.caption], values: part.columns.map(() => ''), header: true });
      lines.push({ labels: ['信息内容'], values: part.columns.map((c) => c.label), header: true });
      part.rows.forEach((row, r) => lines.push({ labels: [row.label], values: valuesOf(part, r) }));
    }
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
