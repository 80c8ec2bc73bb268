// The table renderer and the review page: well-formed HTML, grids whose merged headers tile exactly,
// every cell of the seeds drawn with its source range, failing cells marked (generated over every cell
// of the seeds), the broken samples' culprits and totals marked with their expected values, and every
// piece of document text escaped.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Analysis } from '../../server/src/core/analyze.js';
import type { TableCell } from '../../server/src/core/tables.js';
import { sameRange } from '../../server/src/outputs/marks.js';
import { identityVerdict, toHtmlReview } from '../../server/src/outputs/review.js';
import { previewDocument, renderPreviewBody } from '../../server/src/outputs/preview.js';
import { renderTableHtml } from '../../server/src/outputs/tableHtml.js';
import { ROOT, analyze, arithmeticCells, replaceRange, reserialize, seeds } from '../helpers.js';

// ---------------------------------------------------------------------------------------------------
// A small HTML reader: enough to prove well-formedness and to find elements with their attributes.

interface El {
  tag: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}
const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);

function unescape(s: string): string {
  return s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e as string]!);
}

function parseHtml(html: string): El {
  const root: El = { tag: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*>|<!DOCTYPE html>/g;
  let at = 0;
  for (const m of html.matchAll(tag)) {
    const between = html.slice(at, m.index);
    assert.ok(!/[<>]/.test(between), `raw < or > in text: ${between.slice(0, 80)}`);
    assert.ok(!/&(?!(lt|gt|quot|#39|amp);)/.test(between), `unescaped & in text: ${between.slice(0, 80)}`);
    for (const s of stack) s.text += unescape(between);
    at = m.index! + m[0].length;
    if (!m[2]) continue;
    const name = m[2].toLowerCase();
    if (m[1]) {
      const open = stack.pop()!;
      assert.equal(open.tag, name, `</${name}> closes <${open.tag}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)) attrs[a[1]] = unescape(a[2] ?? '');
    const el: El = { tag: name, attrs, children: [], text: '' };
    stack[stack.length - 1].children.push(el);
    if (!VOID.has(name)) stack.push(el);
  }
  assert.ok(!/[<>]/.test(html.slice(at)), 'trailing markup');
  assert.equal(stack.length, 1, `unclosed <${stack[stack.length - 1].tag}>`);
  return root;
}

function all(el: El, pred: (e: El) => boolean, out: El[] = []): El[] {
  if (pred(el)) out.push(el);
  for (const c of el.children) all(c, pred, out);
  return out;
}
const hasClass = (cls: string) => (e: El) => (e.attrs.class ?? '').split(' ').includes(cls);

/** Lays the rows' cells out with their spans; every slot must be covered exactly once. */
const startColumn = new WeakMap<El, number>();
function tileGrid(table: El): number {
  const rows = all(table, (e) => e.tag === 'tr');
  const grid: boolean[][] = rows.map(() => []);
  rows.forEach((tr, r) => {
    let c = 0;
    for (const cell of tr.children.filter((e) => e.tag === 'th' || e.tag === 'td')) {
      while (grid[r][c]) c++;
      const rs = Number(cell.attrs.rowspan ?? 1);
      const cs = Number(cell.attrs.colspan ?? 1);
      startColumn.set(cell, c);
      for (let y = r; y < r + rs; y++) {
        assert.ok(y < rows.length, 'rowspan beyond the table');
        for (let x = c; x < c + cs; x++) {
          assert.ok(!grid[y][x], `overlap at ${y},${x}`);
          grid[y][x] = true;
        }
      }
      c += cs;
    }
  });
  const width = grid[0].length;
  grid.forEach((row, r) => assert.equal(row.filter(Boolean).length, width, `row ${r} has ${row.filter(Boolean).length} slots, not ${width}`));
  return width;
}

const cellKey = (c: TableCell) => `${c.range.start.line}:${c.range.start.character}`;
const tdAt = (root: El, c: TableCell) =>
  all(root, (e) => e.tag === 'td' && e.attrs['data-line'] === String(c.range.start.line) && e.attrs['data-character'] === String(c.range.start.character));

function renderAll(a: Analysis): El {
  return parseHtml(`<div>${a.report.tables.map((t) => renderTableHtml(t, a)).join('')}</div>`);
}

// ---------------------------------------------------------------------------------------------------

describe('renderTableHtml on the seeds, in every shape', () => {
  const docs = seeds().flatMap((s) => [{ name: s.name, text: s.text }, ...(['tsv', 'pipe', 'spaced'] as const).map((sh) => ({ name: `${s.name} as ${sh}`, text: reserialize(s.text, sh) }))]);
  for (const d of docs) {
    it(`${d.name}: well-formed grids that tile, every cell drawn once with its range and text`, () => {
      const a = analyze(d.text);
      for (const t of a.report.tables) {
        const root = parseHtml(renderTableHtml(t, a));
        const grids = all(root, (e) => e.tag === 'table');
        assert.equal(grids.length, t.parts.length);
        grids.forEach((g, k) => {
          const part = t.def.parts[k];
          const labelCols = part.labelledRows ? Math.max(...part.rows.map((r) => (part.groups.find((x) => x.id === r.group)?.parent ? 3 : r.group ? 2 : 1))) : 0;
          assert.equal(tileGrid(g), labelCols + part.columns.length, `${t.def.id}/${part.id}`);
          if (part.caption) assert.equal(all(g, (e) => e.tag === 'caption')[0]?.text, part.caption);
          // The header's leaf cells are the columns, in format order.
          const heads = all(g, hasClass('ogi-col'))
            .sort((x, y) => startColumn.get(x)! - startColumn.get(y)!)
            .map((e) => e.text);
          assert.deepEqual(heads, part.columns.map((c) => c.label));
        });
        for (const p of t.parts)
          for (const r of p.rows)
            for (const c of r.cells) {
              if (!c || r.duplicate) continue;
              const tds = tdAt(root, c);
              assert.equal(tds.length, 1, `${r.def.id}/${c.column.id}`);
              assert.equal(tds[0].text, c.raw);
              assert.equal(tds[0].attrs['data-end-character'], String(c.range.end.character));
            }
        assert.equal(all(root, (e) => /ogi-mark-(culprit|total|error)/.test(e.attrs.class ?? '')).length, 0, 'a correct seed has no marked cell');
      }
    });
  }

  it('draws the statutory merged headers of tables 三 and 四 from the column groups', () => {
    const a = analyze(seeds()[0].text);
    const t3 = parseHtml(renderTableHtml(a.report.tables.find((t) => t.def.id === 'applications')!, a));
    const group3 = all(t3, hasClass('ogi-col-group'));
    assert.deepEqual(group3.map((e) => [e.text, e.attrs.colspan]), [['法人或其他组织', '5']]);
    const natural = all(t3, (e) => hasClass('ogi-col')(e) && e.text === '自然人')[0];
    assert.equal(natural.attrs.rowspan, '2');
    const resultsGroup = all(t3, (e) => hasClass('ogi-row-group')(e) && e.text === '三、本年度办理结果')[0];
    assert.equal(Number(resultsGroup.attrs.rowspan), 22); // （一）…（七）总计 of the 2021 format
    const t4 = parseHtml(renderTableHtml(a.report.tables.find((t) => t.def.id === 'reviewLitigation')!, a));
    assert.deepEqual(all(t4, hasClass('ogi-col-group')).map((e) => [e.text, e.attrs.colspan ?? '1', e.attrs.rowspan ?? '1']), [
      ['行政复议', '5', '2'],
      ['行政诉讼', '10', '1'],
      ['未经复议直接起诉', '5', '1'],
      ['复议后起诉', '5', '1'],
    ]);
  });

  it('English labels on request', () => {
    const a = analyze(seeds()[0].text);
    const html = renderTableHtml(a.report.tables.find((t) => t.def.id === 'applications')!, a, 'en');
    assert.match(html, />Natural persons</);
    assert.doesNotMatch(html, />自然人</);
  });
});

describe('marked cells', () => {
  it('raising any number of a seed marks the cells: the culprit with its original value, or the totals', () => {
    for (const s of seeds()) {
      const base = analyze(s.text);
      const cells = arithmeticCells(base);
      assert.ok(cells.length >= 160);
      for (const { cell } of cells) {
        const text = replaceRange(s.text, cell.range, String(cell.value.value! + 1));
        const a = analyze(text);
        const root = renderAll(a);
        const culprit = a.findings.find((f) => f.rule === 'likely-culprit');
        const marked = all(root, (e) => /ogi-mark-(culprit|total)/.test(e.attrs.class ?? ''));
        assert.ok(marked.length > 0, `${s.name} ${cellKey(cell)}: nothing marked`);
        if (culprit && sameRange(culprit.range, cell.range)) {
          const td = all(root, hasClass('ogi-mark-culprit'));
          assert.equal(td.length, 1);
          assert.equal(td[0].attrs['data-line'], String(cell.range.start.line));
          assert.equal(td[0].attrs['data-expected'], String(cell.value.value));
          assert.equal(td[0].text, `${cell.value.value! + 1} → ${cell.value.value}`);
          assert.equal(td[0].attrs.title.split('\n')[0], culprit.message);
        }
      }
    }
  });

  const broken = join(ROOT, 'samples/broken');
  for (const file of readdirSync(broken).sort()) {
    it(`samples/broken/${file}: each finding's cell is marked (the value the finding asks for), each missing row drawn as missing`, () => {
      const a = analyze(readFileSync(join(broken, file), 'utf8'));
      const root = renderAll(a);
      let checked = 0;
      const missingRows = a.report.tables.flatMap((t) => t.parts.flatMap((p) => p.def.rows.filter((d) => !p.rows.some((r) => r.def === d))));
      assert.equal(all(root, hasClass('ogi-row-missing')).length, missingRows.length);
      if (a.findings.some((f) => f.rule === 'row-missing')) {
        assert.ok(missingRows.length > 0);
        checked++;
      }
      for (const f of a.findings) {
        const cell = a.report.tables.flatMap((t) => t.parts.flatMap((p) => p.rows.flatMap((r) => r.cells))).find((c) => c && sameRange(c.range, f.range));
        if (!cell) continue;
        const td = tdAt(root, cell)[0];
        assert.ok(td, `${f.rule}: no cell drawn`);
        assert.ok(td.attrs.title.split('\n').includes(f.message), `${f.rule}: tooltip`);
        if (f.rule === 'likely-culprit') {
          assert.ok(hasClass('ogi-mark-culprit')(td));
          assert.equal(td.attrs['data-expected'], f.fix!.edits[0].newText);
          assert.ok(td.text.endsWith(`→ ${f.fix!.edits[0].newText}`));
        } else if (['row-total', 'result-total', 'reconciliation', 'outcome-total'].includes(f.rule)) {
          assert.ok(hasClass('ogi-mark-total')(td));
          const said = /(?:应为|should be|expected) (\d+)/.exec(f.message);
          if (td.attrs['data-expected'] !== undefined && said) assert.equal(td.attrs['data-expected'], said[1]);
          if (f.fix) assert.equal(td.attrs['data-expected'], f.fix.edits[0].newText);
        } else assert.ok(/ogi-mark-(error|warning)/.test(td.attrs.class));
        checked++;
      }
      assert.ok(checked > 0, 'no finding on a cell or a row');
    });
  }

  it('a broken total is written "found → expected" beside the found value', () => {
    const a = analyze(readFileSync(join(broken, '两处总计错误-东城区.txt'), 'utf8'));
    const totals = all(renderAll(a), (e) => hasClass('ogi-mark-total')(e) && e.attrs['data-expected'] !== undefined);
    assert.ok(totals.length >= 2);
    for (const td of totals) assert.match(td.text, new RegExp(`^\\d+ → ${td.attrs['data-expected']}$`));
  });
});

describe('escaping', () => {
  const hostile = `<script>alert("x&'y")</script>`;
  it('document text in cells, labels and titles is escaped, never markup', () => {
    const s = seeds()[0];
    const base = analyze(reserialize(s.text, 'tsv'));
    const t3 = base.report.tables.find((t) => t.def.id === 'applications')!;
    const cell = t3.parts[0].rows[0].cells[1]!;
    const label = t3.parts[0].rows[1].label!;
    let text = replaceRange(reserialize(s.text, 'tsv'), cell.range, hostile);
    text = replaceRange(text, label.range, `${label.text}<b>"&'`);
    text = `<img src=x onerror="alert(1)"> 2023年政府信息公开工作年度报告\n` + text;
    const a = analyze(text);
    const html = a.report.tables.map((t) => renderTableHtml(t, a)).join('') + toHtmlReview([{ path: `a/<script>"'&.txt`, analysis: a }]);
    assert.doesNotMatch(html, /<script|<b>|<img/i);
    assert.match(html, /&lt;script&gt;alert\(&quot;x&amp;&#39;y&quot;\)&lt;\/script&gt;/);
    parseHtml(html.slice(html.indexOf('<!DOCTYPE')));
    const root = renderAll(a);
    const td = all(root, (e) => e.tag === 'td' && e.text === hostile);
    assert.equal(td.length, 1, 'the hostile cell is drawn as its text');
    const th = all(root, (e) => e.tag === 'th' && (e.attrs.title ?? '').includes(`<b>"&'`));
    assert.equal(th.length, 1, 'the written label is in the tooltip, as text');
  });
});

describe('toHtmlReview', () => {
  const dirs = ['seeds', 'broken'];
  const results = dirs.flatMap((d) =>
    readdirSync(join(ROOT, 'samples', d))
      .sort()
      .map((f) => ({ path: `samples/${d}/${f}`, analysis: analyze(readFileSync(join(ROOT, 'samples', d, f), 'utf8')) })),
  );
  const html = toHtmlReview(results);
  const root = parseHtml(html);

  it('is one self-contained page: no script, no external resource, inline CSS with a dark scheme', () => {
    assert.equal(all(root, (e) => ['script', 'link', 'img', 'iframe'].includes(e.tag)).length, 0);
    assert.doesNotMatch(html, /https?:\/\/(?!json\.schemastore)/);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.match(html, /@media \(prefers-color-scheme: dark\)/);
    assert.equal(all(root, (e) => e.tag === 'style').length, 1);
  });

  it('summarises every report, sorted by errors, with a verdict per identity', () => {
    const summary = all(root, hasClass('ogi-summary'))[0];
    const rows = all(summary, (e) => e.tag === 'tr').slice(1);
    assert.equal(rows.length, results.length);
    const errorsCol = rows.map((r) => Number(r.children.filter((c) => c.tag === 'td')[4].text));
    assert.deepEqual(errorsCol, [...errorsCol].sort((x, y) => y - x));
    for (const tr of rows) {
      const path = tr.children[1].text;
      const r = results.find((x) => x.path === path)!;
      const errors = r.analysis.findings.filter((f) => f.severity === 'error').length;
      assert.equal(Number(tr.children[4].text), errors);
      for (const td of tr.children.filter((c) => c.attrs['data-rule'])) {
        const v = identityVerdict(r.analysis.report.equations, td.attrs['data-rule'] as never);
        assert.equal(td.text, { holds: '✓', broken: '✗', unchecked: '—' }[v]);
        const failing = r.analysis.findings.some((f) => f.rule === td.attrs['data-rule']);
        if (failing) assert.equal(td.text, '✗', `${path} ${td.attrs['data-rule']}`);
      }
    }
    // Seeds are correct: ✓ everywhere.
    for (const tr of rows.filter((t) => t.children[1].text.includes('/seeds/'))) {
      assert.deepEqual(tr.children.filter((c) => c.attrs['data-rule']).map((c) => c.text), ['✓', '✓', '✓', '✓']);
    }
  });

  it('draws each report with its tables and lists its findings', () => {
    const sections = all(root, hasClass('ogi-report'));
    assert.equal(sections.length, results.length);
    for (const sec of sections) {
      const path = all(sec, hasClass('ogi-path'))[0].text.split(' — ')[0];
      const r = results.find((x) => x.path === path)!;
      assert.equal(all(sec, hasClass('ogi-table')).length, r.analysis.report.tables.length);
      const items = all(sec, (e) => e.tag === 'li');
      assert.equal(items.length, r.analysis.findings.length);
      r.analysis.findings.forEach((f, k) => assert.ok(items[k].text.includes(f.message)));
    }
    assert.ok(all(root, hasClass('ogi-mark-culprit')).length >= 1);
  });
});

describe('the preview page', () => {
  it('holds every table in document order, under a CSP that allows only its nonce and its own script', () => {
    const a = analyze(seeds()[1].text);
    const body = renderPreviewBody(a);
    const html = previewDocument({ body, nonce: 'N0nce', cspSource: 'vscode-webview://x', scriptUri: 'vscode-webview://x/media/preview.js' });
    const root = parseHtml(html);
    const tables = all(root, hasClass('ogi-table'));
    assert.deepEqual(tables.map((t) => t.attrs['data-table']), a.report.tables.map((t) => t.def.id));
    tables.forEach((t, k) => assert.equal(t.attrs['data-last-line'], String(a.report.tables[k].lastLine)));
    const csp = all(root, (e) => e.tag === 'meta' && e.attrs['http-equiv'] === 'Content-Security-Policy')[0].attrs.content;
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0nce' vscode-webview:\/\/x;/);
    assert.doesNotMatch(csp, /unsafe/);
    const scripts = all(root, (e) => e.tag === 'script');
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0].attrs.nonce, 'N0nce');
    assert.equal(scripts[0].text, '');
    assert.equal(all(root, (e) => e.tag === 'style')[0].attrs.nonce, 'N0nce');
    assert.match(renderPreviewBody(analyze('随便一段文字。')), /未找到法定表格/);
  });
});
