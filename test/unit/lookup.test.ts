// The fast paths give what the slow definitions give: hasHan against \p{Script=Han} over every code
// point, and the indexed heading and label lookups against a plain scan with edit distance against
// every title and every row, over every line of the seeds and fixtures and their typo'd variants.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isFurniture } from '../../server/src/core/cells.js';
import { CURRENT_FORMAT, FORMATS } from '../../server/src/core/format/formats.js';
import type { SectionDef } from '../../server/src/core/format/schema.js';
import { type LabelMatch, labelIndex, matchLabel, segments } from '../../server/src/core/labels.js';
import { matchSectionHeading } from '../../server/src/core/sections.js';
import { foldLabel, hasHan, similarity } from '../../server/src/core/text.js';
import { ROOT, seeds } from '../helpers.js';

const RULES_DIR = join(ROOT, 'test/fixtures/rules');
const texts = [...seeds().map((s) => s.text), ...readdirSync(RULES_DIR).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(RULES_DIR, f), 'utf8'))];
const allLines = [...new Set(texts.flatMap((t) => t.split(/\r\n|\n|\r/)))];

/** Variants of a line as typing makes them: one character dropped, doubled or replaced. */
function variants(line: string, k: number): string[] {
  const out: string[] = [];
  const chars = [...line];
  for (let i = 0; i < chars.length; i += Math.max(1, Math.floor(chars.length / k))) {
    out.push([...chars.slice(0, i), ...chars.slice(i + 1)].join(''));
    out.push([...chars.slice(0, i), chars[i], ...chars.slice(i)].join(''));
    out.push([...chars.slice(0, i), '的', ...chars.slice(i + 1)].join(''));
  }
  // Titles cut short or run on: length differences that leave edit distance a narrow chance.
  out.push(chars.slice(0, Math.ceil((chars.length * 2) / 3)).join(''), chars.slice(0, chars.length - 2).join(''), line + '工作', line + '有关工作情况');
  return out;
}

describe('hasHan', () => {
  it('agrees with \\p{Script=Han} on every code point, alone and inside text', () => {
    const re = /\p{Script=Han}/u;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (hasHan(ch) !== re.test(ch)) assert.fail(`U+${cp.toString(16)}`);
    }
    for (const s of ['abc', 'a𠮷b', '𠮷', '\ud842', '\udfb7x', 'x\ud842', '１２３', '〇', '々']) assert.equal(hasHan(s), re.test(s), s);
  });
});

describe('foldLabel', () => {
  it('folds as the character-by-character definition does, and returns folded text unchanged', () => {
    const reference = (s: string) =>
      [...s]
        .map((ch) => {
          const c = ch.charCodeAt(0);
          if (ch.length === 1 && (c <= 0x20 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200d) || c === 0x202f || c === 0xfeff)) return '';
          if ('“”„‟＂「」『』'.includes(ch)) return '"';
          if ('‘’＇'.includes(ch)) return "'";
          if ('【〔［['.includes(ch)) return '(';
          if ('】〕］]'.includes(ch)) return ')';
          if (ch === '．') return '.';
          if (ch.length === 1 && c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
          return ch;
        })
        .join('');
    for (const l of allLines) assert.equal(foldLabel(l), reference(l));
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'a１ 　“」【］[]．（）𠮷\u200b\t-') }), (s) => foldLabel(s) === reference(s)));
  });
});

// The definitions before the indexes: every title variant, every row, scored in full.
function referenceHeadingScore(folded: string, sections: readonly SectionDef[]): { def: SectionDef; score: number; exact: boolean } | null {
  let best: { def: SectionDef; score: number; exact: boolean } | null = null;
  for (const def of sections) {
    let s = 0;
    let exact = false;
    for (const t of [def.title, ...def.variants].map(foldLabel)) {
      const v = similarity(folded, t);
      if (v === 1) {
        exact = true;
        s = 1;
        break;
      }
      s = Math.max(s, v);
    }
    if (!exact && folded.length <= 25 && def.keywords.some((words) => words.every((w) => folded.includes(w)))) s = Math.max(s, 0.75);
    if (!best || s > best.score) best = { def, score: s, exact };
    if (exact) break;
  }
  return best;
}

