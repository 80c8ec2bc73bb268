// Makes the PDF fixtures from the five seeds: each seed's prose and its three tables (numbers as the engine
// reads them from the seed) are written as an HTML document with real bordered tables in the statutory
// header layout (merged header cells, the tall 三、本年度办理结果 group cell, wrapped labels), converted
// with LibreOffice the way an office suite exports a report, plus broken and hostile variants.
// Needs: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils qpdf img2pdf
// Run: npx tsx scripts/make-pdf-fixtures.ts   (the outputs are committed; CI needs none of the tools)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/core/analyze.js';
import type { Table } from '../server/src/core/tables.js';

const ROOT = new URL('..', import.meta.url).pathname;
const OUT = join(ROOT, 'test/fixtures/documents/pdf');
const TEXT_OUT = join(ROOT, 'test/fixtures/documents/pdf-text');
const SEEDS = join(ROOT, 'samples/seeds');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** cell values by row id → raw strings, as the engine reads them from the seed. */
type Values = Map<string, string[]>;
function valuesOf(t: Table): Values[] {
  return t.parts.map((p) => {
    const m: Values = new Map();
    for (const r of p.rows) if (!r.duplicate) m.set(r.def.id, r.cells.map((c) => c?.raw ?? ''));
    return m;
  });
}

interface Options {
  borders: boolean;
  /** Repeat the header rows of table 三 on each page it spans. */
  repeatHeader: boolean;
  /** Extra height for table 三's rows, to make it run over a page. */
  tallRows: boolean;
  /** Page number in the footer: 「- 3 -」 or 「第 3 页」. */
  footer: 'dashes' | 'chinese';
  /** Change a value: table id, row id, column index, new raw text. */
  edit?: { table: string; row: string; column: number; raw: string };
}

// LibreOffice's HTML import honours the old presentational attributes, not CSS on cells.
const tableAttrs = (o: Options) => `border="${o.borders ? 1 : 0}" cellspacing="0" cellpadding="3" width="100%"`;

function td(text: string, attrs = ''): string {
  return `<td${attrs ? ' ' + attrs : ''}>${esc(text)}</td>`;
}

function activeDisclosure(t: Table, values: Values[], o: Options): string {
  const width = Math.max(...t.def.parts.map((p) => p.columns.length)) + 1;
  const rows: string[] = [];
  t.def.parts.forEach((p, i) => {
    rows.push(`<tr>${td(p.caption ?? '', `colspan="${width}" align="left"`)}</tr>`);
    const head = [td('信息内容')];
    p.columns.forEach((c, j) => head.push(td(c.label, j === p.columns.length - 1 && width - 1 > p.columns.length ? `colspan="${width - p.columns.length}"` : '')));
    rows.push(`<tr>${head.join('')}</tr>`);
    for (const r of p.rows) {
      const v = values[i].get(r.id) ?? [];
      const cells = [td(r.label, 'align="left"')];
      p.columns.forEach((_, j) => cells.push(td(v[j] ?? '', j === p.columns.length - 1 && width - 1 > p.columns.length ? `colspan="${width - p.columns.length}" align="center"` : 'align="center"')));
      rows.push(`<tr>${cells.join('')}</tr>`);
    }
  });
  return `<table ${tableAttrs(o)}>${rows.join('\n')}</table>`;
}

