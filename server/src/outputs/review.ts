// The reviewer's page: one self-contained HTML file (inline CSS, no script, no network) with a summary of
// every report and, per report, its tables drawn by the same renderer as the preview, the wrong cells
// marked and the findings listed. Reports with the most errors come first.
import { agencyOf } from '../core/agency.js';
import type { Finding } from '../core/analyze.js';
import type { Locale, Severity } from '../core/rules.js';
import { reportFormat } from './csv.js';
import { TABLE_CSS } from './styles.js';
import { renderTableHtml } from './tableHtml.js';
import { SUMMARY_IDENTITIES, VERDICT_MARK as MARK, identityVerdict } from './verdicts.js';
import { type ReportResult, type Write, collected, escapeHtml as esc, findingsOf } from './types.js';


const UI = {
  title: { 'zh-cn': '政府信息公开工作年度报告检查结果', en: 'Annual report check results' },
  reports: { 'zh-cn': '份报告', en: 'report(s)' },
  path: { 'zh-cn': '文件', en: 'File' },
  agency: { 'zh-cn': '机关', en: 'Agency' },
  year: { 'zh-cn': '年度', en: 'Year' },
  format: { 'zh-cn': '格式', en: 'Format' },
  errors: { 'zh-cn': '错误', en: 'Errors' },
  warnings: { 'zh-cn': '警告', en: 'Warnings' },
  findings: { 'zh-cn': '问题', en: 'Findings' },
  none: { 'zh-cn': '未发现问题。', en: 'No findings.' },
  noTables: { 'zh-cn': '未找到法定表格。', en: 'No statutory table found.' },
  unchecked: { 'zh-cn': '未能核对', en: 'not checked' },
  line: { 'zh-cn': '行', en: 'line' },
  severity: { 'zh-cn': { error: '错误', warning: '警告', information: '提示', hint: '提示' }, en: { error: 'error', warning: 'warning', information: 'note', hint: 'hint' } },
} as const;

const PAGE_CSS = `
@media (prefers-color-scheme: dark) {
  :root {
    --ogi-fg: #d4d4d4; --ogi-bg: #1e1e1e; --ogi-border: #555; --ogi-head-bg: #2a2d2e; --ogi-muted: #9d9d9d;
    --ogi-error: #f48771; --ogi-error-bg: #5a1d1d; --ogi-warning: #cca700; --ogi-warning-bg: #352a05;
    --ogi-involved-bg: #3a3d1e; --ogi-ok: #89d185; --ogi-focus: #0078d4;
  }
}
body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: var(--ogi-fg); background: var(--ogi-bg); margin: 1.5em; line-height: 1.45; }
a { color: var(--ogi-focus); }
.ogi-summary { border-collapse: collapse; margin-bottom: 2em; }
.ogi-summary th, .ogi-summary td { border: 1px solid var(--ogi-border); padding: .25em .6em; }
.ogi-summary thead th { background: var(--ogi-head-bg); white-space: nowrap; }
.ogi-summary td.ogi-n { text-align: right; font-variant-numeric: tabular-nums; }
.ogi-verdict { text-align: center; }
.ogi-verdict-holds { color: var(--ogi-ok); }
.ogi-verdict-broken { color: var(--ogi-error); font-weight: bold; }
.ogi-verdict-unchecked { color: var(--ogi-muted); }
.ogi-report { border-top: 1px solid var(--ogi-border); padding-top: 1em; margin-top: 2em; }
.ogi-path { color: var(--ogi-muted); font-family: ui-monospace, monospace; }
.ogi-findings li { margin: .15em 0; }
.ogi-sev-error { color: var(--ogi-error); font-weight: bold; }
.ogi-sev-warning { color: var(--ogi-warning); }
.ogi-tables { overflow-x: auto; }
`;

const baseName = (p: string) => p.split(/[\\/]/).pop() || p;
const count = (fs: readonly Finding[], s: Severity) => fs.filter((f) => f.severity === s).length;

function findingItem(f: Finding, l: Locale, lineOffset: number): string {
  const at = `${UI.line[l]} ${f.range.start.line + 1 + lineOffset}:${f.range.start.character + 1}`;
  return (
    `<li><span class="ogi-sev-${f.severity}">${esc(UI.severity[l][f.severity])}</span> ` +
    `<span class="ogi-at">${esc(at)}</span> <code>${esc(f.rule)}</code> ${esc(f.message)}</li>`
  );
}

