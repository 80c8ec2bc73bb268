// The CSV of every report's numbers: BOM, RFC 4180, the fixed columns, one column per statutory number
// of both formats (2021 first), and every cell of the seeds' tables under its header; the agency from the
// title.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { agencyFromTitle, agencyOf } from '../../server/src/core/agency.js';
import { FORMATS } from '../../server/src/core/format/formats.js';
import { CSV_FIXED_COLUMNS, csvField, csvValue, statutoryColumns, statutoryHeader, toCsv } from '../../server/src/outputs/csv.js';
import { ROOT, analyze, reserialize, seeds } from '../helpers.js';

/** RFC 4180 reader (quoted fields, doubled quotes, CRLF). */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') (f += '"'), i++;
      else if (c === '"') q = false;
      else f += c;
    } else if (c === '"' && f === '') q = true;
    else if (c === ',') row.push(f), (f = '');
    else if (c === '\r' && s[i + 1] === '\n') {
      row.push(f), rows.push(row), (row = []), (f = ''), i++;
    } else {
      assert.notEqual(c, '\n', 'bare LF outside quotes');
      f += c;
    }
  }
  assert.equal(f, '', 'last line ends with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

describe('toCsv', () => {
  const docs = seeds().flatMap((s) => [
    { path: s.name, text: s.text },
    { path: `${s.name} as spaced`, text: reserialize(s.text, 'spaced') },
  ]);
  const results = docs.map((d) => ({ path: d.path, analysis: analyze(d.text) }));
  const csv = toCsv(results);
  const rows = parseCsv(csv.slice(1));
  const header = rows[0];

  it('is UTF-8 with a BOM and one row per report under one header', () => {
    assert.equal(csv.charCodeAt(0), 0xfeff);
    assert.equal(rows.length, results.length + 1);
    for (const r of rows) assert.equal(r.length, header.length);
    assert.deepEqual(header.slice(0, 6), [...CSV_FIXED_COLUMNS]);
  });

  it('has one column per statutory number of both formats, unique, 2021 first', () => {
    const columns = header.slice(6);
    assert.equal(new Set(columns).size, columns.length);
    const count = (v: string) => {
      const f = FORMATS.find((x) => x.version === v)!;
      return f.tables.reduce((n, t) => n + t.parts.reduce((m, p) => m + p.rows.length * p.columns.length, 0), 0);
    };
    const f2021 = FORMATS.find((x) => x.version === '2021')!;
    const own2021 = f2021.tables.flatMap((t) => t.parts.flatMap((p) => p.rows.flatMap((r) => p.columns.map((c) => statutoryHeader(t, p, r, c)))));
    assert.equal(own2021.length, count('2021'));
    assert.deepEqual(columns.slice(0, own2021.length), own2021);
    assert.ok(columns.length > own2021.length && columns.length < count('2021') + count('2019'));
    for (const h of [
      '表三·一、本年新收政府信息公开申请数量·自然人',
      '表三·一、本年新收政府信息公开申请数量·法人或其他组织·商业企业',
      '表三·（三）不予公开·1.属于国家秘密·总计',
      '表三·（七）总计·总计',
      '表四·行政复议·结果维持',
      '表四·行政诉讼·复议后起诉·总计',
      '表二·第二十条第（一）项·规章·本年制发件数',
      '表二·第二十条第（八）项·行政事业性收费·本年收费金额（单位：万元）',
      // 2019 only
      '表二·第二十条第（九）项·政府集中采购·采购总金额',
      '表三·（六）其他处理·总计',
    ])
      assert.ok(columns.includes(h), h);
    assert.deepEqual(columns, statutoryColumns());
  });

  it('puts every cell of every statutory table under its header, and nothing else', () => {
    results.forEach((r, k) => {
      const row = rows[k + 1];
      const expected = new Map<string, string>();
      const seen = new Set<string>();
      for (const t of r.analysis.report.tables) {
        if (seen.has(t.def.id)) continue;
        seen.add(t.def.id);
        for (const p of t.parts) for (const x of p.rows) if (!x.duplicate) x.cells.forEach((c) => c && expected.set(statutoryHeader(t.def, p.def, x.def, c.column), csvValue(c)));
      }
      assert.ok(expected.size >= 180, `${r.path}: ${expected.size} cells`);
      header.slice(6).forEach((h, j) => assert.equal(row[6 + j], expected.get(h) ?? '', `${r.path} ${h}`));
      // Values are the numbers as read.
      const t3 = r.analysis.report.tables.find((t) => t.def.id === 'applications')!;
      const newly = t3.parts[0].rows.find((x) => x.def.id === 'newlyReceived')!;
      assert.equal(row[header.indexOf('表三·一、本年新收政府信息公开申请数量·总计')], newly.cells[6]!.raw === '' ? '' : String(newly.cells[6]!.value.value));
      const errors = r.analysis.findings.filter((f) => f.severity === 'error').length;
      const warnings = r.analysis.findings.filter((f) => f.severity === 'warning').length;
      assert.deepEqual(row.slice(2, 6), [String(r.analysis.report.year), '2021', String(errors), String(warnings)]);
    });
    assert.equal(rows[2][1], rows[1][1], 'the same agency whatever the table shape');
  });

  it('writes the 2019 format under its own columns', () => {
    const file = join(ROOT, 'samples/broken/缺少行-2019格式.txt');
    const r = analyze(readFileSync(file, 'utf8'));
    const out = parseCsv(toCsv([{ path: file, analysis: r }]).slice(1));
    const h = out[0];
    assert.equal(out[1][3], '2019');
    const t2 = r.report.tables.find((t) => t.def.id === 'activeDisclosure')!;
    const procurement = t2.parts.find((p) => p.def.id === 'article20Item9')!.rows[0].cells[1]!;
    assert.equal(out[1][h.indexOf('表二·第二十条第（九）项·政府集中采购·采购总金额')], csvValue(procurement));
    assert.equal(csvValue(procurement), String(procurement.value.value));
    assert.equal(out[1][h.indexOf('表二·第二十条第（一）项·规章·本年制发件数')], '', '2021-only columns blank');
  });

  it('quotes as RFC 4180 and keeps formulas from running', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('-3'), '-3');
    assert.equal(csvField('普通文本'), '普通文本');
    const text = '=cmd|x,"y"\n' + seeds()[0].text;
    const out = parseCsv(toCsv([{ path: 'p,"q".txt', analysis: analyze(text) }]).slice(1));
    assert.equal(out[1][0], 'p,"q".txt');
  });
});

