// Writes test/fixtures/documents/{docx,html,flat,pdf}/ (and last year's report as documents in
// test/fixtures/crossyear/documents/) from the seeds and the real blank template:
// .docx files are the template with a seed's numbers typed into its cells (and broken copies); HTML and
// PDF are LibreOffice's exports of those; CMS-shaped pages and flattened text are written from the seeds'
// tables. Run: npx tsx scripts/make-document-fixtures.ts  (needs soffice for the exports; CI needs none —
// the generated files are committed).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { analyze } from '../server/src/core/analyze.js';
import { CURRENT_FORMAT } from '../server/src/core/format/formats.js';
import type { PartDef, TableDef } from '../server/src/core/format/schema.js';
import { readDocx } from '../server/src/readers/docx.js';
import { locate } from '../server/src/readers/types.js';
import { docxXml, setDocxCells, withDocxXml } from './document-fixtures-lib.js';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'test/fixtures/documents');
const CROSSYEAR = join(ROOT, 'test/fixtures/crossyear');
const SEEDS = join(ROOT, 'samples/seeds');
const TEMPLATE = process.env.OGI_TEMPLATE ?? '/work/shared/real/template.docx';

/** A seed's cells: "tableId/partId/rowId/columnId" → the cell as written (trimmed; '' when blank). */
export type SeedCells = Map<string, string>;
const cellKey = (t: string, p: string, r: string, c: string) => `${t}/${p}/${r}/${c}`;

function seedCells(text: string): SeedCells {
  const out: SeedCells = new Map();
  for (const t of analyze(text).report.tables) {
    for (const p of t.parts)
      for (const row of p.rows) {
        if (row.duplicate) continue;
        for (const c of row.cells) if (c) out.set(cellKey(t.def.id, p.def.id, row.def.id, c.column.id), c.raw.trim());
      }
  }
  return out;
}

/** Where each statutory cell sits in the template: seed cell key → docx "table:row:column". */
function templateMap(template: Uint8Array): Map<string, string> {
  const read = readDocx(template);
  const map = new Map<string, string>();
  for (const t of analyze(read.text).report.tables)
    for (const p of t.parts)
      for (const row of p.rows)
        for (const c of row.cells) {
          if (!c) continue;
          const loc = locate(read, c.range.start.line, c.range.start.character);
          if (loc?.kind === 'docx' && loc.table) map.set(cellKey(t.def.id, p.def.id, row.def.id, c.column.id), `${loc.table}:${loc.row}:${loc.cell}`);
        }
  // Table 四's one data row is blank in the template, and a row of nothing is no row to the engine:
  // its cells are the last row of the third table, one per column in order.
  const four = CURRENT_FORMAT.tables.find((t) => t.id === 'reviewLitigation')!;
  const lines = read.text.split('\n');
  const last = [...read.spans].filter((s) => s.source.kind === 'docx' && s.source.table === 3).pop()!;
  if (last.source.kind === 'docx') {
    four.parts[0].columns.forEach((col, i) => {
      const k = cellKey('reviewLitigation', four.parts[0].id, 'cases', col.id);
      if (!map.has(k)) map.set(k, `3:${last.source.kind === 'docx' ? last.source.row : 0}:${i + 1}`);
    });
  }
  void lines;
  return map;
}

function fillTemplate(xml: string, map: Map<string, string>, cells: SeedCells): string {
  const values = new Map<string, string>();
  for (const [k, v] of cells) {
    const at = map.get(k);
    if (at && v !== '') values.set(at, v);
  }
  return setDocxCells(xml, values);
}

// ---- HTML in the shapes content-management systems publish -------------------------------------

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const td = (text: string, attrs = '') => `<td${attrs}>${text === '' ? '&nbsp;' : `<p style="text-align:center"><span>${esc(text)}</span></p>`}</td>`;