/**
 * One report of the review page, rendered on its own: its summary row and its section. The CLI's
 * worker threads render these per file (the analysis never leaves the thread); the page assembles them.
 */
export interface ReviewEntry {
  path: string;
  errors: number;
  warnings: number;
  /** The summary table's row (<tr>…</tr>). */
  summary: string;
  /** The report's section: findings and tables. */
  section: string;
}

/**
 * The review page's pieces for one report. `id` is the anchor the summary links to (unique on the page);
 * `lineOffset` the report's first line in its file, for the line numbers of a file holding many reports.
 */
export function reviewEntry(r: ReportResult, id: string, locale: Locale = 'zh-cn', lineOffset = 0): ReviewEntry {
  const l = locale;
  const findings = findingsOf(r);
  const { report } = r.analysis;
  const errors = count(findings, 'error');
  const warnings = count(findings, 'warning');
  const agency = agencyOf(report) ?? '';
  const summary: string[] = [
    `<tr><td><a href="#${esc(id)}">${esc(agency || baseName(r.path))}</a></td><td class="ogi-path">${esc(r.path)}</td>`,
    `<td class="ogi-n">${report.year ?? ''}</td><td>${esc(reportFormat(report.tables))}</td>`,
    `<td class="ogi-n">${errors}</td><td class="ogi-n">${warnings}</td>`,
  ];
  for (const i of SUMMARY_IDENTITIES) {
    const v = identityVerdict(report.equations, i.rule);
    const title = v === 'unchecked' ? ` title="${esc(UI.unchecked[l])}"` : '';
    summary.push(`<td class="ogi-verdict ogi-verdict-${v}" data-rule="${i.rule}"${title}>${MARK[v]}</td>`);
  }
  summary.push('</tr>');
  const section = [
    `<section class="ogi-report" id="${esc(id)}"><h2>${esc(agency || baseName(r.path))}${report.year ? ` · ${report.year}` : ''}</h2>`,
    `<p class="ogi-path">${esc(r.path)} — ${esc(UI.errors[l])} ${errors}，${esc(UI.warnings[l])} ${warnings}</p>`,
    `<h3>${esc(UI.findings[l])}</h3>`,
    findings.length ? `<ul class="ogi-findings">${findings.map((f) => findingItem(f, l, lineOffset)).join('')}</ul>` : `<p>${esc(UI.none[l])}</p>`,
    '<div class="ogi-tables">',
    report.tables.length ? report.tables.map((t) => renderTableHtml(t, r.analysis, l, { findings, headingLevel: 3 })).join('') : `<p>${esc(UI.noTables[l])}</p>`,
    '</div></section>',
  ];
  return { path: r.path, errors, warnings, summary: summary.join('\n'), section: section.join('\n') };
}

/** The page around the entries: the summary of all, then each report; most errors first. */
/**
 * The review page from its entries, line by line: the summary sorted by errors, then each report's section
 * in the same order. An entry's summary and section are read once each, in the order they are written.
 */
export function writeReviewPage(entries: readonly ReviewEntry[], locale: Locale, write: Write): void {
  const l = locale;
  const rows = [...entries].sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const line = (s: string) => write(s + '\n');
  [
    '<!DOCTYPE html>',
    `<html lang="${l === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing on this page loads or runs anything.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(UI.title[l])}</title><style>${TABLE_CSS}${PAGE_CSS}</style></head><body>`,
    `<h1>${esc(UI.title[l])}</h1><p>${entries.length} ${esc(UI.reports[l])}</p>`,
    '<table class="ogi-summary"><thead><tr>',
    ...[UI.agency, UI.path, UI.year, UI.format, UI.errors, UI.warnings].map((h) => `<th scope="col">${esc(h[l])}</th>`),
    ...SUMMARY_IDENTITIES.map((i) => `<th scope="col">${esc(l === 'en' ? i.en : i.zh)}</th>`),
    '</tr></thead><tbody>',
  ].forEach(line);
  for (const x of rows) line(x.summary);
  line('</tbody></table>');
  for (const x of rows) line(x.section);
  line('</body></html>');
}

/** The review page for all results; `locale` chooses the page's own words (messages come with the findings). */
export function toHtmlReview(results: readonly ReportResult[], locale: Locale = 'zh-cn'): string {
  return collected((write) => writeReviewPage(results.map((r, k) => reviewEntry(r, `report-${k + 1}`, locale)), locale, write));
}

export { SUMMARY_IDENTITIES, identityVerdict };
