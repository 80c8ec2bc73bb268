// The client's own strings: every t('…') of client/src has both languages in l10n/, the bundles hold the
// same keys, and the status item's words (statusText.ts, every rule combination) are in one language.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type ErrorFinding, statusWords } from '../../client/src/statusText.js';

const ROOT = new URL('../../', import.meta.url);
const EN: Record<string, string> = JSON.parse(readFileSync(new URL('l10n/bundle.l10n.json', ROOT), 'utf8'));
const ZH: Record<string, string> = JSON.parse(readFileSync(new URL('l10n/bundle.l10n.zh-cn.json', ROOT), 'utf8'));
const fill = (s: string, args: (string | number)[]) => s.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
const strict = (table: Record<string, string>) => (m: string, ...args: (string | number)[]) => {
  assert.ok(m in table, `missing from the bundle: ${JSON.stringify(m)}`);
  return fill(table[m], args);
};
const HAN = /[\u3400-\u9fff]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

describe('client strings (l10n bundles)', () => {
  it('the English and Chinese bundles hold the same keys, each translated', () => {
    assert.deepEqual(Object.keys(ZH).sort(), Object.keys(EN).sort());
    for (const [k, v] of Object.entries(ZH)) {
      assert.ok(v.trim().length > 0 || k.trim() === '', k);
      assert.equal(EN[k], k, `bundle.l10n.json maps a source string to itself: ${k}`);
      if (LATIN_WORD.test(k)) assert.ok(!LATIN_WORD.test(v), `Chinese ${JSON.stringify(v)} for ${JSON.stringify(k)} has no English words`);
      // placeholders kept
      assert.deepEqual(v.match(/\{\d+\}/g)?.sort() ?? [], k.match(/\{\d+\}/g)?.sort() ?? [], k);
    }
  });

  it("every t('…') in client/src is in both bundles", () => {
    const dir = new URL('client/src/', ROOT);
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(new URL(f, dir), 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1].replace(/\\'/g, "'"));
    }
    assert.ok(used.size >= 5, `found ${used.size} t() calls`);
    for (const s of used) {
      assert.ok(s in EN, `bundle.l10n.json lacks ${JSON.stringify(s)}`);
      assert.ok(s in ZH, `bundle.l10n.zh-cn.json lacks ${JSON.stringify(s)}`);
    }
  });
});

describe('language status words', () => {
  const RULES = ['reconciliation', 'row-total', 'result-total', 'likely-culprit', 'outcome-total', 'cell-invalid'];
  const TABLES = [
    { id: 'activeDisclosure', name: '表二', firstLine: 10, lastLine: 19 },
    { id: 'applications', name: '表三', firstLine: 20, lastLine: 49 },
    { id: 'reviewLitigation', name: '表四', firstLine: 50, lastLine: 59 },
  ];
  // Every subset of rules, placed in table 三 (table 四's own rule in table 四, the odd one outside).
  const lineOf = (rule: string) => (rule === 'outcome-total' ? 55 : rule === 'cell-invalid' ? 5 : 30);
  const cases: ErrorFinding[][] = [];
  for (let mask = 0; mask < 1 << RULES.length; mask++) cases.push(RULES.filter((_, i) => mask & (1 << i)).map((rule) => ({ rule, line: lineOf(rule) })));

  for (const [locale, table] of [['zh-cn', ZH], ['en', EN]] as const) {
    it(`${locale}: ✗ on 勾稽关系 only when it fails; the count; one language; detail names each failing identity`, () => {
      const t = strict(table);
      for (const errors of cases) {
        for (const tables of [TABLES, undefined]) {
          const w = statusWords(errors, tables, t);
          const recon = t('Reconciliation');
          const label = JSON.stringify({ errors, tables: !!tables, w });
          if (errors.some((e) => e.rule === 'reconciliation')) assert.equal(w.text, `${recon} ✗ ${errors.length}`, label);
          else assert.ok(!w.text.startsWith(`${recon} ✗`), label);
          if (!errors.length) assert.equal(w.text, `${recon} ✓`, label);
          assert.equal(w.severity, errors.length ? 'error' : 'ok', label);
          if (errors.length && !errors.some((e) => e.rule === 'reconciliation')) {
            // the first table with errors and its own count, or the count of all
            const m = /^(.+) ✗ (\d+)$/.exec(w.text) ?? /^✗ (\d+)/.exec(w.text);
            assert.ok(m, label);
          }
          for (const s of [w.text, w.detail]) {
            if (locale === 'zh-cn') assert.ok(!LATIN_WORD.test(s), `English inside Chinese: ${label}`);
            else assert.ok(!HAN.test(s), `Chinese inside English: ${label}`);
          }
          for (const rule of ['reconciliation', 'row-total', 'result-total', 'outcome-total']) {
            const name = t({ reconciliation: 'Reconciliation', 'row-total': 'Row totals', 'result-total': '(7) Total', 'outcome-total': 'Table 4 totals' }[rule]!);
            assert.equal(w.detail.includes(`${name} ✗`), errors.some((e) => e.rule === rule), `${rule}: ${label}`);
          }
        }
      }
    });
  }

  it('places errors in their table by line: 表三 ✗ 1 / 表四 ✗ 1', () => {
    const t = strict(ZH);
    assert.equal(statusWords([{ rule: 'likely-culprit', line: 30 }], TABLES, t).text, '表三 ✗ 1');
    assert.equal(statusWords([{ rule: 'likely-culprit', line: 55 }], TABLES, t).text, '表四 ✗ 1');
    assert.equal(statusWords([{ rule: 'row-total', line: 30 }, { rule: 'row-total', line: 31 }], TABLES, t).text, '表三 ✗ 2');
    assert.equal(statusWords([{ rule: 'cell-invalid', line: 5 }], TABLES, t).text, '✗ 1 处错误');
    assert.equal(statusWords([], [TABLES[0]], t).text, '勾稽关系 —');
  });
});
