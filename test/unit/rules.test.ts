// A fixture per rule: each file under test/fixtures/rules has one defect and must produce exactly the
// findings expected.json lists (a count per rule, and the line of each). Every rule of the registry has
// a fixture; every rule that can fix offers its fix there, and applying any fix removes its finding
// without any other finding appearing or the error count rising.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type AnalyzeOptions, type Finding, runChecks } from '../../server/src/core/analyze.js';
import { CHECKS } from '../../server/src/core/checks/index.js';
import { type CheckContext, defineRule } from '../../server/src/core/checks/rule.js';
import { readDocx } from '../../server/src/readers/docx.js';
import { SHAPES, arithmeticCells, ROOT, analyze, applyEdits, errors, fixture, reserialize, seeds } from '../helpers.js';

interface Expected {
  options?: AnalyzeOptions;
  /** Last year's report, a fixture path (dir/file) for the cross-year rules. */
  previous?: string;
  /** How many findings of each rule the fixture yields: exactly these, no other rule. */
  counts: Record<string, number>;
  /** rule@line of every finding. */
  at: string[];
}

const expected: Record<string, Expected> = JSON.parse(readFileSync(`${ROOT}/test/fixtures/rules/expected.json`, 'utf8'));
const analysed = Object.entries(expected).map(([file, e]) => {
  const text = fixture('rules', file);
  if (e.previous) {
    const [dir, name] = e.previous.split('/');
    e.options = { ...e.options, previous: { path: e.previous, report: analyze(fixture(dir, name)).report } };
  }
  return { file, e, text, a: analyze(text, e.options) };
});

const countsOf = (fs: readonly Finding[]) => {
  const c: Record<string, number> = {};
  for (const f of fs) c[f.rule] = (c[f.rule] ?? 0) + 1;
  return c;
};
const where = (f: Finding) => `${f.rule}@${f.range.start.line}`;

describe('rule fixtures', () => {
  it('every rule of the registry has its fixture, and every fixture names registered rules', () => {
    for (const rule of CHECKS) {
      assert.ok(expected[`${rule.id}.txt`], `no fixture ${rule.id}.txt`);
      assert.ok((expected[`${rule.id}.txt`].counts[rule.id] ?? 0) > 0, `${rule.id}.txt does not expect ${rule.id}`);
    }
    const ids = new Set<string>(CHECKS.map((r) => r.id));
    for (const { file, e } of analysed) for (const r of Object.keys(e.counts)) assert.ok(ids.has(r), `${file}: unknown rule ${r}`);
  });

  it('every rule that can fix offers a fix in one of its fixtures; no other rule ever offers one', () => {
    for (const rule of CHECKS) {
      const offered = analysed.some(({ a }) => a.findings.some((f) => f.rule === rule.id && f.fix));
      if (rule.fixable) assert.ok(offered, `${rule.id} is marked fixable but no fixture yields its fix`);
      else assert.ok(!offered, `${rule.id} is not marked fixable but offers a fix`);
    }
  });

  for (const { file, e, text, a } of analysed) {
    describe(file, () => {
      it('yields exactly the expected count of findings per rule', () => {
        assert.deepEqual(countsOf(a.findings), e.counts, a.findings.map((f) => `${where(f)} ${f.message}`).join('\n'));
      });
      it('places each finding on its line', () => {
        assert.deepEqual(a.findings.map(where).sort(), [...e.at].sort());
      });
      const fixes = a.findings.filter((f) => f.fix);
      for (const f of fixes) {
        it(`fix “${f.fix!.title}” removes its finding and makes nothing worse`, () => {
          const after = analyze(applyEdits(text, f.fix!.edits), e.options).findings;
          assert.equal(after.filter((g) => g.rule === f.rule && g.message === f.message).length, 0, 'the finding is still there');
          // No finding appears that was not there before (by rule and line), and the fixed rule has one fewer at least.
          const before = countsOf(a.findings);
          const now = countsOf(after);
          for (const [rule, n] of Object.entries(now)) assert.ok(n <= (before[rule] ?? 0), `${rule}: ${before[rule] ?? 0} → ${n}`);
          assert.ok((now[f.rule] ?? 0) < before[f.rule], `${f.rule} count did not drop`);
          const lines = new Set(a.findings.map(where));
          assert.deepEqual(after.map(where).filter((w) => !lines.has(w)), [], 'a finding moved or appeared');
          assert.ok(errors(after).length <= errors(a).length, 'the fix adds errors');
        });
      }
    });
  }
});

