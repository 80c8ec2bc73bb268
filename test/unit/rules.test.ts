// A fixture per rule: each file under test/fixtures/rules has one defect and must produce its rule,
// at the expected line where one is given; every rule of the catalogue has a fixture.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RULE_IDS } from '../../server/src/core/rules.js';
import { ROOT, analyze, applyEdits, errors, fixture } from '../helpers.js';

// too-large.txt is an ordinary report checked with a tiny size limit.
const OPTIONS: Record<string, { maxTableCheckLength: number }> = { 'too-large.txt': { maxTableCheckLength: 1000 } };

const expected: Record<string, { rule: string; line?: number }[]> = JSON.parse(
  readFileSync(`${ROOT}/test/fixtures/rules/expected.json`, 'utf8'),
);

describe('rule fixtures', () => {
  it('cover every rule', () => {
    const covered = new Set(Object.values(expected).flatMap((e) => e.map((x) => x.rule)));
    // encoding is the reader's finding (bytes, not text): test/unit/cli.test.ts covers it.
    assert.deepEqual(RULE_IDS.filter((r) => !covered.has(r) && r !== 'encoding'), []);
  });

  for (const [file, wanted] of Object.entries(expected)) {
    describe(file, () => {
      const text = fixture('rules', file);
      const check = (t: string) => analyze(t, OPTIONS[file]);
      const a = check(text);
      it('reports the defect where it is', () => {
        for (const w of wanted) {
          const hits = a.findings.filter((f) => f.rule === w.rule && (w.line === undefined || f.range.start.line === w.line));
          assert.ok(hits.length > 0, `${w.rule}@${w.line}: got ${a.findings.map((f) => `${f.rule}@${f.range.start.line}`).join(', ')}`);
        }
      });
      it('reports nothing the defect does not explain', () => {
        const rules = new Set(wanted.map((w) => w.rule));
        const explained = new Set([...rules, 'section-empty', 'cell-blank']);
        const others = a.findings.filter((f) => !explained.has(f.rule));
        assert.deepEqual(others.map((f) => `${f.rule}: ${f.message}`), []);
      });
      it('every fix removes its finding without adding an error', () => {
        for (const f of a.findings.filter((x) => x.fix)) {
          const after = check(applyEdits(text, f.fix!.edits));
          const same = after.findings.filter((g) => g.rule === f.rule && g.message === f.message);
          assert.deepEqual(same, [], `fix “${f.fix!.title}” leaves ${f.rule}`);
          assert.ok(errors(after).length <= errors(a).length, `fix “${f.fix!.title}” adds errors`);
        }
      });
    });
  }
});
