// Last year's report against this year's: carry-over, stock-flow and copied prose on pairs made from a
// seed (test/fixtures/crossyear, built by scripts/make-prose-fixtures.ts), agency matching by title, and
// nextYearReport's output checked against the report it was made from.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze.js';
import type { Report } from '../../server/src/core/analyze.js';
import { agencyOf, isPreviousYear, sameAgency } from '../../server/src/core/agency.js';
import { runChecks } from '../../server/src/core/analyze.js';
import { CHECKS } from '../../server/src/core/checks/index.js';
import carryOver from '../../server/src/core/checks/crossyear/carry-over.js';
import copiedProse, { COPIED_SHARE } from '../../server/src/core/checks/crossyear/copied-prose.js';
import stockFlow from '../../server/src/core/checks/crossyear/stock-flow.js';
import { cellOf, numberOf } from '../../server/src/core/checks/prose/common.js';
import proseTable from '../../server/src/core/checks/prose/prose-table.js';
import type { Locale, Rule } from '../../server/src/core/checks/rule.js';
import { FILL_MARKER, nextYearReport } from '../../server/src/core/crossyear/nextYear.js';
import { analyzeDocument, inDocument } from '../../server/src/core/document.js';
import { splitLines } from '../../server/src/core/text.js';
import { mayBeOfYear } from '../../server/src/lsp/workspace.js';
import { applyEdits, fixture, seeds } from '../helpers.js';

const report = (text: string): Report => analyze(text).report;
const last = report(fixture('crossyear', 'dadukou-2022.txt'));
const good = report(fixture('crossyear', 'dadukou-2023.txt'));
const broken = report(fixture('crossyear', 'dadukou-2023-broken.txt'));
const URI = 'file:///reports/dadukou-2022.txt';
// A cross-year rule run as the engine runs it, with `previous` at URI.
const cross = (rule: Rule<string>, current: Report, previous: Report, locale: Locale = 'zh-cn', thresholds?: Record<string, number>) =>
  runChecks(current, [rule], { locale, thresholds, previous: { path: URI, report: previous } });
const CROSS_YEAR = CHECKS.filter((r) => r.tags.includes('crossyear'));
const checkCrossYear = (current: Report, previous: Report) => runChecks(current, CROSS_YEAR, { previous: { path: URI, report: previous } });

describe('agency matching', () => {
  it('the same agency a year apart', () => {
    assert.ok(sameAgency(good, last) && isPreviousYear(good, last));
    assert.ok(!isPreviousYear(last, good));
  });
  it('different agencies, and a report without a title, never match', () => {
    const [s0, , , s3, s4] = seeds().map((s) => report(s.text));
    assert.ok(!sameAgency(s0, s4));
    assert.equal(agencyOf(s3), null);
    assert.ok(!sameAgency(s3, s3));
    // The year typed full-width (Word's 全角) is no part of the name.
    assert.equal(agencyOf('重庆市大渡口区司法局２０２３年政府信息公开工作年度报告'), agencyOf(good));
    assert.deepEqual(checkCrossYear(s4, good), []);
  });
  it('each report of a 汇编 in the file’s coordinates is its own agency’s, and pairs as it does alone', () => {
    const departments = ['司法局', '民政局', '财政局'];
    const text = departments.map((d) => fixture('crossyear', 'dadukou-2022.txt').replaceAll('司法局', d)).join('\n\f\n');
    const doc = analyzeDocument(text);
    assert.equal(doc.reports.length, 3);
    const lines = splitLines(text);
    doc.reports.forEach((r, k) => {
      const inFile = inDocument(r, text, lines).report;
      assert.equal(agencyOf(inFile), `重庆市大渡口区${departments[k]}`);
      assert.equal(agencyOf(inFile), agencyOf(r.analysis.report));
      assert.equal(sameAgency(inFile, last), k === 0);
    });
  });
});

describe('carry-over', () => {
  it('a clean pair has none', () => assert.deepEqual(cross(carryOver, good, last), []));
  it("a broken pair: on this year's cell, last year's cell related in the other file, with the fix", () => {
    const found = cross(carryOver, broken, last);
    assert.deepEqual(found.map((f) => f.range), [cellOf(broken, 'applications', 'carriedOver', 'naturalPerson')!.range, cellOf(broken, 'applications', 'carriedOver', 'total')!.range]);
    for (const f of found) {
      assert.equal(f.severity, 'error');
      assert.equal(f.related[0].uri, URI);
      assert.equal(f.fix!.edits[0].newText, '5');
    }
    const fixed = report(applyEdits(fixture('crossyear', 'dadukou-2023-broken.txt'), found.flatMap((f) => f.fix!.edits)));
    assert.deepEqual(cross(carryOver, fixed, last), []);
  });
  it('every column is compared', () => {
    const cols = good.tables.find((t) => t.def.id === 'applications')!.parts[0].def.columns;
    for (const col of cols) {
      const c = cellOf(last, 'applications', 'carriedForward', col.id)!;
      const text = applyEdits(fixture('crossyear', 'dadukou-2022.txt'), [{ range: c.range, newText: String((numberOf(c) ?? 0) + 1) }]);
      const found = cross(carryOver, good, report(text));
      assert.equal(found.length, 1, col.id);
      assert.deepEqual(found[0].range, cellOf(good, 'applications', 'carriedOver', col.id)!.range);
    }
  });
});