describe('likely-culprit', () => {
  // Every numeric cell of every seed's tables 三 and 四 mistyped by +1 in turn: wherever the culprit
  // names that cell, its related locations are the identities it repairs and agree with it.
  it('names the mistyped cell and relates only what agrees with it', () => {
    let checked = 0;
    for (const seed of seeds()) {
      const lines = seed.text.split('\n');
      const a0 = analyze(seed.text);
      for (const { cell } of arithmeticCells(a0)) {
        const at = cell.range.start;
        if (cell.range.start.line !== cell.range.end.line) continue;
        const line = lines[at.line];
        const raised = String(cell.value.value! + 1);
        const copy = lines.slice();
        copy[at.line] = line.slice(0, at.character) + raised + line.slice(cell.range.end.character);
        for (const locale of ['zh-cn', 'en'] as const) {
          const culprits = analyze(copy.join('\n'), { locale }).findings.filter((f) => f.rule === 'likely-culprit');
          if (culprits.length === 0) continue;
          assert.equal(culprits.length, 1);
          const c = culprits[0];
          assert.deepEqual(c.range.start, at, `${seed.name}: the culprit is the raised cell`);
          assert.equal(c.fix!.edits[0].newText, cell.raw, 'the fix restores the original value');
          assert.ok(c.related.length > 0);
          for (const r of c.related) {
            const agrees = locale === 'en' ? r.message.includes(' holds once ') && r.message.endsWith(` is ${cell.raw}`) : r.message.endsWith(`改为 ${cell.raw} 后成立`);
            assert.ok(agrees, r.message);
            assert.doesNotMatch(r.message, /应为|should be|found|实际为/, `related contradicts the culprit: ${r.message}`);
          }
          checked++;
        }
      }
    }
    assert.ok(checked > 50, `only ${checked} culprits checked`);
  });

  it('relates each identity it repairs at that identity’s total, and none other', () => {
    const text = fixture('rules', 'likely-culprit.txt');
    const on = analyze(text).findings.filter((f) => f.rule === 'likely-culprit');
    const off = analyze(text, { rules: { 'likely-culprit': 'off' } }).findings.filter((f) => f.rule !== 'likely-culprit');
    assert.equal(on.length, 1);
    // With the culprit off, the identities report themselves at their totals: the same places the culprit relates.
    assert.deepEqual(on[0].related.map((r) => r.range), off.map((f) => f.range));
    assert.deepEqual(on[0].related.map((r) => r.message), [
      '「（四）1.本机关不掌握相关政府信息」行总计：（四）1.本机关不掌握相关政府信息·自然人改为 3 后成立',
      '「自然人」列（七）总计：（四）1.本机关不掌握相关政府信息·自然人改为 3 后成立',
    ]);
    const en = analyze(text, { locale: 'en' }).findings.find((f) => f.rule === 'likely-culprit')!;
    assert.deepEqual(en.related.map((r) => r.message), [
      'the total of row “(4)1 Not held” holds once (4)1 Not held / Natural persons is 3',
      '(7) Total in column “Natural persons” holds once (4)1 Not held / Natural persons is 3',
    ]);
  });
});

