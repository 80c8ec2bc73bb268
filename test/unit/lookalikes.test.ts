// Characters that look like CJK ideographs but are not (Kangxi radicals, CJK radicals, strokes, compatibility
// ideographs): the table is Unicode's, the engine reads them as the ideographs with every offset kept, and a
// report written in them (every ideograph that has a lookalike replaced by it, each seed and each shape)
// reads exactly as the report itself, but for one lookalike-ideograph finding whose fix gives the report back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument } from '../../server/src/core/document.js';
import { LOOKALIKE_PAIRS } from '../../server/src/core/ideographs.js';
import { foldLabel, lookalikeOf, unifyIdeographs } from '../../server/src/core/text.js';
import { SHAPES, analyze, applyEdits, reserialize, seeds } from '../helpers.js';
import type { Analysis } from '../../server/src/core/analyze.js';

const pairs: [number, number][] = [];
for (let i = 0; i < LOOKALIKE_PAIRS.length; i += 2) pairs.push([LOOKALIKE_PAIRS.charCodeAt(i), LOOKALIKE_PAIRS.charCodeAt(i + 1)]);
const isIdeograph = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);

/** The ideograph → its first lookalike (by code point), for writing a report in lookalikes. */
const lookalikeFor = new Map<number, number>();
for (const [from, to] of pairs) if (!lookalikeFor.has(to)) lookalikeFor.set(to, from);
const inLookalikes = (text: string) => text.replace(/[\u3400-\u9fff]/g, (ch) => (lookalikeFor.has(ch.charCodeAt(0)) ? String.fromCharCode(lookalikeFor.get(ch.charCodeAt(0))!) : ch));

/** What a reading gives, lookalike-ideograph aside: every other finding (rule, place, words), and every cell. */
function reading(a: Analysis): string {
  const findings = a.findings.filter((f) => f.rule !== 'lookalike-ideograph').map((f) => [f.rule, f.range, f.message, f.fix?.edits]);
  const tables = a.report.tables.map((t) => [t.def.id, t.format.version, t.parts.map((p) => p.rows.map((r) => [r.def.id, r.cells.map((c) => c && [c.raw, c.range, c.value])]))]);
  return JSON.stringify({ findings, tables, sections: a.report.sections.map((s) => [s.def.number, s.range, s.titleScore]), year: a.report.year });
}

describe('lookalike ideographs', () => {
  it('the table: each lookalike in its blocks, each a BMP ideograph; the Kangxi radicals as NFKC has them, the compatibility ideographs as NFC', () => {
    assert.ok(pairs.length > 700);
    let kangxi = 0;
    for (const [from, to] of pairs) {
      assert.ok((from >= 0x2e80 && from <= 0x2fdf) || (from >= 0x31c0 && from <= 0x31ef) || (from >= 0xf900 && from <= 0xfaff), from.toString(16));
      assert.ok(isIdeograph(to), `${from.toString(16)} → ${to.toString(16)}`);
      const ch = String.fromCharCode(from);
      if (from >= 0x2f00 && from <= 0x2fd5) {
        assert.equal(ch.normalize('NFKC'), String.fromCharCode(to), from.toString(16));
        kangxi++;
      }
      if (from >= 0xf900) assert.equal(ch.normalize('NFC'), String.fromCharCode(to), from.toString(16));
    }
    assert.equal(kangxi, 214, 'every Kangxi radical');
    // What browsers' and office suites' PDFs give most.
    for (const [from, to] of [['⼀', '一'], ['⼆', '二'], ['⾏', '行'], ['⺠', '民'], ['⻚', '页'], ['⽆', '无'], ['⻓', '长'], ['⻔', '门']]) assert.equal(lookalikeOf(from.charCodeAt(0)), to.charCodeAt(0), from);
  });

  it('unifyIdeographs keeps every offset, and gives the same string back when there is nothing to unify', () => {
    const text = '⼀、总体情况\n𠮷⾏政\r\n⺠';
    const u = unifyIdeographs(text);
    assert.equal(u, '一、总体情况\n𠮷行政\r\n民');
    assert.equal(u.length, text.length);
    const plain = seeds()[0].text;
    assert.equal(unifyIdeographs(plain), plain);
    assert.equal(foldLabel('⼀、本年新收'), foldLabel('一、本年新收'));
  });

  for (const seed of seeds()) {
    for (const shape of SHAPES) {
      it(`seed ${seed.name.slice(0, 3)} as ${shape}, every ideograph that has a lookalike written as it: the same reading, one finding, a fix that gives the report back`, () => {
        const text = reserialize(seed.text, shape);
        const written = inLookalikes(text);
        assert.notEqual(written, text);
        const [plain, odd] = [analyze(text), analyze(written)];
        assert.equal(reading(odd), reading(plain));
        const found = odd.findings.filter((f) => f.rule === 'lookalike-ideograph');
        assert.equal(found.length, 1);
        assert.equal(plain.findings.filter((f) => f.rule === 'lookalike-ideograph').length, 0);
        assert.equal(applyEdits(written, found[0].fix!.edits), text);
      });
    }
  }

  it('a file of many reports in lookalikes is split and read as the same reports', () => {
    const text = seeds().map((s) => s.text.replace(/\s*$/, '\n')).join('\n\f\n');
    const [plain, odd] = [analyzeDocument(text), analyzeDocument(inLookalikes(text))];
    assert.equal(odd.reports.length, plain.reports.length);
    assert.deepEqual(odd.reports.map((r) => r.span), plain.reports.map((r) => r.span));
    odd.reports.forEach((r, k) => assert.equal(reading(r.analysis), reading(plain.reports[k].analysis), `report ${k}`));
  });
});

// Digits typed full-width (１２, Word's 全角) in cells, row numbering (１．属于国家秘密) and prose.
describe('full-width digits', () => {
  const fullWidth = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  const shape = (a: Analysis) =>
    JSON.stringify({
      findings: a.findings.map((f) => [f.rule, f.range]),
      tables: a.report.tables.map((t) => [t.def.id, t.parts.map((p) => p.rows.map((r) => [r.def.id, r.label?.exact, r.cells.map((c) => c && [c.range, c.value.kind, c.value.value])]))]),
    });
  for (const seed of seeds()) {
    for (const s of SHAPES) {
      it(`seed ${seed.name.slice(0, 3)} as ${s}: every digit full-width reads the same (labels exact, cells the same numbers)`, () => {
        const text = reserialize(seed.text, s);
        assert.equal(shape(analyze(fullWidth(text))), shape(analyze(text)));
      });
    }
  }
});

