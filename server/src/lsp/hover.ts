// Hover on a table cell: the verdict and the fix first, the sums written out below. Rendered in the
// format the client asked for (hover.contentFormat): markdown, or plain text without ** and backticks.
import { type Hover, MarkupKind, type Position, type Range } from 'vscode-languageserver';
import type { Analysis } from '../core/analyze.js';
import type { Equation } from '../core/identities.js';
import * as M from '../core/messages.js';
import type { Locale } from '../core/rules.js';
import type { Table, TableCell } from '../core/tables.js';

export function contains(r: Range, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

export function cellAtPosition(a: Analysis, p: Position): { table: Table; cell: TableCell } | null {
  for (const table of a.report.tables) {
    if (p.line < table.firstLine || p.line > table.lastLine) continue;
    for (const part of table.parts) for (const row of part.rows) for (const cell of row.cells) if (cell && contains(cell.range, p)) return { table, cell };
  }
  return null;
}

/** A piece of hover text: plain words, or words to be emphasised / shown as code where the format allows. */
type Piece = string | { strong: string } | { code: string };
type HoverLine = Piece[];

const mark = (e: Equation) => (e.status === 'holds' ? '✓' : e.status === 'broken' ? '✗' : '?');
const zh = (l: Locale) => l !== 'en';

function sumLines(eq: Equation, l: Locale): HoverLine[] {
  const side = (ops: Equation['left']) => ops.map((o) => `${M.cellName(eq.part.def, o.rowId, o.columnId, l)} ${M.operandText(o, l)}`).join(' + ');
  const known = eq.status === 'holds' || eq.status === 'broken';
  const rel = eq.status === 'holds' ? '=' : '≠';
  const sums = known ? (zh(l) ? `（${eq.leftSum} ${rel} ${eq.rightSum}）` : ` (${eq.leftSum} ${rel} ${eq.rightSum})`) : '';
  return [[`${mark(eq)} ${M.identityName(eq, l)}${sums}`], [`　${side(eq.left)} = ${side(eq.right)}`]];
}

/** The hover's content as lines of pieces, format-neutral: verdict block, then the sums. */
export function hoverLines(a: Analysis, p: Position, l: Locale): { blocks: HoverLine[][]; range: Range } | null {
  const hit = cellAtPosition(a, p);
  if (!hit) return null;
  const { table, cell } = hit;
  const part = table.parts.find((x) => x.rows.some((r) => r.cells.includes(cell)))!.def;
  const shown = cell.value.kind === 'blank' ? (zh(l) ? '空' : 'blank') : cell.raw;
  const head: HoverLine = [{ strong: M.tableName(table.def, l) }, ` · ${M.cellNameOf(part, cell, l)}${zh(l) ? '：' : ': '}`, { code: shown }];
  const eqs = a.report.equations.filter((e) => e.table === table && [...e.left, ...e.right].some((o) => o.cell === cell));
  // The verdict: what is wrong with this very cell and how to fix it, else whether its identities hold.
  const verdict: HoverLine[] = [];
  const here = a.findings.filter((f) => contains(f.range, p));
  const first = here.find((f) => f.severity === 'error') ?? here[0];
  if (first) {
    verdict.push([`${first.severity === 'error' ? '✗' : '⚠'} ${first.message}`]);
    if (first.fix) verdict.push([zh(l) ? `修复：${first.fix.title}` : `Fix: ${first.fix.title}`]);
  } else if (eqs.length) {
    const broken = eqs.filter((e) => e.status === 'broken');
    const names = broken.map((e) => M.identityName(e, l)).join(zh(l) ? '、' : ', ');
    if (broken.length) verdict.push([zh(l) ? `✗ 所在的${names}不成立` : `✗ ${names} ${broken.length > 1 ? 'fail' : 'fails'}`]);
    else if (eqs.every((e) => e.status === 'holds')) verdict.push([zh(l) ? `✓ 所在的 ${eqs.length} 项关系均成立` : `✓ All ${eqs.length} identities with this cell hold`]);
  }
  const anchored = eqs.filter((e) => e.anchor.cell === cell);
  const others = eqs.filter((e) => e.anchor.cell !== cell);
  const sums: HoverLine[] = anchored.flatMap((e) => sumLines(e, l));
  if (others.length) {
    sums.push([zh(l) ? '此格也计入：' : 'This cell also counts in:']);
    // A broken identity is written out in full: it is where this cell may be the one to change.
    for (const e of others) sums.push(...(e.status === 'broken' ? sumLines(e, l) : [[`${mark(e)} ${M.identityName(e, l)}`]]));
  }
  return { blocks: [[head, ...verdict], sums].filter((b) => b.length), range: cell.range };
}

// Characters that would start markdown formatting inside report text.
const escapeMarkdown = (s: string) => s.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);

export function renderHover(blocks: HoverLine[][], kind: MarkupKind): string {
  const md = kind === MarkupKind.Markdown;
  const piece = (x: Piece) =>
    typeof x === 'string' ? (md ? escapeMarkdown(x) : x) : 'strong' in x ? (md ? `**${escapeMarkdown(x.strong)}**` : x.strong) : md ? `\`${x.code.replace(/`/g, '')}\`` : x.code;
  const line = (pieces: HoverLine) => pieces.map(piece).join('');
  // Markdown needs two trailing spaces for a line break; a rule separates the verdict from the sums.
  return blocks.map((b) => b.map(line).join(md ? '  \n' : '\n')).join(md ? '\n\n---\n\n' : '\n\n');
}

export function hover(a: Analysis, p: Position, l: Locale, kind: MarkupKind = MarkupKind.Markdown): Hover | null {
  const content = hoverLines(a, p, l);
  if (!content) return null;
  return { contents: { kind, value: renderHover(content.blocks, kind) }, range: content.range };
}
