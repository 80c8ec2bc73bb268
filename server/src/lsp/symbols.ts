// The Outline (document symbols) and folding, from the report model. LSP requires selectionRange ⊆ range
// ⊆ the parent's range; the model's ranges need not nest (a row label wrapped onto the next line of a
// PDF text lies outside the row's cells), so every symbol is made through `nested`, which grows a range to
// hold its label and then clamps both into the parent and the document.
import { type CancellationToken, type DocumentSymbol, type FoldingRange, FoldingRangeKind, type SymbolInformation, SymbolKind } from 'vscode-languageserver';
import type { Analysis } from '../core/analyze.js';
import * as M from '../core/messages.js';
import type { Locale } from '../core/rules.js';
import type { Table } from '../core/tables.js';
import type { Line, Position, Range } from '../core/text.js';

const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const min = (a: Position, b: Position) => (le(a, b) ? a : b);
const max = (a: Position, b: Position) => (le(a, b) ? b : a);
const clampPosition = (p: Position, r: Range) => min(max(p, r.start), r.end);
export const clampRange = (r: Range, outer: Range): Range => {
  const start = clampPosition(r.start, outer);
  return { start, end: clampPosition(max(r.end, start), outer) };
};

/** The whole document as a range. */
export const documentRange = (lines: readonly Line[]): Range => ({
  start: { line: 0, character: 0 },
  end: { line: lines.length - 1, character: lines[lines.length - 1]?.text.length ?? 0 },
});

/** range ∪ selection, inside parent; selection inside that. Nested whatever the inputs. */
export function nested(range: Range, selection: Range, parent: Range): { range: Range; selectionRange: Range } {
  const grown = { start: min(range.start, selection.start), end: max(range.end, selection.end) };
  const outer = clampRange(grown, parent);
  return { range: outer, selectionRange: clampRange(selection, outer) };
}

type Symbol = Omit<DocumentSymbol, 'range' | 'selectionRange' | 'children'> & { range: Range; selectionRange: Range; children?: Symbol[] };

/** Places each symbol inside its parent, depth first. */
function place(s: Symbol, parent: Range): DocumentSymbol {
  const { range, selectionRange } = nested(s.range, s.selectionRange, parent);
  return { ...s, range, selectionRange, children: s.children?.map((c) => place(c, range)) };
}

/** The lines of a report (all of the document's for a report alone; its own in a file of many) as a range. */
export const reportRange = (a: Analysis): Range => {
  const { lines, fromLine, toLine } = a.report;
  const last = Math.max(fromLine, toLine - 1);
  return { start: { line: fromLine, character: 0 }, end: { line: last, character: lines[last]?.text.length ?? 0 } };
};

/**
 * The outline of a document: a report's sections and tables; when the file holds several reports, one node
 * per report (named by its title) with its own sections and tables inside.
 */
export function outline(reports: readonly { analysis: Analysis; title: string | null }[], l: Locale, token?: CancellationToken): DocumentSymbol[] | null {
  if (reports.length === 1) return documentSymbols(reports[0].analysis, l, token);
  const out: DocumentSymbol[] = [];
  for (const [k, { analysis, title }] of reports.entries()) {
    const children = documentSymbols(analysis, l, token);
    if (!children) return null;
    const range = reportRange(analysis);
    const first = range.start.line;
    const selectionRange = { start: range.start, end: { line: first, character: analysis.report.lines[first]?.text.length ?? 0 } };
    out.push({ name: title ?? (l === 'en' ? `Report ${k + 1}` : `报告 ${k + 1}`), kind: SymbolKind.Module, range, selectionRange, children });
  }
  return out;
}

export function documentSymbols(a: Analysis, l: Locale, token?: CancellationToken): DocumentSymbol[] | null {
  const { sections, tables, lines } = a.report;
  const endOf = (line: number) => ({ line, character: lines[line]?.text.length ?? 0 });
  // Symbols name what the document says, in its own language; English goes into the detail.
  const tableSymbol = (t: Table): Symbol => {
    const section = t.format.sections[t.def.section - 1];
    return {
      name: `${t.def.name} ${section.title}`,
      detail: l === 'en' ? `${t.def.nameEn} ${section.en} · ${t.format.notice}` : t.format.notice,
      kind: SymbolKind.Struct,
      range: { start: { line: t.firstLine, character: 0 }, end: endOf(t.lastLine) },
      selectionRange: t.openerRange,
      children: t.parts.flatMap((p) =>
        p.rows.map((r) => {
          const values = r.cells.map((c) => (c ? (c.raw === '' ? '·' : c.raw) : '?')).join(' ');
          return {
            name: p.def.labelledRows ? M.rowName(r.def, 'zh-cn') : t.def.name,
            detail: l === 'en' && p.def.labelledRows ? `${r.def.en}: ${values}` : values,
            kind: SymbolKind.Field,
            range: r.range,
            selectionRange: r.label?.range ?? r.range,
          };
        }),
      ),
    };
  };
  const out: DocumentSymbol[] = [];
  const whole = reportRange(a);
  for (const s of sections) {
    if (token?.isCancellationRequested) return null;
    const inside = tables.filter((t) => t.firstLine > s.heading.line && t.firstLine < s.bodyTo);
    // A sub-heading runs to the next sub-heading, table or the end of its section.
    const stops = [...s.subheadings.map((h) => h.line), ...inside.map((t) => t.firstLine), s.bodyTo].sort((x, y) => x - y);
    const subs: Symbol[] = s.subheadings.map((h) => {
      const end = Math.max(h.line, (stops.find((x) => x > h.line) ?? h.line + 1) - 1);
      return { name: h.text, kind: SymbolKind.String, range: { start: h.range.start, end: endOf(end) }, selectionRange: h.range };
    });
    const children = [...subs, ...inside.map(tableSymbol)].sort((x, y) => x.range.start.line - y.range.start.line);
    const section: Symbol = {
      name: s.heading.text,
      detail: s.exactTitle ? undefined : s.def.title,
      kind: SymbolKind.Namespace,
      range: { start: s.heading.range.start, end: endOf(Math.max(s.bodyTo - 1, s.heading.line)) },
      selectionRange: s.heading.range,
      children,
    };
    out.push(place(section, whole));
  }
  return out;
}

/** For clients without hierarchicalDocumentSymbolSupport: the same symbols, flat, with their container's name. */
export function flatSymbols(uri: string, symbols: readonly DocumentSymbol[], container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [
    { name: s.name, kind: s.kind, location: { uri, range: s.range }, ...(container ? { containerName: container } : {}) },
    ...flatSymbols(uri, s.children ?? [], s.name),
  ]);
}

export function foldingRanges(a: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  const { lines } = a.report;
  const last = a.report.toLine - 1;
  const lastContent = (from: number, to: number) => {
    let k = Math.min(to, last);
    while (k > from && lines[k].text.trim() === '') k--;
    return k;
  };
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind) => {
    const end = Math.min(endLine, last);
    if (startLine >= 0 && end > startLine) out.push({ startLine, endLine: end, ...(kind ? { kind } : {}) });
  };
  for (const s of a.report.sections) {
    add(s.heading.line, lastContent(s.heading.line, s.bodyTo - 1), FoldingRangeKind.Region);
    const subs = s.subheadings.map((h) => h.line);
    subs.forEach((line, k) => add(line, lastContent(line, (subs[k + 1] ?? s.bodyTo) - 1)));
  }
  for (const t of a.report.tables) add(t.firstLine, t.lastLine);
  return out;
}
