// The five real reports: every table is found, no errors, and only seed 001's blank cells warn.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULE_BY_ID } from '../../server/src/core/checks/index.js';
import { analyze, errors, seeds } from '../helpers.js';

describe('seed reports', () => {
  for (const seed of seeds()) {
    describe(seed.name, () => {
      const a = analyze(seed.text);
      it('has no errors', () => assert.deepEqual(errors(a), []));
      it('has the six sections in order', () => {
        assert.deepEqual(a.report.sections.map((s) => s.def.number), [1, 2, 3, 4, 5, 6]);
      });
      it('has tables 二, 三 and 四, each once, in its own section', () => {
        assert.deepEqual(a.report.tables.map((t) => t.def.id), ['activeDisclosure', 'applications', 'reviewLitigation']);
        for (const t of a.report.tables) {
          const s = a.report.sections.find((x) => x.def.number === t.def.section)!;
          assert.ok(t.firstLine > s.heading.line && t.lastLine < s.bodyTo, `${t.def.name} inside its section`);
        }
      });
      it('reads every statutory row with all its cells', () => {
        for (const t of a.report.tables) {
          for (const p of t.parts) {
            assert.deepEqual(p.rows.map((r) => r.def.id), p.def.rows.map((r) => r.id), `${t.def.name} ${p.def.id}`);
            for (const r of p.rows) assert.ok(r.cells.every((c) => c !== null), `${r.def.id} complete`);
          }
        }
      });
      it('warns only where cells are blank', () => {
        const warnings = a.findings.filter((f) => f.severity === 'warning');
        const expected = seed.name.startsWith('001') ? 5 : 0;
        assert.equal(warnings.length, expected, warnings.map((w) => w.message).join('\n'));
        for (const w of warnings) assert.equal(w.rule, 'cell-blank');
      });
      it('gives no finding from the prose, year, hint and cross-year rules, but seed 001’s part 六 note', () => {
        const prose = a.findings.filter((f) => RULE_BY_ID[f.rule].tags.some((t) => t === 'prose' || t === 'hint' || t === 'crossyear'));
        // Seed 001's part 六 says only 无: the 2021 format asks it to state the 信息处理费 charged (none too).
        const expected = seed.name.startsWith('001') ? ['fees-report information'] : [];
        assert.deepEqual(prose.map((f) => `${f.rule} ${f.severity}`), expected, prose.map((f) => f.message).join('\n'));
      });
    });
  }

  it('reads the real numbers of seed 003 (8 applications: 3 disclosed, 2 partly, 3 not held)', () => {
    const s = seeds().find((x) => x.name.startsWith('003'))!;
    const t = analyze(s.text).report.tables.find((x) => x.def.id === 'applications')!;
    const value = (row: string) => t.parts[0].rows.find((r) => r.def.id === row)!.cells.map((c) => c!.value.value);
    assert.deepEqual(value('newlyReceived'), [8, 0, 0, 0, 0, 0, 8]);
    assert.deepEqual(value('granted'), [3, 0, 0, 0, 0, 0, 3]);
    assert.deepEqual(value('partiallyGranted'), [2, 0, 0, 0, 0, 0, 2]);
    assert.deepEqual(value('unavailable.notHeld'), [3, 0, 0, 0, 0, 0, 3]);
    assert.deepEqual(value('resultTotal'), [8, 0, 0, 0, 0, 0, 8]);
  });
});
