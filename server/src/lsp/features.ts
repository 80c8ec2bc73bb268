// Translation from the engine's report model and findings to LSP types. No analysis happens here.
import { createHash } from 'node:crypto';
import {
  type CodeAction,
  CodeActionKind,
  type CompletionItem,
  CompletionItemKind,
  type Diagnostic,
  DiagnosticSeverity,
  type DocumentSymbol,
  type FoldingRange,
  FoldingRangeKind,
  type Hover,
  InsertTextFormat,
  MarkupKind,
  type Position,
  type Range,
  SymbolKind,
  type TextEdit,
} from 'vscode-languageserver';
import { type Analysis, type Finding, analyze, type AnalyzeOptions } from '../core/analyze.js';
import type { Shape } from '../core/cells.js';
import type { Equation } from '../core/identities.js';
import { fixAll } from '../core/fix.js';
import * as M from '../core/messages.js';
import type { Locale, Severity } from '../core/rules.js';
import type { Table, TableCell } from '../core/tables.js';
import { skeletonText, tableTemplates, tableText } from '../core/templates.js';
import { arithmeticValue } from '../core/values.js';

export const SOURCE = 'ogi-report';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.ogi-report`;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(uri: string, f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.rule,
    message: f.message,
    ...(f.related.length ? { relatedInformation: f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message })) } : {}),
  };
}

// ----------------------------------------------------------------------------------------- symbols

export function documentSymbols(a: Analysis, l: Locale): DocumentSymbol[] {
  const { sections, tables, lines } = a.report;
  const endOf = (line: number) => ({ line, character: lines[line]?.text.length ?? 0 });
  // Symbols name what the document says, in its own language; English goes into the detail.
  const tableSymbol = (t: Table): DocumentSymbol => {
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
  return sections.map((s) => {
    const last = s.bodyTo - 1;
    const inside = tables.filter((t) => t.firstLine > s.heading.line && t.firstLine < s.bodyTo);
    // A sub-heading runs to the next sub-heading, table or the end of its section.
    const stops = [...s.subheadings.map((h) => h.line), ...inside.map((t) => t.firstLine), s.bodyTo].sort((x, y) => x - y);
    const subs: DocumentSymbol[] = s.subheadings.map((h) => {
      const end = Math.max(h.line, stops.find((x) => x > h.line)! - 1);
      return { name: h.text, kind: SymbolKind.String, range: { start: h.range.start, end: endOf(end) }, selectionRange: h.range };
    });
    const children = [...subs, ...inside.map(tableSymbol)].sort((x, y) => x.range.start.line - y.range.start.line);
    return {
      name: s.heading.text,
      detail: s.exactTitle ? undefined : s.def.title,
      kind: SymbolKind.Namespace,
      range: { start: s.heading.range.start, end: endOf(Math.max(last, s.heading.line)) },
      selectionRange: s.heading.range,
      children,
    };
  });
}

export function foldingRanges(a: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  const { lines } = a.report;
  const lastContent = (from: number, to: number) => {
    let k = to;
    while (k > from && lines[k].text.trim() === '') k--;
    return k;
  };
  for (const s of a.report.sections) {
    const end = lastContent(s.heading.line, s.bodyTo - 1);
    if (end > s.heading.line) out.push({ startLine: s.heading.line, endLine: end, kind: FoldingRangeKind.Region });
    const subs = s.subheadings.map((h) => h.line);
    subs.forEach((line, k) => {
      const stop = lastContent(line, (subs[k + 1] ?? s.bodyTo) - 1);
      if (stop > line) out.push({ startLine: line, endLine: stop });
    });
  }
  for (const t of a.report.tables) if (t.lastLine > t.firstLine) out.push({ startLine: t.firstLine, endLine: t.lastLine });
  return out;
}

// ------------------------------------------------------------------------------------------- hover

function contains(r: Range, p: Position): boolean {
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

function equationLine(eq: Equation, l: Locale): string {
  const side = (ops: Equation['left']) => ops.map((o) => `${M.cellName(eq.part.def, o.rowId, o.columnId, l)} ${M.operandText(o, l)}`).join(' + ');
  const mark = eq.status === 'holds' ? '✓' : eq.status === 'broken' ? '✗' : '?';
  const sums = eq.status === 'holds' || eq.status === 'broken' ? ` (${eq.leftSum} ${eq.status === 'holds' ? '=' : '≠'} ${eq.rightSum})` : '';
  return `${mark} ${M.identityName(eq, l)}${sums}  \n　${side(eq.left)} = ${side(eq.right)}`;
}

export function hover(a: Analysis, p: Position, l: Locale): Hover | null {
  const hit = cellAtPosition(a, p);
  if (!hit) return null;
  const { table, cell } = hit;
  const part = table.parts.find((x) => x.rows.some((r) => r.cells.includes(cell)))!.def;
  const value = arithmeticValue(cell.value);
  const shown = cell.value.kind === 'blank' ? (l === 'en' ? 'blank' : '空') : cell.raw;
  const lines = [`**${M.tableName(table.def, l)}** · ${M.cellNameOf(part, cell, l)}: \`${shown}\`${value === null ? '' : ''}`];
  const eqs = a.report.equations.filter((e) => e.table === table && [...e.left, ...e.right].some((o) => o.cell === cell));
  const anchored = eqs.filter((e) => e.anchor.cell === cell);
  const others = eqs.filter((e) => e.anchor.cell !== cell);
  for (const e of anchored) lines.push(equationLine(e, l));
  if (others.length) {
    lines.push(l === 'en' ? 'Also part of:' : '还参与：');
    for (const e of others) lines.push(`- ${e.status === 'holds' ? '✓' : e.status === 'broken' ? '✗' : '?'} ${M.identityName(e, l)}`);
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: cell.range };
}

