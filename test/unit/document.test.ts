// A file of many reports: split into report spans, each analysed exactly as it is analysed alone.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Finding, analyze } from '../../server/src/core/analyze.js';
import { analyzeDocument, reportSpans } from '../../server/src/core/document.js';
import { findSections } from '../../server/src/core/sections.js';
import { splitLines } from '../../server/src/core/text.js';
import { ROOT, seeds } from '../helpers.js';

const RULES_DIR = join(ROOT, 'test/fixtures/rules');
const fixtures = readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(RULES_DIR, name), 'utf8') }));
const broken = readdirSync(join(ROOT, 'samples/broken')).map((name) => ({ name, text: readFileSync(join(ROOT, 'samples/broken', name), 'utf8') }));

/** A report as it stands in a file: no blank lines before it, one line break after its last line. */
const normalise = (text: string) => text.replace(/^(?:[ \t\u3000\f]*\n)+/, '').replace(/\s*$/, '\n');
/** The report without its title block: from its first section heading on. */
const untitled = (text: string) => {
  const lines = splitLines(text);
  return lines.slice(findSections(lines)[0].heading.line).map((l) => l.text).join('\n');
};
const SEPARATORS = ['', '\n', '\n\n\n', '\f\n', '\n\f\n', '\u3000\n\n'];

const shift = (f: Finding, by: number): Finding => JSON.parse(JSON.stringify(f, (k, v) => (k === 'line' && typeof v === 'number' ? v + by : v)));

/** Builds the file from its reports and checks every report against its own analysis. */
function checkConcatenation(parts: string[], seps: string[]): void {
  const own = parts.map((p, k) => p + (k + 1 < parts.length ? seps[k % seps.length] : ''));
  const text = own.join('');
  const doc = analyzeDocument(text);
  const starts: number[] = [];
  let line = 0;
  for (const p of own) {
    starts.push(line);
    line += splitLines(p).length - 1;
  }
  assert.deepEqual(
    doc.reports.map((r) => r.span),
    starts.map((s, k) => ({ fromLine: s, toLine: k + 1 < starts.length ? starts[k + 1] : splitLines(text).length })),
  );
  const all: Finding[] = [];
  own.forEach((p, k) => {
    const alone = analyze(p).findings;
    assert.deepEqual(doc.reports[k].analysis.findings, alone, `report ${k}`);
    // The title a report has alone is the title it has in the file.
    assert.equal(doc.reports[k].title, reportSpans(splitLines(p))[0].title, `title of report ${k}`);
    all.push(...alone.map((f) => shift(f, starts[k])));
  });
  assert.deepEqual(doc.findings, all);
}

describe('analyzeDocument', () => {
  it('gives a single report exactly what analyze() gives, for every seed, fixture and broken sample', () => {
    for (const { name, text } of [...seeds(), ...fixtures, ...broken]) {
      const doc = analyzeDocument(text);
      assert.equal(doc.reports.length, 1, name);
      assert.deepEqual(doc.findings, analyze(text).findings, name);
      assert.deepEqual(doc.reports[0].span, { fromLine: 0, toLine: splitLines(text).length }, name);
    }
  });

  it('finds the title of a report, wrapped or after the department name', () => {
    const titles = seeds().map((s) => analyzeDocument(s.text).reports[0].title);
    assert.deepEqual(titles, [
      '重庆市大渡口区司法局2023 年政府信息公开工作年度报告',
      '绥滨县司法局2023年政府信息公开工作年度报告',
      '开封市城乡一体化示范区司法局 2023 年政府信息公开 公开工作年度报告',
      null,
      '硚口区司法局2024年政府信息公开工作年度报告',
    ]);
  });

  const seedParts = seeds().map((s) => normalise(s.text));
  const permutations = <T>(xs: T[]): T[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));

  it('reads the seeds concatenated in every order, with titles, as one report each', () => {
    permutations([0, 1, 2, 3, 4]).forEach((order, n) => checkConcatenation(order.map((i) => seedParts[i]), [SEPARATORS[n % SEPARATORS.length], SEPARATORS[(n + 1) % SEPARATORS.length]]));
  });

  it('reads the seeds concatenated in every order without titles (a report starts at its section 一)', () => {
    const bare = seedParts.map((p) => normalise(untitled(p)));
    permutations([0, 1, 2, 3, 4]).forEach((order, n) => checkConcatenation(order.map((i) => bare[i]), [SEPARATORS[(n + 2) % SEPARATORS.length]]));
  });

  it('reads random sequences of seeds and report fixtures, titled or not, with any separators', () => {
    // The fixtures whose structure is that of a report (every section, in order, once): a file of
    // reports is split at the sections, so a report missing its section 一 cannot be told apart.
    const structural = new Set(['section-missing', 'section-order', 'section-duplicate', 'not-a-report', 'too-large']);
    const reportFixtures = fixtures
      .filter((f) => !analyze(f.text).findings.some((x) => structural.has(x.rule)))
      .map((f) => normalise(f.text));
    assert.ok(reportFixtures.length >= 15, `${reportFixtures.length} report fixtures`);
    const pool = [...seedParts, ...seedParts.map((p) => normalise(untitled(p))), ...reportFixtures];
    fc.assert(
      fc.property(
        fc.array(fc.nat(pool.length - 1), { minLength: 2, maxLength: 7 }),
        fc.array(fc.constantFrom(...SEPARATORS), { minLength: 1, maxLength: 6 }),
        (picks, seps) => checkConcatenation(picks.map((i) => pool[i]), seps),
      ),
      { numRuns: 60 },
    );
  });

  it('does not split a report at a stray or repeated section 一 heading', () => {
    const seed = normalise(seeds()[0].text);
    // A second 一、总体情况 at the end, and one between 四 and 五.
    for (const text of [seed + '\n一、总体情况\n', seed.replace(/^五、.*$/m, '一、总体情况\n\n$&')]) {
      assert.notEqual(text, seed);
      const doc = analyzeDocument(text);
      assert.equal(doc.reports.length, 1);
      assert.deepEqual(doc.findings, analyze(text).findings);
    }
  });

  it('keeps line and UTF-16 positions through the shift (𠮷 outside the BMP)', () => {
    const parts = seedParts.slice(0, 2).map((p) => p.replace('总体情况', '总体情况𠮷'));
    checkConcatenation(parts, ['\n']);
    const doc = analyzeDocument(parts.join('\n'));
    assert.ok(doc.reports[1].span.fromLine > 0);
  });
});