describe('section heading lookup', () => {
  it('finds the section, score and exactness a full scan finds, on every line and its typos', () => {
    let headings = 0;
    for (const line of allLines.flatMap((l) => (l.length <= 80 ? [l, ...variants(l, 6)] : [l]))) {
      for (const f of FORMATS) {
        const got = matchSectionHeading(0, line, f.sections);
        if (!got) continue;
        headings++;
        const want = referenceHeadingScore(foldLabel(got.heading.title.replace(/[：:]$/, '')), f.sections);
        assert.ok(want, line);
        assert.equal(got.def, want.def, line);
        assert.equal(got.score, want.score, line);
        assert.equal(got.exact, want.exact, line);
      }
    }
    assert.ok(headings > 100, `${headings} headings`);
  });
});

function referenceMatchLabel(segs: ReturnType<typeof segments>, part: Parameters<typeof labelIndex>[0], context: string | null, expected: number): LabelMatch {
  const index = labelIndex(part);
  const score = (seg: (typeof segs)[number], c: { cores: string[]; enumerator: string }) => {
    let best = 0;
    for (const core of c.cores) {
      if (core.length === 0) continue;
      let s = similarity(seg.core, core);
      if (s < 1 && seg.core.length >= 4) {
        if (core.startsWith(seg.core)) s = Math.max(s, 0.7 + 0.25 * (seg.core.length / core.length));
        else if (seg.core.endsWith(core) && core.length >= 2) s = Math.max(s, 0.9);
      }
      best = Math.max(best, s);
    }
    if (best > 0 && seg.enumerator && c.enumerator) best += seg.enumerator === c.enumerator ? 0.05 : -0.1;
    return best;
  };
  let group = null;
  for (const seg of segs) for (const g of index.groups) if (score(seg, g) >= 0.75) group = g.def;
  const ctx = group?.id ?? context;
  let best: LabelMatch = { row: null, score: 0, segment: null, group };
  for (let k = segs.length - 1; k >= 0; k--) {
    const seg = segs[k];
    const exact = index.exact.get(seg.core);
    const candidates = exact ? exact.map((i) => index.rows[i]) : index.rows;
    for (const c of candidates) {
      const i = index.rows.indexOf(c);
      let s = score(seg, c);
      if (s <= 0) continue;
      if (c.def.group && c.def.group === ctx) s += 0.04;
      else if (c.def.group && ctx && c.def.group !== 'results' && ctx !== c.def.group) s -= 0.04;
      if (i === expected) s += 0.02;
      if (s > best.score) best = { row: c.def, score: s, segment: seg, group };
    }
    if (best.score >= 0.6) break;
  }
  return best;
}

describe('row label lookup', () => {
  it('matches the row, score, segment and group a full scan matches, for every label cell and its typos', () => {
    const cells = [...new Set(allLines.flatMap((l) => l.split(/\t|[|｜]| {2,}/)).map((c) => c.trim()).filter((c) => c.length >= 2 && c.length <= 60 && !/^[\d\s]+$/.test(c)))];
    let compared = 0;
    for (const cell of cells.flatMap((c) => [c, ...variants(c, 3)])) {
      const segs = segments(cell, null);
      for (const f of FORMATS) {
        for (const t of f.tables) {
          for (const part of t.parts) {
            for (const [context, expected] of [[null, 0], [part.groups[0]?.id ?? null, 3]] as const) {
              const got = matchLabel(segs, labelIndex(part), context, expected);
              const want = referenceMatchLabel(segs, part, context, expected);
              assert.equal(got.row, want.row, cell);
              assert.equal(got.score, want.score, cell);
              assert.equal(got.segment, want.segment, cell);
              assert.equal(got.group, want.group, cell);
              compared++;
            }
          }
        }
      }
    }
    assert.ok(compared > 1000, `${compared} comparisons`);
    void CURRENT_FORMAT;
  });
});

describe('isFurniture', () => {
  it('agrees with its two regexes tried on every line, on every line of the seeds and fixtures and on generated lines', () => {
    const FOOTER = /^\s*(?:[-—–_]+\s*\d{1,4}\s*[-—–_]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})\s*$/;
    const NOISE = /^\s*(?:\[bookmark:[^\]]*\]\s*)+$|^\s*扫一扫在手机上打开(?:当前)?页面\s*$/;
    const reference = (t: string) => FOOTER.test(t) || NOISE.test(t);
    for (const l of allLines) assert.equal(isFurniture(l), reference(l), l);
    const pieces = [' ', '\u3000', '\u00a0', '\u2028', '\ufeff', '\u200b', '- ', '—', '–', '_', '1', '23', '/', '第', '页', '共', '，', '[bookmark: x]', '扫一扫在手机上打开', '当前', '页面', 'a'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (ps) => isFurniture(ps.join('')) === reference(ps.join(''))), { numRuns: 5000 });
  });
});