function applications(t: Table, values: Values[], o: Options): string {
  const p = t.def.parts[0];
  const v = values[0];
  const cols = p.columns;
  const head1 = [td('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 'colspan="3" rowspan="3" width="30%"'), td('申请人情况', `colspan="${cols.length}"`)];
  const head2: string[] = [];
  const head3: string[] = [];
  for (let j = 0; j < cols.length; ) {
    const g = cols[j].group;
    if (!g) {
      head2.push(td(cols[j].label, 'rowspan="2"'));
      j++;
      continue;
    }
    let n = 0;
    while (j + n < cols.length && cols[j + n].group === g) head3.push(td(cols[j + n++].label));
    head2.push(td(g, `colspan="${n}"`));
    j += n;
  }
  const header = [head1, head2, head3].map((h) => `<tr>${h.join('')}</tr>`);
  const body: string[] = [];
  const groupOf = new Map(p.groups.map((g) => [g.id, g]));
  const rowsIn = (gid: string) => p.rows.filter((r) => r.group === gid || groupOf.get(r.group ?? '')?.parent === gid);
  const opened = new Set<string>();
  const tall = o.tallRows ? ' height="48"' : '';
  for (const r of p.rows) {
    const cells: string[] = [];
    const g = r.group ? groupOf.get(r.group) : undefined;
    const top = g?.parent ? groupOf.get(g.parent) : g;
    if (top && !opened.has(top.id)) {
      opened.add(top.id);
      // Written down the tall cell one character per line, as officers do in a narrow first column.
      cells.push(`<td rowspan="${rowsIn(top.id).length}" width="3%">${[...top.label].map(esc).join('<br>')}</td>`);
    }
    if (g?.parent) {
      if (!opened.has(g.id)) {
        opened.add(g.id);
        cells.push(td(g.label, `rowspan="${rowsIn(g.id).length}" width="7%" align="left"`));
      }
      cells.push(td(r.label, 'align="left"'));
    } else cells.push(td(r.label, `colspan="${top ? 2 : 3}" align="left"`));
    (v.get(r.id) ?? []).forEach((raw) => cells.push(td(raw, 'align="center"')));
    body.push(`<tr>${cells.map((c) => c.replace('<td', `<td${tall}`)).join('')}</tr>`);
  }
  const thead = o.repeatHeader ? `<thead>${header.join('\n')}</thead>` : header.join('\n');
  return `<table ${tableAttrs(o)}>${thead}<tbody>${body.join('\n')}</tbody></table>`;
}

function reviewLitigation(t: Table, values: Values[], o: Options): string {
  const cols = t.def.parts[0].columns;
  const path = (j: number) => (cols[j].group ?? '').split('·');
  const head1: string[] = [];
  const head2: string[] = [];
  const head3: string[] = [];
  for (let j = 0; j < cols.length; ) {
    const [top, sub] = path(j);
    let n = 0;
    while (j + n < cols.length && path(j + n)[0] === top) n++;
    head1.push(td(top, `colspan="${n}"`));
    if (!sub) for (let k = 0; k < n; k++) head2.push(td(cols[j + k].label, 'rowspan="2"'));
    else {
      for (let k = 0; k < n; ) {
        const s = path(j + k)[1];
        let m = 0;
        while (k + m < n && path(j + k + m)[1] === s) head3.push(td(cols[j + k + m++].label));
        head2.push(td(s, `colspan="${m}"`));
        k += m;
      }
    }
    j += n;
  }
  const data = (values[0].get('cases') ?? []).map((raw) => td(raw, 'align="center"'));
  return `<table ${tableAttrs(o)}>${[head1, head2, head3, data].map((h) => `<tr>${h.join('')}</tr>`).join('\n')}</table>`;
}

function html(seedText: string, o: Options): string {
  const a = analyze(seedText);
  const lines = seedText.split(/\r?\n/);
  const tables = a.report.tables;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = tables.find((x) => x.firstLine === i);
    if (t) {
      const values = valuesOf(t);
      if (o.edit && o.edit.table === t.def.id) {
        const m = values.find((x) => x.has(o.edit!.row))!;
        m.get(o.edit.row)![o.edit.column] = o.edit.raw;
      }
      out.push(t.def.id === 'activeDisclosure' ? activeDisclosure(t, values, o) : t.def.id === 'applications' ? applications(t, values, o) : reviewLitigation(t, values, o));
      i = t.lastLine;
      continue;
    }
    const s = lines[i].trim();
    if (!s) continue;
    const heading = a.report.sections.some((x) => x.heading.line === i);
    out.push(heading ? `<h2>${esc(s)}</h2>` : `<p>${esc(s)}</p>`);
  }
  const border = o.borders ? '0.5pt solid #000' : 'none';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>report</title><style>
@page { size: 21cm 29.7cm; margin: 2cm 2cm 2cm 2cm }
body { font-family: "Noto Sans CJK SC"; font-size: 10.5pt }
h2 { font-family: "Noto Sans CJK SC"; font-size: 12pt; font-weight: normal }
p { text-indent: 2em; margin: 0 0 4pt 0 }
table { border-collapse: collapse; margin: 6pt 0; width: 100% }
td { border: ${border}; font-size: 9pt; padding: 1pt 2pt; text-align: center; vertical-align: middle }
td.label { text-align: left }
td.vertical { width: 0.7cm }
table.t3 td.label { width: 2.6cm }
table.t3 td.num { width: 1.1cm }
table.t4 td { font-size: 8pt }
</style></head><body>
<div title="footer"><p align="center">${o.footer === 'chinese' ? '第 <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> 页' : '- <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> -'}</p></div>
${out.join('\n')}
</body></html>`;
}

function sh(cmd: string, args: string[], cwd?: string): Buffer {
  return execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

function toPdf(name: string, doc: string, work: string): string {
  const src = join(work, `${name}.html`);
  writeFileSync(src, doc);
  sh('soffice', ['--headless', `-env:UserInstallation=file://${work}/profile`, '--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', work, src]);
  const pdf = join(work, `${name}.pdf`);
  copyFileSync(pdf, join(OUT, `${name}.pdf`));
  return pdf;
}

/** pdf.js's text items in content order, one per line (what a viewer's select-all copy gives). */
async function pdfjsOrder(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const out: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    let line = '';
    for (const item of content.items as { str: string; hasEOL: boolean }[]) {
      line += item.str;
      if (item.hasEOL || item.str.trim() === '') {
        if (line.trim()) out.push(line.trim());
        line = '';
      }
    }
    if (line.trim()) out.push(line.trim());
  }
  await doc.destroy();
  return out.join('\n') + '\n';
}