function partHtml(table: TableDef, part: PartDef, cells: SeedCells): string[] {
  const v = (row: string, col: string) => cells.get(cellKey(table.id, part.id, row, col)) ?? '';
  const rows: string[] = [];
  if (table.id === 'activeDisclosure') {
    rows.push(`<tr>${td(part.caption ?? '', ' colspan="4"')}</tr>`);
    const span = part.columns.length === 1 ? ' colspan="3"' : '';
    rows.push(`<tr>${td('信息内容')}${part.columns.map((c) => td(c.label, span)).join('')}</tr>`);
    for (const r of part.rows) rows.push(`<tr>${td(r.label)}${part.columns.map((c) => td(v(r.id, c.id), span)).join('')}</tr>`);
  } else if (table.id === 'applications') {
    const opener = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
    const cols = part.columns;
    const org = cols.filter((c) => c.group);
    rows.push(`<tr>${td(opener, ' colspan="3" rowspan="3"')}${td('申请人情况', ` colspan="${cols.length}"`)}</tr>`);
    rows.push(`<tr>${td(cols[0].label, ' rowspan="2"')}${td(org[0].group!, ` colspan="${org.length}"`)}${td(cols[cols.length - 1].label, ' rowspan="2"')}</tr>`);
    rows.push(`<tr>${org.map((c) => td(c.label)).join('')}</tr>`);
    const opened = new Set<string>();
    for (const r of part.rows) {
      let head = '';
      if (!r.group) head = td(r.label, ' colspan="3"');
      else {
        const g = part.groups.find((x) => x.id === r.group)!;
        const top = g.parent ? part.groups.find((x) => x.id === g.parent)! : g;
        if (!opened.has(top.id)) {
          opened.add(top.id);
          const n = part.rows.filter((x) => x.group === top.id || part.groups.find((y) => y.id === x.group)?.parent === top.id).length;
          head += td(top.label, ` rowspan="${n}"`);
        }
        if (g.parent) {
          if (!opened.has(g.id)) {
            opened.add(g.id);
            head += td(g.label, ` rowspan="${part.rows.filter((x) => x.group === g.id).length}"`);
          }
          head += td(r.label);
        } else head += td(r.label, ' colspan="2"');
      }
      rows.push(`<tr>${head}${cols.map((c) => td(v(r.id, c.id))).join('')}</tr>`);
    }
  } else {
    const cols = part.columns;
    rows.push(`<tr>${td('行政复议', ' colspan="5"')}${td('行政诉讼', ' colspan="10"')}</tr>`);
    rows.push(`<tr>${cols.slice(0, 5).map((c) => td(c.label, ' rowspan="2"')).join('')}${td('未经复议直接起诉', ' colspan="5"')}${td('复议后起诉', ' colspan="5"')}</tr>`);
    rows.push(`<tr>${cols.slice(5).map((c) => td(c.label)).join('')}</tr>`);
    rows.push(`<tr>${cols.map((c) => td(v('cases', c.id))).join('')}</tr>`);
  }
  return rows;
}

function reportHtml(seedText: string, cells: SeedCells): string {
  const lines = seedText.split('\n');
  const title = lines.find((l) => l.trim() !== '' && /年度报告/.test(l))?.trim() ?? '政府信息公开工作年度报告';
  const body: string[] = [`<h1 class="title">${esc(title)}</h1>`];
  for (const s of CURRENT_FORMAT.sections) {
    body.push(`<p><strong>${'一二三四五六'[s.number - 1]}、${esc(s.title)}</strong></p>`);
    const table = CURRENT_FORMAT.tables.find((t) => t.section === s.number);
    if (table) {
      const rows = table.parts.flatMap((p) => partHtml(table, p, cells));
      body.push(`<table border="1" cellspacing="0" style="border-collapse:collapse"><tbody>\n${rows.join('\n')}\n</tbody></table>`);
    } else body.push('<p style="text-indent:2em">（略）</p>');
  }
  return body.join('\n');
}

