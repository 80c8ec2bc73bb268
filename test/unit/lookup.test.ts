// The fast paths give what the slow definitions give: hasHan against \p{Script=Han} over every code
// point, and the indexed heading and label lookups against a plain scan with edit distance against
// every title and every row, over every line of the seeds and fixtures and their typo'd variants; a
// heading's title and numbering against the lazy pattern they were first read with; cell values, field
// splitting, openers and segment ranges against their definitions, on those lines and on generated ones.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type PhysicalRow, isFurniture, physicalRows } from '../../server/src/core/cells.js';
import { CURRENT_FORMAT, FORMATS } from '../../server/src/core/format/formats.js';
import type { SectionDef } from '../../server/src/core/format/schema.js';
import { type LabelMatch, labelIndex, matchLabel, segmentShapes, segments } from '../../server/src/core/labels.js';
import { matchSectionHeading } from '../../server/src/core/sections.js';
import { openerRows } from '../../server/src/core/tables.js';
import { firstCell, foldedOpeners, isProse, logicalRows, segmentsOf } from '../../server/src/core/table-rows.js';
import { chineseNumeral, foldLabel, hasHan, lookalikeOf, range, similarity, splitLines, trimSpan } from '../../server/src/core/text.js';
import { isNumberLike, isPlaceholder, parseCell } from '../../server/src/core/values.js';
import { ROOT, SHAPES, analyze, reserialize, seeds } from '../helpers.js';

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
          // A lookalike (⼀ U+2F00) as the ideograph it looks like (the table: lookalikes.test.ts).
          if (ch.length === 1 && lookalikeOf(c) !== undefined) return String.fromCharCode(lookalikeOf(c)!);
          return ch;
        })
        .join('');
    for (const l of allLines) assert.equal(foldLabel(l), reference(l));
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'a１ 　“」【］[]．（）𠮷\u200b\t-⼀⻚\uf900') }), (s) => foldLabel(s) === reference(s)));
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

