// One-line verdicts (code lens, status item) and the `→ expected` inlay hints, on the seeds, the broken
// samples and generated one-cell errors.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sameRange } from '../../server/src/outputs/marks.js';
import { expectedValueHints, identityVerdict, statusText, tableLenses } from '../../server/src/outputs/verdicts.js';
import { ROOT, analyze, arithmeticCells, errors, replaceRange, seeds } from '../helpers.js';

describe('verdicts on the seeds', () => {
  for (const s of seeds()) {
    it(`${s.name}: every table ✓, no error, no hint`, () => {
      const a = analyze(s.text);
      assert.deepEqual(tableLenses(a).map((x) => x.title), ['表二 · 无错误', '表三 · 勾稽关系 ✓ · 无错误', '表四 · 总计 ✓ · 无错误']);
      assert.deepEqual(tableLenses(a, 'en').map((x) => x.title), ['Table 2 · no errors', 'Table 3 · Reconciliation ✓ · no errors', 'Table 4 · Totals ✓ · no errors']);
      assert.equal(statusText(a).text, '勾稽关系 ✓');
      assert.equal(statusText(a, 'en').text, 'Reconciliation ✓');
      assert.deepEqual(expectedValueHints(a), []);
    });
  }
});

describe('verdicts on the broken samples', () => {
  const dir = join(ROOT, 'samples/broken');
  for (const f of readdirSync(dir).sort()) {
    it(f, () => {
      const a = analyze(readFileSync(join(dir, f), 'utf8'));
      const st = statusText(a);
      const recon = identityVerdict(a.report.equations, 'reconciliation');
      assert.equal(st.text.startsWith('勾稽关系 ✗'), recon === 'broken', st.text);
      assert.equal(st.severity, errors(a).length ? 'error' : 'ok');
      if (recon === 'broken') assert.equal(st.text, `勾稽关系 ✗ ${errors(a).length}`);
      for (const lens of tableLenses(a)) {
        const n = errors(a).filter((x) => x.range.start.line >= lens.table.firstLine && x.range.start.line <= lens.table.lastLine).length;
        assert.ok(lens.title.endsWith(n ? ` · ${n} 处错误` : ' · 无错误'), lens.title);
        assert.doesNotMatch(lens.title, /error|\(|\)/);
      }
      // A hint after every culprit (its fix value) and after every broken total whose message says the value.
      const hints = expectedValueHints(a);
      for (const x of a.findings.filter((x) => x.rule === 'likely-culprit')) {
        assert.ok(hints.some((h) => h.position.line === x.range.end.line && h.position.character === x.range.end.character && h.label === `→ ${x.fix!.edits[0].newText}`));
      }
      for (const h of hints) assert.match(h.label, /^→ \d+$/);
    });
  }

  it('names the table when only its own totals fail', () => {
    const a = analyze(readFileSync(join(dir, '表四总计错误-竖线分隔.txt'), 'utf8'));
    assert.equal(statusText(a).text, '表四 ✗ 1');
    assert.match(statusText(a).detail, /表四总计 ✗/);
    assert.equal(expectedValueHints(a).length, 1);
  });
});

describe('hints over generated errors', () => {
  it('raising a number of a seed puts "→ original" after it when it is the culprit', () => {
    let culprits = 0;
    for (const s of seeds()) {
      for (const { cell } of arithmeticCells(analyze(s.text)).filter((_, k) => k % 5 === 0)) {
        const a = analyze(replaceRange(s.text, cell.range, String(cell.value.value! + 1)));
        const hints = expectedValueHints(a);
        const culprit = a.findings.find((f) => f.rule === 'likely-culprit');
        if (culprit && sameRange(culprit.range, { start: cell.range.start, end: { line: cell.range.end.line, character: cell.range.start.character + String(cell.value.value! + 1).length } })) {
          culprits++;
          assert.ok(hints.some((h) => h.label === `→ ${cell.value.value}` && h.position.line === cell.range.start.line && h.level === 'culprit'));
        }
        assert.ok(hints.length > 0 || errors(a).every((f) => !['row-total', 'result-total', 'outcome-total', 'likely-culprit'].includes(f.rule)));
      }
    }
    assert.ok(culprits > 50, `${culprits} culprits`);
  });
});