function cmsPage(seedText: string, cells: SeedCells, charset: string): string {
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}" />
<title>政府信息公开年度报告</title>
<style>td{font-size:14px} .nav a{color:#333}</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<table><tr><td>一、本年新收政府信息公开申请数量</td><td>999</td></tr></table>");</script>
</head><body>
<div class="header"><div class="logo">某某市人民政府</div></div>
<div id="nav" class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/bsfw">办事服务</a></li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>
<table width="1000" border="0" cellpadding="0" cellspacing="0" class="layout"><tr>
<td width="200" valign="top"><div class="left-menu"><ul><li>机构概况</li><li>政策文件</li><li>年度报告</li></ul></div><table><tr><td>友情链接</td></tr></table></td>
<td width="800" valign="top"><div class="article">
${reportHtml(seedText, cells)}
</div></td></tr></table>
<div class="footer">主办：某某市人民政府办公室 版权所有 备案号：京ICP备00000000号</div>
</body></html>
`;
}

/** GBK bytes for a string: the encoder built by decoding every two-byte GBK code. */
function gbkEncoder(): (s: string) => Uint8Array {
  const dec = new TextDecoder('gb18030');
  const map = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [a, b]);
    }
  return (s) => {
    const out: number[] = [];
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) out.push(c);
      else {
        const bytes = map.get(ch);
        if (!bytes) throw new Error(`no GBK code for ${ch}`);
        out.push(...bytes);
      }
    }
    return new Uint8Array(out);
  };
}

/** Text as a web page saved to text gives it: every separator between cells and lines gone. */
export function flatten(text: string): string {
  return text.replace(/[\s\u3000|]+/g, '');
}

const SOFFICE_FILTER = { html: 'html:HTML (StarWriter)', pdf: 'pdf', doc: 'doc:MS Word 97' };

function soffice(kind: 'html' | 'pdf' | 'doc', docx: string, outDir: string, name: string): void {
  const tmp = mkdtempSync(join(tmpdir(), 'ogi-soffice-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${tmp}/profile`, '--headless', '--convert-to', SOFFICE_FILTER[kind], '--outdir', tmp, docx], { stdio: 'ignore', timeout: 120_000 });
    const produced = readdirSync(tmp).find((f) => f.endsWith(`.${kind}`))!;
    renameSync(join(tmp, produced), join(outDir, name));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Last year's report as agencies publish it, for the cross-year tests (this year's text pairs with it): the
 * template with test/fixtures/crossyear/dadukou-2022.txt's numbers and its agency and year in the title, as
 * .docx and LibreOffice's HTML and PDF exports of it. Alone: npx tsx scripts/make-document-fixtures.ts crossyear
 */
function crossyearDocuments(): void {
  const template = new Uint8Array(readFileSync(TEMPLATE));
  const lastYear = readFileSync(join(CROSSYEAR, 'dadukou-2022.txt'), 'utf8');
  const titled = fillTemplate(docxXml(template), templateMap(template), seedCells(lastYear)).replace(
    '<w:t>政府信息公开工作年度报告格式模板</w:t>',
    '<w:t>重庆市大渡口区司法局2022年政府信息公开工作年度报告</w:t>',
  );
  const dir = join(CROSSYEAR, 'documents');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dadukou-2022.docx'), withDocxXml(template, titled));
  if (!existsSync('/usr/bin/soffice')) return console.warn('soffice not found: HTML and PDF exports not refreshed');
  for (const kind of ['html', 'pdf'] as const) soffice(kind, join(dir, 'dadukou-2022.docx'), dir, `dadukou-2022.${kind}`);
}

/**
 * Table 三's first `rows` rows marked as header rows (w:tblHeader, Word's 重复标题行), which an office suite
 * repeats at the top of the next page the table runs onto: all three rows of its header, or only the first
 * two, whose merged cells then run on into the row under the repeated part.
 */
function withRepeatedHeader(xml: string, rows: number): string {
  const table = xml.lastIndexOf('<w:tbl>', xml.indexOf('申请人情况'));
  let out = xml;
  let pos = table;
  for (let k = 0; k < rows; k++) {
    const tr = Math.min(...['<w:tr ', '<w:tr>'].map((t) => (out.indexOf(t, pos) < 0 ? Infinity : out.indexOf(t, pos))));
    const end = out.indexOf('</w:tr>', tr);
    const trPr = out.indexOf('<w:trPr>', tr);
    if (trPr < 0 || trPr > end) throw new Error('a table 三 header row without w:trPr');
    out = out.slice(0, trPr + '<w:trPr>'.length) + '<w:tblHeader/>' + out.slice(trPr + '<w:trPr>'.length);
    pos = out.indexOf('</w:tr>', tr);
  }
  return out;
}

/**
 * Seed 001's report (table 三 runs from page 2 onto page 3) with table 三's header repeated on page 3, whole
 * and in part, as LibreOffice exports it to PDF: pdf/repeated-header-seed-001.pdf, pdf/repeated-header-part-seed-001.pdf.
 * Alone: npx tsx scripts/make-document-fixtures.ts repeated-header
 */