// The heading pattern as first written: a lazy title before an anchored closing group (quadratic in the
// line, hence replaced), and the numbering read by regular expressions.
const LAZY_HEADING =
  /^(\s*(?:#{1,6}\s*)?(?:(?:\*\*|__)\s*)?)(?:(第?([一二三四五六七八九十]{1,2}|[1-9])(?:部分)?\s*[、.．:：\s]\s*)|([、.．]\s*))?(\S.*?)(\s*(?:\*\*|__)?\s*)$/u;
function referenceNumeral(s: string): number {
  const CN: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || s === '') return NaN;
  if (!m[2]) return m[3] ? NaN : CN[m[1]] ?? NaN;
  return (m[1] ? CN[m[1]] : 1) * 10 + (m[3] ? CN[m[3]] : 0);
}
const HEADING_PIECES = ['一、', '十二、', '第三部分', '3.', '、', '#', '## ', '**', '__', ' ', '\u3000', '\t', '：', ':', '总体情况', '主动公开', '存在的主要问题', '收到和处理', '𠮷', 'a', '*', '_', '\u2028'];

describe('section heading reading', () => {
  it('places the title, the heading and its numbering where the lazy pattern places them, on every line, its typos and generated ones', () => {
    let compared = 0;
    const check = (line: string) => {
      const got = matchSectionHeading(7, line);
      if (!got) return;
      compared++;
      const m = LAZY_HEADING.exec(line)!;
      assert.ok(m, line);
      const [, prefix, numbering, numeral, lost, rawTitle, suffix] = m;
      const titleStart = line.length - suffix.length - rawTitle.length;
      const [ts, te] = trimSpan(line, titleStart, titleStart + rawTitle.replace(/[：:]$/, '').length);
      const [hs, he] = trimSpan(line, prefix.length, line.length - suffix.length);
      const want = {
        text: line.slice(hs, he),
        range: range(7, hs, he),
        numberRange: numbering || lost ? range(7, prefix.length, ts) : null,
        writtenNumber: numeral ? referenceNumeral(numeral) : NaN,
        title: line.slice(ts, te),
        titleRange: range(7, ts, te),
      };
      assert.deepEqual({ ...got.heading, line: undefined }, { ...want, line: undefined }, JSON.stringify(line));
    };
    for (const line of allLines.flatMap((l) => (l.length <= 80 ? [l, ...variants(l, 6)] : [l]))) check(line);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...HEADING_PIECES), { maxLength: 8 }), (ps) => void check(ps.join(''))),
      { numRuns: 30000 },
    );
    assert.ok(compared > 1000, `${compared} headings`);
  });

  it('reads every numeral of up to four characters as the regular expressions did', () => {
    const units = [...'零一二三四五六七八九十0139９a'];
    let strings = [''];
    for (let n = 0; n < 4; n++) {
      strings = strings.flatMap((s) => units.map((u) => s + u));
      for (const s of strings) assert.ok(Object.is(chineseNumeral(s), referenceNumeral(s)), s);
    }
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

// ---- cells and values -----------------------------------------------------------------------------

// The definitions the fast paths stand for: a cell's text trimmed of the label white space, full-width digits
// and signs folded (white space inside dropped), then the expressions.
const WS = '\\u0000-\\u0020\\u00a0\\u3000\\u2000-\\u200d\\u202f\\ufeff';
const refTrim = (s: string) => s.replace(new RegExp(`^[${WS}]+|[${WS}]+$`, 'g'), '');
const refFold = (s: string) =>
  [...s]
    .map((ch) => {
      const c = ch.charCodeAt(0);
      if (ch.length === 1 && c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
      if (c === 0x2212 || c === 0x2012 || c === 0x2013) return '-';
      if (ch.length === 1 && (c <= 0x20 || c === 0xa0 || c === 0x3000)) return '';
      return ch;
    })
    .join('');
const NUMBER = /^([+-])?(\d+(?:\.\d+)?)$/;
const GROUPED = /^([+-])?(\d{1,3}(?:,\d{3})+(?:\.\d+)?)$/;
const UNIT = /^(.*?\d)\s*(件|条|个|项|人次|次|人|家|篇|万元|元|%)$/;
const PLACEHOLDER = /^(?:[/／\\\-－—–―_＿]+|无|空|暂无|没有)$/;
const refNumberLike = (raw: string) => {
  const s = refFold(refTrim(raw));
  return /^\d{1,12}$/.test(raw) || NUMBER.test(s) || GROUPED.test(s) || UNIT.test(s);
};
const refPlaceholder = (raw: string) => PLACEHOLDER.test(refFold(refTrim(raw)));
function refParseCell(raw: string, kind: 'count' | 'amount' | 'signedCount'): Record<string, unknown> {
  if (/^\d{1,12}$/.test(raw)) return { kind: 'number', value: Number(raw) };
  const t = refTrim(raw);
  if (t === '') return { kind: 'blank', value: null };
  const s = refFold(t);
  if (PLACEHOLDER.test(s)) return { kind: 'placeholder', value: null };
  const num = (x: string) => {
    const m = NUMBER.exec(x) ?? GROUPED.exec(x);
    return m ? Number(`${m[1] === '-' ? '-' : ''}${m[2].replace(/,/g, '')}`) : null;
  };
  let value = num(s);
  let unit: string | undefined;
  if (value === null) {
    const u = UNIT.exec(s);
    if (u) [value, unit] = [num(u[1]), u[2]];
  }
  if (value === null) return { kind: 'text', value: null };
  const out: Record<string, unknown> = { kind: 'number', value, ...(unit ? { unit } : {}) };
  if (!Number.isFinite(value) || Math.abs(value) > 1e12) out.invalid = 'tooLarge';
  else if (kind !== 'amount' && !Number.isInteger(value)) out.invalid = 'fraction';
  else if (kind !== 'signedCount' && value < 0) out.invalid = 'negative';
  return out;
}

const cellTexts = [...new Set(allLines.flatMap((l) => l.split(/\t|[|｜]/)).flatMap((c) => [c, ...c.split(/ +/)]))];
const VALUE_PIECES = ['0', '7', '12', '1,234', '.5', '１', '２３', '+', '-', '－', '—', '–', '―', '_', '＿', '/', '／', '\\', '＼', '\u2212', '\u2012', ' ', '\u3000', '\u00a0', '\u200b', '\ufeff', '无', '空', '暂无', '没有', '件', '万元', '元', '%', '人次', '行政', 'a', '年'];
const valueText = fc.array(fc.constantFrom(...VALUE_PIECES), { maxLength: 6 }).map((ps) => ps.join(''));

describe('cell values', () => {
  it('isNumberLike and isPlaceholder agree with their expressions on every cell of the seeds and fixtures and on generated cells', () => {
    for (const t of cellTexts) {
      assert.equal(isNumberLike(t), refNumberLike(t), t);
      assert.equal(isPlaceholder(t), refPlaceholder(t), t);
    }
    fc.assert(fc.property(valueText, (t) => isNumberLike(t) === refNumberLike(t) && isPlaceholder(t) === refPlaceholder(t)), { numRuns: 20000 });
  });

  it('parseCell reads what the definition reads, in every column kind, and its shared values stay as they were', () => {
    const kinds = ['count', 'amount', 'signedCount'] as const;
    for (const t of cellTexts) for (const k of kinds) assert.deepEqual({ ...parseCell(t, k) }, refParseCell(t, k), t);
    fc.assert(
      fc.property(valueText, fc.constantFrom(...kinds), (t, k) => {
        assert.deepEqual({ ...parseCell(t, k) }, refParseCell(t, k), t);
      }),
      { numRuns: 20000 },
    );
    // After all of that reading, the shared values still say what they said.
    assert.deepEqual({ ...parseCell('', 'count') }, { kind: 'blank', value: null });
    assert.deepEqual({ ...parseCell('—', 'count') }, { kind: 'placeholder', value: null });
    assert.deepEqual({ ...parseCell('7', 'count') }, { kind: 'number', value: 7 });
  });
});

describe('separated rows', () => {
  // The definition: fields between separators, trimmed of the label white space, of the fields that start
  // after the line's last text the first 64 only; a pipe row drops the field before a leading pipe and after
  // a trailing one, as /^\s*[|｜]/ and /[|｜]\s*$/ say.
  function reference(text: string): { shape: string; cells: [string, number, number][] } | null {
    const sep = /[|｜]/.test(text) ? /[|｜]/g : text.includes('\t') ? /\t/g : null;
    if (!sep) return null;
    const textEnd = text.replace(new RegExp(`[${WS}|｜]+$`), '').length;
    const cells: [string, number, number][] = [];
    let from = 0;
    let trailing = 0;
    for (const m of [...text.matchAll(sep), { index: text.length }]) {
      if (from >= textEnd && ++trailing > 64) break;
      const field = text.slice(from, m.index);
      const lead = field.length - field.replace(new RegExp(`^[${WS}]+`), '').length;
      const t = refTrim(field);
      cells.push(t === '' ? ['', from, m.index!] : [t, from + lead, from + lead + t.length]);
      from = m.index! + 1;
    }
    if (sep.source === '\\t') return { shape: 'tsv', cells };
    const leading = /^\s*[|｜]/.test(text);
    if (leading) cells.shift();
    if (/[|｜]\s*$/.test(text)) cells.pop();
    return { shape: leading ? 'markdown' : 'pipe', cells };
  }
  const read = (text: string) => {
    const rows = physicalRows([{ offset: 0, text }], 0, 1);
    return rows.length === 1 && ['tsv', 'pipe', 'markdown'].includes(rows[0].shape) ? rows[0] : null;
  };
  const agree = (text: string) => {
    const row = read(text);
    // Lines read in another shape (a lone pipe, a cell per line, a separator, furniture) are not split here.
    if (!row) return;
    const got = { shape: row.shape, cells: row.cells.map((c): [string, number, number] => [c.text, c.range.start.character, c.range.end.character]) };
    assert.deepEqual(got, reference(text), JSON.stringify(text));
  };

  it('tab and pipe rows split as the definition splits them, on every line of the seeds and fixtures and on generated lines', () => {
    for (const l of allLines) agree(l);
    const pieces = ['|', '｜', '\t', ' ', '\u3000', '\u00a0', '\u2028', '\ufeff', '\u200b', 'a', '1', '23', '行政许可', '𠮷'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 10 }), (ps) => agree(ps.join(''))), { numRuns: 20000 });
    // Rows of a spreadsheet whose used range is wider than its table: runs of empty fields after the text.
    const run = fc.tuple(fc.constantFrom('\t', '|', '｜', ' \t', ' | '), fc.integer({ min: 50, max: 300 })).map(([f, n]) => f.repeat(n));
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), run), { minLength: 1, maxLength: 6 }), (ps) => agree(ps.join(''))), { numRuns: 3000 });
  });

  it('a table row of a spreadsheet exported wider than its table (16,000 empty fields a row) reads as the row, in tabs and in pipes', () => {
    for (const shape of ['tsv', 'markdown'] as const) {
      const text = reserialize(seeds()[0].text, shape);
      const wide = text
        .split('\n')
        .map((l) => (l.includes('\t') ? l + '\t'.repeat(16_000) : /^\s*\|/.test(l) && !l.includes('--') ? l + ' |'.repeat(16_000) : l))
        .join('\n');
      assert.notEqual(wide, text);
      const lines = splitLines(wide);
      for (const r of physicalRows(lines, 0, lines.length)) assert.ok(r.cells.length <= 64 + 40, `${r.cells.length} cells`);
      const [a, b] = [analyze(text), analyze(wide)];
      const values = (x: typeof a) => x.report.tables.map((t) => t.parts.map((p) => p.rows.map((r) => [r.def.id, r.cells.map((c) => c?.raw ?? null)])));
      assert.deepEqual(values(b), values(a), shape);
      assert.deepEqual(b.findings.map((f) => [f.rule, f.message, f.range.start]), a.findings.map((f) => [f.rule, f.message, f.range.start]), shape);
    }
  });

  it('a line of 1,001 numbers or of 300 characters of words after a table changes no table and adds no finding, in every shape of every seed', () => {
    const numbers = Array.from({ length: 1001 }, (_, k) => String(k % 10)).join(' ');
    const words = '政府信息公开工作'.repeat(38);
    const tables = (a: ReturnType<typeof analyze>) => a.report.tables.map((t) => [t.def.id, t.parts.map((p) => p.rows.map((r) => [r.def.id, r.cells.map((c) => c?.raw ?? null)]))]);
    for (const seed of seeds())
      for (const shape of SHAPES) {
        const text = reserialize(seed.text, shape);
        const a = analyze(text);
        const lines = text.split('\n');
        for (const t of a.report.tables)
          for (const extra of [numbers, words]) {
            // A paragraph of its own: without the blank line, a cell-per-line table's last cell would run on into it.
            const b = analyze([...lines.slice(0, t.lastLine + 1), '', extra, ...lines.slice(t.lastLine + 1)].join('\n'));
            const where = `${seed.name} ${shape} after ${t.def.id}: ${extra.slice(0, 10)}`;
            assert.deepEqual(tables(b), tables(a), where);
            const keys = (x: typeof a) => new Set(x.findings.map((f) => `${f.rule} ${f.message}`));
            const before = keys(a);
            assert.deepEqual([...keys(b)].filter((k) => !before.has(k)), [], where);
          }
      }
  });

  it('a line of PDF text of more than 1,000 words or numbers is one cell, and words longer than any label are prose', () => {
    const spaced = (text: string) => physicalRows([{ offset: 0, text }], 0, 1)[0];
    assert.equal(spaced('1 '.repeat(1000).trim()).cells.length, 1000);
    assert.deepEqual(spaced('1 '.repeat(1001).trim()).cells.map((c) => c.text), ['1 '.repeat(1001).trim()]);
    const prose = (words: string) => isProse({ labels: [{ text: words, range: range(0, 0, words.length) }], values: [], physical: spaced(words) });
    assert.equal(prose('政府信息公开'.repeat(33) + '申请'), false);
    assert.equal(prose('政府信息公开'.repeat(33) + '申请情'), true);
  });
});