describe('agencyOf', () => {
  it('reads the agency from the seeds\' titles, and nothing from a report without one', () => {
    const got = seeds().map((s) => agencyOf(analyze(s.text).report));
    assert.deepEqual(got, ['重庆市大渡口区司法局', '绥滨县司法局', '开封市城乡一体化示范区司法局', null, '硚口区司法局']);
  });
  it('takes away the year and the report\'s name, wherever the year stands', () => {
    assert.equal(agencyFromTitle('北京市人民政府2023年政府信息公开工作年度报告'), '北京市人民政府');
    assert.equal(agencyFromTitle('2023年度北京市人民政府政府信息公开工作年度报告'), '北京市人民政府');
    assert.equal(agencyFromTitle('𠮷林市民政局 2022 年度政府信息公开工作年度报告'), '𠮷林市民政局');
    assert.equal(agencyFromTitle('某某局2021年年度报告'), '某某局');
  });
  it('reads the shapes the samples use', () => {
    for (const f of readdirSync(join(ROOT, 'samples/broken'))) {
      const a = agencyOf(analyze(readFileSync(join(ROOT, 'samples/broken', f), 'utf8')).report);
      assert.doesNotMatch(a ?? '', /\d{4}|年度报告|政府信息公开/, f);
    }
  });
});