describe('the check context', () => {
  // A rule defined here, run through the same orchestration as the registry's rules.
  const seen: CheckContext[] = [];
  const probe = (needs: 'text' | 'report' | 'tables') =>
    defineRule({
      id: `probe-${needs}`,
      severity: 'hint',
      title: { 'zh-cn': '探针', en: 'Probe' },
      fixable: false,
      tags: ['document'],
      needs,
      check(ctx) {
        seen.push(ctx);
        ctx.emit(ctx.report.sections[0]?.heading.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, `${ctx.locale} ${ctx.threshold('probe.max', 7)}`);
      },
    });
  const seed = seeds()[0];
  const last = analyze(seeds()[1].text).report;

  it('gives a rule the report model, the locale, its thresholds, last year’s report and its severity setting', () => {
    const { report } = analyze(seed.text);
    seen.length = 0;
    const out = runChecks(report, [probe('tables')], { locale: 'en', thresholds: { 'probe.max': 3 }, previous: { path: 'last.txt', report: last }, rules: { 'probe-tables': 'warning' } as never });
    assert.equal(seen.length, 1);
    assert.equal(seen[0].report, report);
    assert.ok(seen[0].report.sections.length === 6 && seen[0].report.tables.length >= 3 && seen[0].report.equations.length > 0 && seen[0].report.year !== null);
    assert.ok(seen[0].report.sections.some((s) => s.subheadings.length > 0), 'sections carry their sub-headings');
    assert.equal(seen[0].previous?.report, last);
    assert.deepEqual(out.map((f) => [f.rule, f.severity, f.message]), [['probe-tables', 'warning', 'en 3']]);
    // Defaults: zh-cn, the rule's own threshold and severity, no previous report.
    const plain = runChecks(report, [probe('tables')]);
    assert.deepEqual(plain.map((f) => [f.severity, f.message]), [['hint', 'zh-cn 7']]);
    assert.equal(seen[1].previous, null);
  });

  it('runs a rule only when it is on and the report meets its needs', () => {
    const { report } = analyze(seed.text);
    assert.equal(runChecks(report, [probe('text')], { rules: { 'probe-text': 'off' } as never }).length, 0);
    const prose = analyze(fixture('rules', 'not-a-report.txt')).report;
    assert.deepEqual(runChecks(prose, [probe('text'), probe('report'), probe('tables')]).map((f) => f.rule), ['probe-text']);
    const large = analyze(seed.text, { maxTableCheckLength: 1000 }).report;
    assert.deepEqual(runChecks(large, [probe('text'), probe('report'), probe('tables')]).map((f) => f.rule), ['probe-text', 'probe-report']);
  });
});