describe('openers', () => {
  // The definition: every row's folded first cell against every table kind's openers, with no cheap refusal first.
  function reference(rows: PhysicalRow[]): number[][] {
    return CURRENT_FORMAT.tables.map((def) => {
      const out: number[] = [];
      rows.forEach((pr, i) => {
        const f = firstCell(pr);
        if (!f) return;
        if (foldedOpeners(def).some((o) => f.startsWith(o) && f.length <= o.length + 40) && !/[。；;]/.test(f)) out.push(i);
        else if (def.id === 'applications' && /本年新收|上年结转/.test(f)) {
          const lr = logicalRows(pr)[0];
          if (!lr.labels.length || !lr.values.some((v) => v.text !== '')) return;
          const part = def.parts[0];
          const m = matchLabel(segmentsOf(lr.labels), labelIndex(part), null, 0);
          if (m.row && m.score >= 0.9 && part.rows.indexOf(m.row) <= 1) out.push(i);
        }
      });
      return out;
    });
  }
  const agree = (lines: string[]) => {
    const ls = lines.map((text, k) => ({ offset: k, text }));
    const got = openerRows(physicalRows(ls, 0, ls.length), CURRENT_FORMAT.tables);
    assert.deepEqual(CURRENT_FORMAT.tables.map((d) => got.get(d)), reference(physicalRows(ls, 0, ls.length)), JSON.stringify(lines));
  };

  it('are the rows a full comparison finds, on the seeds and fixtures and on generated lines', () => {
    for (const t of texts) agree(t.split(/\r\n|\n|\r/));
    const pieces = ['第二十条第（一）项', '（本列数据的勾稽关系为', '申请人情况', '行政复议', '一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '收', '转', '[', '(', '（', ' ', '\u3000', '\t', '3', '。', '本', 'x'.repeat(70)];
    fc.assert(fc.property(fc.array(fc.array(fc.constantFrom(...pieces), { maxLength: 5 }).map((ps) => ps.join('')), { minLength: 1, maxLength: 4 }), (ls) => agree(ls)), { numRuns: 3000 });
  });
});

describe('label segments', () => {
  it('place each segment in its cell as the eager definition does: exactly on one line, the whole cell otherwise', () => {
    let compared = 0;
    for (const t of texts) {
      const ls = splitLines(t);
      for (const pr of physicalRows(ls, 0, ls.length)) {
        for (const c of pr.cells) {
          if (c.text === '') continue;
          const where = c.range;
          const exact = where.start.line === where.end.line && where.end.character - where.start.character === c.text.length;
          const want = segmentShapes(c.text).map((s) => (exact ? { start: { line: where.start.line, character: where.start.character + s.from }, end: { line: where.start.line, character: where.start.character + s.to } } : where));
          assert.deepEqual(segmentsOf([c]).map((s) => s.range), want, c.text);
          compared++;
        }
      }
    }
    assert.ok(compared > 1000, `${compared} cells`);
  });
});
