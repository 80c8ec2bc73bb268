// Seeing the tables, in LSP terms: the table preview (ogiReport/preview), the inlay hints after wrong
// totals (→ 3), the code lens above each statutory table, rewriting a table in another shape
// (refactor.rewrite) and Format Document. Every function takes the document's reports (one Analysis per
// report, in document coordinates) and maps the pure renderers of ../outputs over them.
import { type CodeAction, CodeActionKind, type CodeLens, type InlayHint, InlayHintKind, type Range, type TextEdit } from 'vscode-languageserver';
import type { Analysis } from '../core/analyze.js';
import type { DocumentReport } from '../core/document.js';
import type { Locale } from '../core/rules.js';
import { splitLines } from '../core/text.js';
import { agencyOf } from '../core/agency.js';
import { renderPreviewBody } from '../outputs/preview.js';
import { type TargetShape, TARGET_SHAPES, formatTables, reshapeTable } from '../outputs/reshape.js';
import { escapeHtml } from '../outputs/types.js';
import { expectedValueHints, tableLenses } from '../outputs/verdicts.js';
import { type PreviewResult, type PreviewTable, SHOW_PREVIEW_COMMAND } from '../protocol.js';
import { documentEdit } from './features.js';

type Doc = { uri: string; version: number };

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
const meets = (a: Range, b: Range) => !before(a.end, b.start) && !before(b.end, a.start);

/**
 * Each report's preview body, kept with the report's own analysis (which the editor keeps while the report is
 * untouched) for as long as the report starts on the same line: a refresh draws the reports an edit touched,
 * not all of a file's (0.5 ms a report, 300 ms for 600 on the server's thread, keystrokes waiting).
 */
const drawn = new WeakMap<Analysis, { fromLine: number; locale: Locale; html: string }>();

function bodyOf(a: Analysis, own: DocumentReport | undefined, l: Locale): string {
  if (!own) return renderPreviewBody(a, l);
  const kept = drawn.get(own.analysis);
  if (kept && kept.fromLine === own.span.fromLine && kept.locale === l) return kept.html;
  const html = renderPreviewBody(a, l);
  drawn.set(own.analysis, { fromLine: own.span.fromLine, locale: l, html });
  return html;
}

/**
 * The preview of every report: one body per report, under a heading of its own when there are several.
 * `reports` in the file's coordinates; `own`, the file's reports they were shifted from (for the kept bodies).
 */
export function preview(doc: Doc, reports: readonly Analysis[], l: Locale, own?: readonly DocumentReport[]): PreviewResult {
  const tables: PreviewTable[] = [];
  for (const a of reports) {
    for (const t of a.report.tables) tables.push({ id: t.def.id, name: l === 'en' ? t.def.nameEn : t.def.name, firstLine: t.firstLine, lastLine: t.lastLine });
  }
  const bodies = reports.map((a, k) => {
    const body = bodyOf(a, own?.[k], l);
    if (reports.length < 2) return body;
    const name = agencyOf(a.report) ?? (l === 'en' ? `Report ${k + 1}` : `报告 ${k + 1}`);
    const year = a.report.year === null ? '' : ` · ${a.report.year}`;
    return `<section class="ogi-report" data-report="${k + 1}"><h2 class="ogi-report-title">${escapeHtml(name + year)}</h2>\n${body}</section>`;
  });
  return { version: doc.version, html: bodies.join('\n'), tables };
}

/** `→ 3` after each wrong total and culprit cell within `range`, the finding as its tooltip. */
export function inlayHints(reports: readonly Analysis[], range: Range): InlayHint[] {
  // The reports the range meets only: an editor asks for the lines on screen as they scroll (600 reports: 26 ms).
  const onScreen = (a: Analysis) => a.report.fromLine <= range.end.line && a.report.toLine > range.start.line;
  return reports.filter(onScreen).flatMap((a) =>
    expectedValueHints(a)
      .filter((h) => meets({ start: h.position, end: h.position }, range))
      .map((h) => ({ position: h.position, label: h.label, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: h.tooltip })),
  );
}

/** The verdict above each statutory table; clicking it opens the preview of the document. */
export function codeLenses(doc: Doc, reports: readonly Analysis[], l: Locale): CodeLens[] {
  return reports.flatMap((a) =>
    tableLenses(a, l).map((lens) => ({
      range: lens.range,
      command: { title: lens.title, command: SHOW_PREVIEW_COMMAND, arguments: [doc.uri] },
    })),
  );
}

const SHAPE_TITLE: Record<TargetShape, { 'zh-cn': string; en: string }> = {
  tsv: { 'zh-cn': '改写为制表符分隔', en: 'Rewrite as tab-separated rows' },
  markdown: { 'zh-cn': '改写为 Markdown 表格', en: 'Rewrite as a markdown table' },
  pipe: { 'zh-cn': '改写为对齐的竖线表格', en: 'Rewrite as aligned pipe rows' },
};

/** The shape a table is already written in, as a rewrite target (none for cell-per-line or PDF text). */
function currentShape(shape: string): TargetShape | null {
  return shape === 'tsv' || shape === 'markdown' || shape === 'pipe' ? shape : null;
}

/** Rewrites of the tables the range meets into each other shape, keeping every cell as written. */
export function rewriteActions(doc: Doc, text: string, reports: readonly Analysis[], range: Range, versioned: boolean, l: Locale): CodeAction[] {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const out: CodeAction[] = [];
  for (const a of reports) {
    for (const t of a.report.tables) {
      if (!meets(t.range, range)) continue;
      const name = l === 'en' ? t.def.nameEn : t.def.name;
      for (const shape of TARGET_SHAPES) {
        if (shape === currentShape(t.shape)) continue;
        const edit = reshapeTable(a, t, shape, { eol });
        if (!edit) continue;
        const title = l === 'en' ? `${SHAPE_TITLE[shape].en} (${name})` : `${SHAPE_TITLE[shape]['zh-cn']}（${name}）`;
        out.push({ title, kind: CodeActionKind.RefactorRewrite, edit: documentEdit(doc, [edit as TextEdit], versioned) });
      }
    }
  }
  return out;
}

/** Format Document / Selection: every table (meeting `range`) aligned in place, shape and cells kept. */
export function formatting(text: string, reports: readonly Analysis[], range?: Range): TextEdit[] {
  // The text split once for all its reports (split per report, a document of 300 took 2.7 s).
  const lines = splitLines(text);
  return reports.flatMap((a) => formatTables(text, a, range, lines) as TextEdit[]);
}