function repeatedHeaderPdfs(): void {
  const docx = new Uint8Array(readFileSync(join(OUT, 'docx/seed-001.docx')));
  const tmp = mkdtempSync(join(tmpdir(), 'ogi-header-'));
  try {
    for (const [name, rows] of [['repeated-header-seed-001', 3], ['repeated-header-part-seed-001', 2]] as const) {
      writeFileSync(join(tmp, `${name}.docx`), withDocxXml(docx, withRepeatedHeader(docxXml(docx), rows)));
      soffice('pdf', join(tmp, `${name}.docx`), join(OUT, 'pdf'), `${name}.pdf`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function main(): void {
  for (const d of ['docx', 'html', 'flat', 'pdf', 'legacy']) mkdirSync(join(OUT, d), { recursive: true });
  const template = new Uint8Array(readFileSync(TEMPLATE));
  writeFileSync(join(OUT, 'docx/template-blank.docx'), template);
  const xml = docxXml(template);
  const map = templateMap(template);
  const gbk = gbkEncoder();
  const docxMade: string[] = ['template-blank.docx'];
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
  for (const f of seeds) {
    const id = f.slice(0, 3);
    const text = readFileSync(join(SEEDS, f), 'utf8');
    const cells = seedCells(text);
    const filled = fillTemplate(xml, map, cells);
    writeFileSync(join(OUT, `docx/seed-${id}.docx`), withDocxXml(template, filled));
    docxMade.push(`seed-${id}.docx`);
    writeFileSync(join(OUT, `html/cms-seed-${id}.html`), cmsPage(text, cells, 'utf-8'));
    writeFileSync(join(OUT, `html/cms-gbk-seed-${id}.htm`), gbk(cmsPage(text, cells, 'gb2312')));
    writeFileSync(join(OUT, `flat/seed-${id}.txt`), flatten(text) + '\n');
    if (id === '000') {
      // Broken copies: a raised cell (自然人 of 一、本年新收) and a wrong total (（七）总计·总计).
      const raised = new Map(cells);
      const k1 = cellKey('applications', 'applications', 'newlyReceived', 'naturalPerson');
      raised.set(k1, String(Number(cells.get(k1)) + 1));
      writeFileSync(join(OUT, 'docx/seed-000-raised.docx'), withDocxXml(template, fillTemplate(xml, map, raised)));
      const wrong = new Map(cells);
      const k2 = cellKey('applications', 'applications', 'resultTotal', 'total');
      wrong.set(k2, String(Number(cells.get(k2)) + 1));
      writeFileSync(join(OUT, 'docx/seed-000-wrong-total.docx'), withDocxXml(template, fillTemplate(xml, map, wrong)));
      docxMade.push('seed-000-raised.docx', 'seed-000-wrong-total.docx');
      // The same report under another namespace prefix, as some writers save it.
      const prefixed = filled.replace(/<(\/?)w:/g, '<$1wx:').replace(/ w:/g, ' wx:').replace('xmlns:wx:', 'xmlns:wx=').replace(/xmlns:w="/, 'xmlns:wx="');
      writeFileSync(join(OUT, 'docx/seed-000-prefix.docx'), withDocxXml(template, prefixed));
      docxMade.push('seed-000-prefix.docx');
    }
  }
  // A report whose tables were pasted as pictures: paragraphs and drawings, no w:tbl.
  writeFileSync(join(OUT, 'docx/tables-as-images.docx'), imagesDocx());
  // The office suite's exports of the .docx files.
  if (existsSync('/usr/bin/soffice')) {
    for (const name of docxMade) {
      const base = name.replace(/\.docx$/, '');
      soffice('html', join(OUT, 'docx', name), join(OUT, 'html'), `from-docx-${base}.html`);
      soffice('pdf', join(OUT, 'docx', name), join(OUT, 'pdf'), `from-docx-${base}.pdf`);
    }
    // The old binary format (Word 97–2003), which the readers name rather than read.
    soffice('doc', join(OUT, 'docx', 'seed-000.docx'), join(OUT, 'legacy'), 'seed-000.doc');
  } else console.warn('soffice not found: HTML and PDF exports not refreshed');
  crossyearDocuments();
  repeatedHeaderPdfs();
}

function imagesDocx(): Uint8Array {
  const enc = new TextEncoder();
  const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
  const pic = '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="5000000" cy="3000000"/><wp:docPr id="1" name="图片 1"/></wp:inline></w:drawing></w:r></w:p>';
  const body = CURRENT_FORMAT.sections.map((s) => p(`${'一二三四五六'[s.number - 1]}、${s.title}`) + (CURRENT_FORMAT.tables.some((t) => t.section === s.number) ? pic : p('（略）'))).join('');
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${p('某某局2023年政府信息公开工作年度报告')}${body}</w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': enc.encode('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': enc.encode('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': enc.encode(doc),
  });
}

if (process.argv[2] === 'crossyear') crossyearDocuments();
else if (process.argv[2] === 'repeated-header') repeatedHeaderPdfs();
else main();
