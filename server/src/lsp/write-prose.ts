// "Write the prose from the tables": a code action on part 三 or 四 (its heading, table or prose) that
// inserts the standard sentences computed from the table (core/prose/writeProse.ts), or rewrites them
// where the part already opens with them, so that the prose cannot contradict the table.
import { type CodeAction, CodeActionKind, type Range, type TextEdit } from 'vscode-languageserver';
import type { Analysis } from '../core/analyze.js';
import { writeProseFromTables } from '../core/prose/writeProse.js';
import type { Locale } from '../core/rules.js';
import { documentEdit } from './features.js';

// Its own kind under refactor.rewrite, so that a client (or a keybinding) can ask for it alone.
export const WRITE_PROSE_KIND = `${CodeActionKind.RefactorRewrite}.prose`;

// How the standard sentences begin (writeProse.ts): a line that begins so is the one to rewrite.
const OPENING = { 3: '本年度新收政府信息公开申请', 4: '本年度因政府信息公开工作被申请行政复议' } as const;

/** The edit that writes part n's standard sentences, or null when the part or its table cannot be read. */
export function writeProseEdit(a: Analysis, n: 3 | 4): TextEdit | null {
  // The report is Chinese whatever the editor's language: the sentences are written in Chinese.
  const w = writeProseFromTables(a.report, 'zh-cn');
  const text = n === 3 ? w.applications : w.reviewLitigation;
  const s = a.report.sections.find((x) => x.def.number === n);
  if (!text || !s) return null;
  const lines = a.report.lines;
  for (let i = s.heading.line + 1; i < s.bodyTo; i++) {
    if (lines[i].text.trimStart().startsWith(OPENING[n])) return { range: { start: { line: i, character: 0 }, end: { line: i, character: lines[i].text.length } }, newText: text };
  }
  const end = { line: s.heading.line, character: lines[s.heading.line].text.length };
  const eol = a.report.text.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: end, end }, newText: eol + text };
}

export function writeProseActions(doc: { uri: string; version: number }, a: Analysis, range: Range, only: string[] | undefined, versioned: boolean, l: Locale): CodeAction[] {
  if (only && !only.some((k) => WRITE_PROSE_KIND === k || WRITE_PROSE_KIND.startsWith(`${k}.`))) return [];
  const out: CodeAction[] = [];
  for (const n of [3, 4] as const) {
    const s = a.report.sections.find((x) => x.def.number === n);
    if (!s || range.end.line < s.heading.line || range.start.line >= s.bodyTo) continue;
    const edit = writeProseEdit(a, n);
    if (!edit) continue;
    const title =
      n === 3
        ? l === 'en' ? 'Write part 3’s sentences from table 3' : '按表三写出第三部分的说明文字'
        : l === 'en' ? 'Write part 4’s sentences from table 4' : '按表四写出第四部分的说明文字';
    out.push({ title, kind: WRITE_PROSE_KIND, edit: documentEdit(doc, [edit], versioned) });
  }
  return out;
}
