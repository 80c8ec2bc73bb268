// Property tests: whatever the input, the engine returns (no throw, no hang) and every range it reports
// lies inside the document; consistent tables in any shape read clean, and any raised cell is caught.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CURRENT_FORMAT, FORMATS } from '../../server/src/core/format/formats.js';
import { renderTable } from '../../server/src/core/render.js';
import { type Range, splitLines } from '../../server/src/core/text.js';
import { SHAPES, analyze, errors, replaceRange, seeds } from '../helpers.js';
import type { Analysis } from '../../server/src/core/analyze.js';

function assertRangesInside(text: string, a: Analysis): void {
  const lines = splitLines(text);
  const check = (r: Range, what: string) => {
    for (const p of [r.start, r.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside 0..${lines.length - 1}`);
      assert.ok(p.character >= 0 && p.character <= lines[p.line].text.length, `${what}: character ${p.character} outside line ${p.line}`);
    }
    assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: reversed`);
  };
  for (const f of a.findings) {
    check(f.range, f.rule);
    for (const rel of f.related) check(rel.range, `${f.rule} related`);
    for (const e of f.fix?.edits ?? []) check(e.range, `${f.rule} fix`);
  }
  for (const s of a.report.sections) check(s.range, 'section');
}

const noise = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('\t', '\n', '\r\n', '\r', '|', ' | ', '｜', '\u00a0', '\u3000', '𠮷', '（七）总计', '一、', '三、收到和处理政府信息公开申请情况\n', '0', '-1', '3.5', '１２', '/', '无', '\t\t\t', '\n\n', '\uFEFF', '\u200b'),
  fc.array(fc.constantFrom('0', '1', '9', '\t', ' ', '|', '\n', '𠮷', '予以公开', '总计'), { maxLength: 60 }).map((a) => a.join('')),
);

const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 200 }), insert: noise });

function applyRaw(text: string, edits: { at: number; del: number; insert: string }[]): string {
  return edits.reduce((t, e) => {
    const at = e.at % (t.length + 1);
    return t.slice(0, at) + e.insert + t.slice(at + e.del);
  }, text);
}

const allSeeds = seeds();

describe('robustness', () => {
  it('random edits of real reports: no throw, no hang, ranges inside the document', () => {
    fc.assert(
      fc.property(fc.nat({ max: allSeeds.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 12 }), (k, edits) => {
        const text = applyRaw(allSeeds[k].text, edits);
        const t0 = performance.now();
        const a = analyze(text);
        assert.ok(performance.now() - t0 < 2000, 'analysis took over 2 s');
        assertRangesInside(text, a);
      }),
      { numRuns: 400 },
    );
  });

  it('deleting random line ranges of real reports never breaks the engine', () => {
    fc.assert(
      fc.property(fc.nat({ max: allSeeds.length - 1 }), fc.nat(), fc.nat({ max: 60 }), (k, from, count) => {
        const lines = allSeeds[k].text.split('\n');
        const start = from % lines.length;
        lines.splice(start, count);
        const text = lines.join('\n');
        assertRangesInside(text, analyze(text));
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary text: no throw, ranges inside', () => {
    fc.assert(
      fc.property(fc.array(noise, { maxLength: 80 }).map((a) => a.join('')), (text) => assertRangesInside(text, analyze(text))),
      { numRuns: 500 },
    );
  });

  it('huge lines and huge documents stay linear', () => {
    const seed = allSeeds[0].text;
    const time = (text: string) => {
      const t0 = performance.now();
      const a = analyze(text);
      assertRangesInside(text, a);
      return performance.now() - t0;
    };
    const oneLine = '0\t'.repeat(500_000);
    assert.ok(time(oneLine) < 3000, 'a 1 MB line of cells');
    assert.ok(time('一、'.repeat(300_000)) < 3000, 'a 600 KB line of numbering');
    const small = time(seed.repeat(20));
    const large = time(seed.repeat(200));
    assert.ok(large < small * 30 + 500, `200 copies took ${large.toFixed(0)} ms, 20 took ${small.toFixed(0)} ms`);
  });
});

// A consistent table 三 (every identity holds) from random result counts.
const applicationsData = fc
  .record({
    leaves: fc.array(fc.array(fc.nat({ max: 40 }), { minLength: 6, maxLength: 6 }), { minLength: 21, maxLength: 21 }),
    carriedOver: fc.array(fc.nat({ max: 5 }), { minLength: 6, maxLength: 6 }),
    carriedForward: fc.array(fc.nat({ max: 5 }), { minLength: 6, maxLength: 6 }),
  })
  .map(({ leaves, carriedOver, carriedForward }) => {
    const withTotal = (r: number[]) => [...r, r.reduce((a, b) => a + b, 0)];
    const results = leaves.map(withTotal);
    const resultTotal = results[0].map((_, c) => results.reduce((s, r) => s + r[c], 0));
    const co = withTotal(carriedOver);
    // 一 = （七）总计 + 四 − 二, kept non-negative by carrying forward at least what was carried over.
    const cf = withTotal(carriedForward.map((v, c) => v + carriedOver[c]));
    const newly = resultTotal.map((v, c) => v + cf[c] - co[c]);
    return [newly, co, ...results, resultTotal, cf];
  });

describe('consistent tables in every shape', () => {
  const part = CURRENT_FORMAT.tables[1].parts[0];
  it('read clean, and a raised cell is caught on table 三', () => {
    fc.assert(
      fc.property(applicationsData, fc.constantFrom(...SHAPES), fc.nat(), fc.nat(), (rows, shape, pick, wrap) => {
        const body = renderTable(CURRENT_FORMAT.tables[1], shape, (_p, r, c) => String(rows[r][c]), { wrapAt: 8 + (wrap % 30) });
        const text = `2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n${body}\n`;
        const a = analyze(text);
        const t = a.report.tables.find((x) => x.def.id === 'applications')!;
        assert.deepEqual(t.parts[0].rows.map((r) => r.cells.map((c) => c?.value.value)), rows);
        assert.deepEqual(errors(a).filter((f) => !f.rule.startsWith('section') && !f.rule.startsWith('table')), []);
        const cells = t.parts[0].rows.flatMap((r) => r.cells);
        const cell = cells[pick % cells.length]!;
        const broken = analyze(replaceRange(text, cell.range, String(cell.value.value! + 1 + (pick % 7))));
        assert.ok(errors(broken).some((f) => f.range.start.line >= t.firstLine && f.range.end.line <= t.lastLine));
      }),
      { numRuns: 150 },
    );
    assert.equal(part.rows.length, 25);
  });

  it('the 2019 format reads as the 2019 format', () => {
    const t = FORMATS.find((f) => f.version === '2019')!.tables[1];
    fc.assert(
      fc.property(fc.constantFrom(...SHAPES), (shape) => {
        const text = `2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n${renderTable(t, shape, () => '0')}\n`;
        const table = analyze(text).report.tables[0];
        assert.equal(table.format.version, '2019');
        assert.equal(table.parts[0].rows.length, 23);
      }),
    );
  });
});
