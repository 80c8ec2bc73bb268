// Shared test helpers: the seed reports, text edits by range, and finding filters.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Analysis, type Finding, analyze } from '../server/src/core/analyze.js';
import type { Table, TableCell } from '../server/src/core/tables.js';
import { type Range, splitLines } from '../server/src/core/text.js';

export const ROOT = new URL('..', import.meta.url).pathname;
const SHARED_SEEDS = join(ROOT, '../shared/seeds');
const BUNDLED_SEEDS = join(ROOT, 'samples/seeds');

/** The five real reports: from ../shared/seeds when present, else the copies in samples/. */
export function seeds(): { name: string; text: string }[] {
  const dir = existsSync(SHARED_SEEDS) ? SHARED_SEEDS : BUNDLED_SEEDS;
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[0-9a-f]+\.txt$/.test(f))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

export function fixture(...path: string[]): string {
  return readFileSync(join(ROOT, 'test/fixtures', ...path), 'utf8');
}

/** Replaces a range of the text (positions in UTF-16 code units, as LSP). */
export function replaceRange(text: string, range: Range, newText: string): string {
  const lines = splitLines(text);
  const at = (p: Range['start']) => lines[p.line].offset + p.character;
  return text.slice(0, at(range.start)) + newText + text.slice(at(range.end));
}

export { applyEdits } from '../server/src/core/fix.js';

export const errors = (a: Analysis | Finding[]) => ('findings' in a ? a.findings : a).filter((f) => f.severity === 'error');

export function within(r: Range, outer: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, r.start) && le(r.end, outer.end);
}

/** Every numeric cell of tables 三 and 四 (the first of each), in document order. */
export function arithmeticCells(a: Analysis): { table: Table; cell: TableCell }[] {
  const out: { table: Table; cell: TableCell }[] = [];
  const seen = new Set<string>();
  for (const table of a.report.tables) {
    if (table.def.id === 'activeDisclosure' || seen.has(table.def.id)) continue;
    seen.add(table.def.id);
    for (const p of table.parts) for (const r of p.rows) if (!r.duplicate) for (const c of r.cells) if (c && c.value.kind === 'number') out.push({ table, cell: c });
  }
  return out;
}

export { analyze };

import type { Shape } from '../server/src/core/cells.js';
import { renderTable } from '../server/src/core/render.js';

export const SHAPES: Shape[] = ['tsv', 'cellPerLine', 'pipe', 'markdown', 'pipePerLine', 'spaced'];

/** The report with its statutory tables rewritten in another text shape, the prose untouched. */
export function reserialize(text: string, shape: Shape): string {
  const a = analyze(text);
  const lines = text.split(/\r\n|\n|\r/);
  for (const t of [...a.report.tables].reverse()) {
    const rendered = renderTable(t.def, shape, (part, r, c) => {
      const row = t.parts.find((p) => p.def === part)!.rows.find((x) => x.def === part.rows[r] && !x.duplicate);
      const raw = row?.cells[c]?.raw ?? '0';
      // Space-separated text cannot hold an empty cell; PDFs show such cells as a dash.
      return raw === '' && shape === 'spaced' ? '/' : raw;
    }, { wrapAt: 14 });
    lines.splice(t.firstLine, t.lastLine - t.firstLine + 1, ...rendered.split('\n'), '');
  }
  return lines.join('\n');
}