// The real blank template (test/fixtures/documents/docx/template-blank.docx, the circulating one): a table
// not filled in at all is one cell-blank finding on its caption, whose fix fills every cell with 0; a table
// with one number in it has its blanks said cell by cell, whichever cell holds the number.
describe('cell-blank on a table not filled in at all', () => {
  const text = readDocx(new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/documents/docx/template-blank.docx')))).text;
  const blank = analyze(text);
  const cellsOf = (t: (typeof blank.report.tables)[number]) => t.parts.flatMap((p) => p.rows.flatMap((r) => r.cells.filter((c) => c !== null)));
  it('one finding per table, on its caption, with the count; its fix fills the table with 0 and adds no error', () => {
    const found = blank.findings.filter((f) => f.rule === 'cell-blank');
    assert.deepEqual(found.map((f) => f.message.slice(0, 2)), ['表二', '表三', '表四']);
    for (const f of found) {
      const t = blank.report.tables.find((x) => x.openerRange.start.line === f.range.start.line)!;
      assert.match(f.message, new RegExp(`尚未填写：${cellsOf(t).length} 个单元格`));
      const after = analyze(applyEdits(text, f.fix!.edits));
      const filled = after.report.tables.find((x) => x.def.id === t.def.id)!;
      assert.ok(cellsOf(filled).every((c) => c!.value.kind === 'number' && c!.value.value === 0), t.def.id);
      assert.deepEqual(errors(after), []);
      assert.equal(after.findings.filter((x) => x.rule === 'cell-blank').length, found.length - 1);
    }
  });
  it('a table with one number: its other cells said one by one, for every cell that holds it', () => {
    for (const t of blank.report.tables) {
      const cells = cellsOf(t);
      for (const c of cells) {
        const a = analyze(applyEdits(text, [{ range: c!.range, newText: '0' }]));
        const own = a.findings.filter((f) => f.rule === 'cell-blank' && f.range.start.line >= t.firstLine && f.range.start.line <= t.lastLine);
        assert.equal(own.length, cells.length - 1, `${t.def.id} ${c!.row.id}/${c!.column.id}`);
      }
    }
  });
});

// Generated: every seed, each statutory table blanked out whole (in its tab-separated form), written in
// every text shape — one cell-blank finding for that table, on it, none cell by cell, and no error.
// Table 四's one row, all blank, begins with an empty cell and a pipe in the pipe shape: read as that
// cell, not as a markdown row's leading pipe.
describe('cell-blank on a blanked-out table, in every shape', () => {
  for (const seed of seeds()) {
    it(`${seed.name}: each table blanked, in the six shapes`, () => {
      const tsv = reserialize(seed.text, 'tsv');
      const base = analyze(tsv);
      for (const t of base.report.tables.filter((x, i, all) => all.findIndex((y) => y.def.id === x.def.id) === i)) {
        const cells = t.parts.flatMap((p) => p.rows.flatMap((r) => r.cells.filter((c) => c !== null && c.raw !== '')));
        const blanked = applyEdits(tsv, cells.map((c) => ({ range: c!.range, newText: '' })));
        for (const shape of SHAPES) {
          const a = analyze(reserialize(blanked, shape));
          const table = a.report.tables.find((x) => x.def.id === t.def.id)!;
          const inTable = (f: Finding) => f.range.start.line >= table.firstLine && f.range.start.line <= table.lastLine;
          const blanks = a.findings.filter((f) => f.rule === 'cell-blank' && inTable(f));
          assert.equal(blanks.length, 1, `${t.def.id} ${shape}: ${blanks.map((f) => f.message).join(' | ')}`);
          assert.match(blanks[0].message, /尚未填写/, `${t.def.id} ${shape}`);
          assert.deepEqual(errors(a).map((f) => f.message), [], `${t.def.id} ${shape}`);
        }
      }
    });
  }
});

describe('cell-blank over many tables', () => {
  it('a report of hundreds of blanked tables takes time linear in them: a cell is looked for among the identities of its own table', () => {
    // Among all of the report's, 200 blank copies of table 三 (0.15 M characters) took 5.7 s.
    const text = seeds()[0].text;
    const t = analyze(text).report.tables.find((x) => x.def.id === 'applications')!;
    const lines = text.split('\n');
    const blank = lines.slice(t.firstLine, t.lastLine + 1).map((l) => l.replace(/\t\d+/g, '\t')).join('\n');
    const copies = (n: number) => [...lines.slice(0, t.lastLine + 1), ...Array.from({ length: n }, () => `\n${blank}`), ...lines.slice(t.lastLine + 1)].join('\n');
    const time = (n: number) => {
      const t0 = performance.now();
      const a = analyze(copies(n));
      return { ms: performance.now() - t0, blanks: a.findings.filter((f) => f.rule === 'cell-blank').length, tables: a.report.tables.length };
    };
    time(25);
    const few = time(50);
    const many = time(400);
    assert.equal(many.tables - few.tables, 350);
    assert.equal(many.blanks, 8 * few.blanks);
    assert.ok(many.ms / few.ms < 24, `50 tables ${few.ms.toFixed(0)} ms, 400 tables ${many.ms.toFixed(0)} ms`);
  });
});

// Generated: every labelled row of every table of every seed. Its lines deleted, in every text shape: a
// row-missing error names it. Its label kept but its numbers gone from it (a header word where they were, as
// the PDF whose repeated header ran over the row gives): not an error, one warning on the label that says the
// row was not read.
describe('row-missing: a row gone is an error; a row whose label stands but is not read, a doubt', () => {
  for (const seed of seeds()) {
    it(seed.name, () => {
      let unread = 0;
      for (const shape of SHAPES) {
        const text = reserialize(seed.text, shape);
        const lines = text.split('\n');
        for (const t of analyze(text).report.tables) {
          for (const p of t.parts) {
            if (!p.def.labelledRows) continue;
            for (const r of p.rows) {
              const what = `${t.def.id} ${r.def.label} ${shape}`;
              const deleted = [...lines.slice(0, r.range.start.line), ...lines.slice(r.range.end.line + 1)].join('\n');
              assert.ok(errors(analyze(deleted)).some((f) => f.rule === 'row-missing' && f.message.includes(`「${r.def.label}」`)), `deleted: ${what}`);
              if (shape !== 'tsv' || r.range.start.line !== r.range.end.line) continue;
              const unreadable = [...lines];
              unreadable[r.range.start.line] = `${r.def.label}\t申请人情况`;
              const b = analyze(unreadable.join('\n'));
              assert.deepEqual(errors(b).map((f) => f.message), [], `unreadable: ${what}`);
              const mine = b.findings.filter((f) => f.rule === 'row-missing');
              assert.equal(mine.length, 1, `unreadable: ${what}`);
              assert.equal(mine[0].severity, 'warning');
              assert.ok(mine[0].message.includes(`「${r.def.label}」没有读出`), mine[0].message);
              assert.deepEqual(mine[0].range, { start: { line: r.range.start.line, character: 0 }, end: { line: r.range.start.line, character: r.def.label.length } });
              unread++;
            }
          }
        }
      }
      assert.ok(unread >= 30, `${unread} rows made unreadable`);
    });
  }
});
