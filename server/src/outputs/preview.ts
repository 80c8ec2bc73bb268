// The table preview's page, as pure strings: the body (every table of the report, drawn by
// renderTableHtml) and the webview document around it with a strict Content-Security-Policy (nothing
// remote; the stylesheet and the one script carry a nonce). The client supplies the nonce, the
// webview's cspSource and the script's webview URI (media/preview.js); the server can build the body.
import type { Analysis } from '../core/analyze.js';
import type { Locale } from '../core/rules.js';
import { TABLE_CSS } from './styles.js';
import { renderTableHtml } from './tableHtml.js';
import { escapeHtml as esc } from './types.js';

const UI = {
  noTables: { 'zh-cn': '未找到法定表格（表二、表三、表四）。', en: 'No statutory table (tables 2, 3, 4) found.' },
  title: { 'zh-cn': '表格预览', en: 'Table preview' },
} as const;

/** Every table of the report, in document order; the preview's body. */
export function renderPreviewBody(analysis: Analysis, locale: Locale = 'zh-cn'): string {
  const tables = analysis.report.tables;
  if (tables.length === 0) return `<p class="ogi-empty">${esc(UI.noTables[locale])}</p>`;
  return tables.map((t) => renderTableHtml(t, analysis, locale)).join('\n');
}

export interface PreviewDocumentOptions {
  /** The page's body, from renderPreviewBody. */
  body: string;
  /** A fresh random value per page load. */
  nonce: string;
  /** webview.cspSource (lets the page load its own script from the extension). */
  cspSource: string;
  /** webview.asWebviewUri(media/preview.js), as a string. */
  scriptUri: string;
  locale?: Locale;
}

const PREVIEW_CSS = `
body { padding: 0 1em 2em; font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); color: var(--ogi-fg); background: var(--ogi-bg); }
.ogi-empty { color: var(--ogi-muted); }
.ogi-table.ogi-current .ogi-table-title { text-decoration: underline; text-decoration-color: var(--ogi-focus); }
.ogi-flash { outline: 2px solid var(--ogi-focus) !important; }
`;

export function previewDocument(o: PreviewDocumentOptions): string {
  const l = o.locale ?? 'zh-cn';
  const nonce = esc(o.nonce);
  const csp = `default-src 'none'; img-src ${o.cspSource}; style-src 'nonce-${o.nonce}'; script-src 'nonce-${o.nonce}' ${o.cspSource};`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${l === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(UI.title[l])}</title>`,
    `<style nonce="${nonce}">${TABLE_CSS}${PREVIEW_CSS}</style></head>`,
    `<body><main id="ogi-tables">${o.body}</main>`,
    `<script nonce="${nonce}" src="${esc(o.scriptUri)}"></script></body></html>`,
  ].join('\n');
}