// ------------------------------------------------------------------------------------ code actions

function overlaps(a: Range, b: Range): boolean {
  const le = (x: Position, y: Position) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return le(a.start, b.end) && le(b.start, a.end);
}

export function quickFixes(uri: string, a: Analysis, range: Range): CodeAction[] {
  return a.findings
    .filter((f) => f.fix && overlaps(f.range, range))
    .map((f) => ({
      title: f.fix!.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [toDiagnostic(uri, f)],
      isPreferred: true,
      edit: { changes: { [uri]: f.fix!.edits as TextEdit[] } },
    }));
}

/** Every certain fix that leaves no new finding, as one edit set: the core's fixAll, reusing `a`. */
export function fixAllEdits(text: string, a: Analysis, options: AnalyzeOptions): TextEdit[] {
  return fixAll(text, options, (t, o) => (t === text ? a : analyze(t, o))).edits as TextEdit[];
}

// -------------------------------------------------------------------------------------- completion

/** The shape new tables should take: the setting, else the shape of the document's own tables. */
export function templateShape(a: Analysis | null, setting: 'auto' | 'tsv' | 'markdown'): Shape {
  if (setting !== 'auto') return setting;
  const used = a?.report.tables[0]?.shape;
  return used === 'markdown' || used === 'pipe' || used === 'pipePerLine' ? 'markdown' : used === 'cellPerLine' ? 'cellPerLine' : 'tsv';
}

const TABLE_WORDS: Record<string, string> = {
  activeDisclosure: '表二 主动公开 table2 proactive disclosure',
  applications: '表三 申请情况 依申请 收到和处理 勾稽 table3 applications',
  reviewLitigation: '表四 复议 诉讼 行政复议 行政诉讼 table4 review litigation',
};

export function templateCompletions(shape: Shape, snippets: boolean, l: Locale, replace: Range): CompletionItem[] {
  const format = InsertTextFormat;
  const items: CompletionItem[] = tableTemplates().map((t, k) => {
    const { text } = tableText(t.table, shape, snippets);
    const title = t.format.sections[t.table.section - 1].title;
    return {
      label: l === 'en' ? `${t.table.nameEn} ${title} (${t.format.version} format)` : `${t.table.name} ${title}（${t.format.version} 格式）`,
      kind: CompletionItemKind.Snippet,
      detail: t.format.notice,
      filterText: `${TABLE_WORDS[t.table.id]} ${t.format.version}`,
      sortText: `1${k}`,
      insertTextFormat: snippets ? format.Snippet : format.PlainText,
      textEdit: { range: replace, newText: text },
    };
  });
  items.push({
    label: l === 'en' ? 'Whole report skeleton (six sections, 2021 format)' : '年度报告全文框架（六个章节，2021 格式）',
    kind: CompletionItemKind.Snippet,
    filterText: '年度报告 框架 全文 报告 skeleton report',
    sortText: '19',
    insertTextFormat: snippets ? format.Snippet : format.PlainText,
    textEdit: { range: replace, newText: skeletonText(shape, snippets) },
  });
  return items;
}

/** Statutory row labels of the table the cursor is in (or whose section it is in), missing rows first. */
export function rowLabelCompletions(a: Analysis, p: Position, replace: Range): CompletionItem[] {
  const table =
    a.report.tables.find((t) => p.line >= t.firstLine && p.line <= t.lastLine + 1) ??
    (() => {
      const s = a.report.sections.find((x) => p.line > x.heading.line && p.line < x.bodyTo);
      return s ? a.report.tables.find((t) => t.def.section === s.def.number) : undefined;
    })();
  if (!table) return [];
  const items: CompletionItem[] = [];
  for (const part of table.parts) {
    if (!part.def.labelledRows) continue;
    part.def.rows.forEach((row, k) => {
      const present = part.rows.some((r) => r.def === row);
      items.push({
        label: row.label,
        kind: CompletionItemKind.EnumMember,
        detail: part.def.caption ?? M.tableName(table.def, 'zh-cn'),
        sortText: `${present ? 1 : 0}${String(k).padStart(2, '0')}`,
        textEdit: { range: replace, newText: row.label },
      });
    });
  }
  return items;
}

export function documentState(text: string, version: number): { version: number; length: number; sha256: string } {
  return { version, length: text.length, sha256: createHash('sha256').update(text).digest('hex') };
}