describe('stock-flow', () => {
  it('10 in force + 3 issued − 1 repealed = 12', () => assert.deepEqual(cross(stockFlow, good, last), []));
  it('13 in force is a warning on the cell, the three operands related', () => {
    const [f, ...rest] = cross(stockFlow, broken, last);
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, cellOf(broken, 'activeDisclosure', 'normativeDocuments', 'inForce')!.range);
    assert.equal(f.related.length, 3);
    assert.equal(f.related[0].uri, URI);
    assert.match(f.message, /应为12/);
  });
  it('2019 format: this year\'s 上一年项目数量 = last year\'s + 本年增/减', () => {
    const t2019 = (year: number, items: number, change: number) =>
      `某市某局${year}年政府信息公开工作年度报告\n一、总体情况\n概述。\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t1\t1\t5\n第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t${items}\t${change}\t30\n其他对外管理服务事项\t0\t0\t0\n`;
    const prev = report(t2019(2019, 10, 2));
    assert.deepEqual(cross(stockFlow, report(t2019(2020, 12, 0)), prev), []);
    const f = cross(stockFlow, report(t2019(2020, 11, 0)), prev);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /应为12/);
  });
});

describe('copied-prose', () => {
  it('a report copied from last year is noted, a rewritten one is not', () => {
    assert.equal(cross(copiedProse, good, last).length, 2);
    const [s0, , , , s4] = seeds().map((s) => report(s.text));
    assert.deepEqual(cross(copiedProse, s4, s0), []);
    assert.deepEqual(cross(copiedProse, good, last, 'zh-cn', { [COPIED_SHARE]: 1 }), []);
  });
});

describe('nextYearReport', () => {
  for (const s of [...seeds(), { name: 'dadukou-2023', text: fixture('crossyear', 'dadukou-2023.txt') }]) {
    it(`${s.name}: next year's report, carry-over clean against it`, () => {
      const prev = report(s.text);
      const text = nextYearReport(s.text);
      const next = report(text);
      assert.ok(text.startsWith(FILL_MARKER));
      assert.equal(next.year, prev.year! + 1);
      assert.deepEqual(cross(carryOver, next, prev), []);
      assert.deepEqual(cross(stockFlow, next, prev), []);
      assert.deepEqual(runChecks(next, [proseTable]).map((f) => f.message), []);
      if (agencyOf(prev)) assert.ok(sameAgency(next, prev) && isPreviousYear(next, prev));
    });
  }
  it('a 2020 report becomes a 2021 one citing the 2021 notice', () => {
    const old = fixture('crossyear', 'dadukou-2022.txt').replace(/2022/g, '2020').replace('编制本报告。', '依据国办公开办函〔2019〕60号编制本报告。');
    const text = nextYearReport(old);
    assert.match(text, /国办公开办函〔2021〕30号/);
    assert.doesNotMatch(text, /〔2019〕60号/);
    assert.equal(report(text).year, 2021);
  });
  it('carries the numbers and zeroes the rest', () => {
    const text = nextYearReport(fixture('crossyear', 'dadukou-2023.txt'));
    const next = report(text);
    assert.equal(numberOf(cellOf(next, 'applications', 'carriedOver', 'total')), 10);
    assert.equal(numberOf(cellOf(next, 'applications', 'newlyReceived', 'total')), 0);
    assert.equal(numberOf(cellOf(next, 'activeDisclosure', 'normativeDocuments', 'inForce')), 12);
    assert.equal(numberOf(cellOf(next, 'activeDisclosure', 'licensing', 'decisions')), 0);
    assert.match(text, /统计期限为 2024 年 1 月 1 日至 2024 年 12 月 31 日/);
    assert.doesNotMatch(text, /收到和处理政府信息公开申请 70 件/);
    assert.match(text, /收到和处理政府信息公开申请 0 件/);
    assert.match(text, /区司法局 2024 年发出的信息收费通知/);
  });
});

describe('properties', () => {
  const lastText = fixture('crossyear', 'dadukou-2022.txt');
  const cols = last.tables.find((t) => t.def.id === 'applications')!.parts[0].def.columns.map((c) => c.id);
  it("carry-over finds exactly the columns where last year's 结转下年度 differs", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: cols.length, maxLength: cols.length }), (values) => {
        const edits = cols.map((col, i) => ({ range: cellOf(last, 'applications', 'carriedForward', col)!.range, newText: String(values[i]) }));
        const prev = report(applyEdits(lastText, edits));
        const want = cols.filter((col, i) => numberOf(cellOf(good, 'applications', 'carriedOver', col)) !== values[i]);
        const found = cross(carryOver, good, prev);
        assert.deepEqual(found.map((f) => f.range), want.map((col) => cellOf(good, 'applications', 'carriedOver', col)!.range));
      }),
      { numRuns: 60 },
    );
  });
  it('nextYearReport and the cross-year checks never throw on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 0, max: lastText.length }), (junk, at) => {
        const text = lastText.slice(0, at) + junk + lastText.slice(at);
        const next = nextYearReport(text);
        assert.ok(next.startsWith(FILL_MARKER));
        checkCrossYear(report(next), report(text));
      }),
      { numRuns: 40 },
    );
  });
});

describe('which documents of the workspace the editor reads for last year’s report (by file name)', () => {
  it('a name that names the year, the year after (a publication date) or no year is read; one naming only other years is not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2099 }), fc.integer({ min: 1990, max: 2099 }), fc.constantFrom('pdf', 'docx', 'html'), (wanted, named, ext) => {
        const years = new Set([wanted]);
        assert.equal(mayBeOfYear(`某局${named}年政府信息公开工作年度报告.${ext}`, years), named === wanted || named === wanted + 1);
        assert.equal(mayBeOfYear(`附件${named}-${wanted}.${ext}`, years), true);
        assert.equal(mayBeOfYear(`某局政府信息公开工作年度报告.${ext}`, years), true);
      }),
    );
  });
});