async function main(): Promise<void> {
const work = mkdtempSync(join(tmpdir(), 'ogi-pdf-'));
try {
  mkdirSync(OUT, { recursive: true });
  mkdirSync(TEXT_OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (f.endsWith('.pdf') && !f.startsWith('from-docx-')) rmSync(join(OUT, f));
  for (const f of readdirSync(TEXT_OUT)) rmSync(join(TEXT_OUT, f));
  const seeds = readdirSync(SEEDS).filter((f) => /^\d{3}_/.test(f)).sort();
  const text = (n: string) => readFileSync(join(SEEDS, seeds.find((f) => f.startsWith(n))!), 'utf8');
  const base: Options = { borders: true, repeatHeader: false, tallRows: false, footer: 'dashes' };
  seeds.forEach((s, k) => toPdf(`seed-${s.slice(0, 3)}`, html(readFileSync(join(SEEDS, s), 'utf8'), { ...base, footer: k % 2 ? 'chinese' : 'dashes' }), work));
  // Broken copies: the checker must find these on the right table.
  toPdf('broken-003-raised-cell', html(text('003'), { ...base, edit: { table: 'applications', row: 'granted', column: 0, raw: '4' } }), work);
  toPdf('broken-003-wrong-total', html(text('003'), { ...base, edit: { table: 'applications', row: 'resultTotal', column: 6, raw: '9' } }), work);
  toPdf('broken-002-review-total', html(text('002'), { ...base, edit: { table: 'reviewLitigation', row: 'cases', column: 4, raw: '7' } }), work);
  // Table 三 over two pages, with and without its header repeated.
  toPdf('split-003-repeated-header', html(text('003'), { ...base, tallRows: true, repeatHeader: true }), work);
  toPdf('split-003-no-header', html(text('003'), { ...base, tallRows: true, footer: 'chinese' }), work);
  // No ruling lines: cells from column x-ranges only.
  toPdf('noborders-003', html(text('003'), { ...base, borders: false }), work);
  // Characters outside the BMP (two UTF-16 code units each) in prose and in a table cell.
  toPdf('astral', `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="font-family: 'Noto Sans CJK SC'">
<p>𠮷野家的报告：第𠮷条。</p>
<table border="1" cellspacing="0" cellpadding="3" width="60%"><tr><td>𠮷田</td><td>12</td></tr><tr><td>合计𠮷</td><td>3</td></tr></table>
<p>- 1 -</p></body></html>`, work);
  // A scan: page images only, no text layer.
  sh('pdftoppm', ['-r', '40', '-gray', '-png', '-f', '1', '-l', '2', join(work, 'seed-003.pdf'), join(work, 'scan')]);
  const pngs = readdirSync(work).filter((f) => /^scan.*\.png$/.test(f)).sort().map((f) => join(work, f));
  sh('img2pdf', ['-o', join(OUT, 'scanned-003.pdf'), ...pngs]);
  // Password-protected (user password "secret").
  sh('qpdf', ['--encrypt', 'secret', 'owner', '256', '--', join(work, 'seed-003.pdf'), join(OUT, 'encrypted-003.pdf')]);
  // Cut off mid-file (a failed download).
  const whole = readFileSync(join(work, 'seed-002.pdf'));
  writeFileSync(join(OUT, 'truncated-002.pdf'), whole.subarray(0, Math.floor(whole.length * 0.55)));
  // Text copied out of a PDF viewer in reading order (one cell per line): poppler's raw order.
  for (const s of seeds) {
    const n = s.slice(0, 3);
    const raw = sh('pdftotext', ['-raw', '-enc', 'UTF-8', join(work, `seed-${n}.pdf`), '-']).toString('utf8');
    writeFileSync(join(TEXT_OUT, `seed-${n}.pdftotext-raw.txt`), raw.replace(/\f/g, '\n'));
    writeFileSync(join(TEXT_OUT, `seed-${n}.pdfjs-order.txt`), await pdfjsOrder(readFileSync(join(work, `seed-${n}.pdf`))));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log('PDF fixtures written to', OUT);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
