// Property tests: whatever the input, the engine returns (no throw, no hang) and every range it reports
// lies inside the document; consistent tables in any shape read clean, and any raised cell is caught.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CURRENT_FORMAT, FORMATS } from '../../server/src/core/format/formats.js';
import { renderTable } from '../../server/src/core/render.js';
import { type Range, splitLines } from '../../server/src/core/text.js';
import { SHAPES, analyze, errors, fixture, replaceRange, reserialize, seeds } from '../helpers.js';
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

// Mutated reports as a fault harness makes them: the seeds and the 2019-format fixture, in every text
// shape, with lines shuffled nearby, duplicated, cut short after a separator, and stray tokens, captions,
// garbage and huge lines put between them. The engine must answer, with every range inside the text.
// (This is how a short row followed by a caption and a line of bare numbers was found to throw.)
describe('fuzzed reports', () => {
  const bases = [...allSeeds.map((s) => s.text), fixture('shapes', '2019-format-tsv.txt')];
  const documents = bases.flatMap((t) => [t, ...SHAPES.map((shape) => reserialize(t, shape))]).map((text) => {
    // Faults inside tables matter most: most mutations aim at a table line.
    const tableLines = analyze(text).report.tables.flatMap((t) => Array.from({ length: t.lastLine - t.firstLine + 1 }, (_, k) => t.firstLine + k));
    return { text, tableLines };
  });
  const stray = fc.oneof(
    fc.constantFrom('5 6', '1', '0 0 0', '\t3\t', '| 2 |', '第二十条第（五）项', '第二十条第（一）项', '（七）总计', '自然人', '规章 1', '一、', '三、收到和处理政府信息公开申请情况', '/', '—', '', '|', '\t'),
    fc.array(fc.constantFrom('0', '7', ' ', '\t', '|', '｜', '予以公开', '合计', '𠮷', '\u3000'), { maxLength: 12 }).map((a) => a.join('')),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.nat({ max: 3 }).map((k) => ['\t', '|', ' ', '0\t'][k].repeat(20_000)),
  );
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), by: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), from: fc.nat() }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), keep: fc.nat() }),
    // A row broken in two: its last fields moved a few lines down, as bare numbers.
    fc.record({ kind: fc.constant('split' as const), at: fc.nat(), keep: fc.nat(), by: fc.integer({ min: 1, max: 4 }), spaced: fc.boolean() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: stray }),
    fc.record({ kind: fc.constant('token' as const), at: fc.nat(), pos: fc.nat(), text: stray }),
  );
  type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;
  function mutate(doc: { text: string; tableLines: number[] }, ms: Mutation[]): string {
    const lines = doc.text.split('\n');
    for (const m of ms) {
      const inTable = m.at % 4 !== 0 && doc.tableLines.length > 0;
      const i = (inTable ? doc.tableLines[(m.at >> 2) % doc.tableLines.length] : m.at) % lines.length;
      if (m.kind === 'swap') {
        const j = Math.min(lines.length - 1, i + m.by);
        [lines[i], lines[j]] = [lines[j], lines[i]];
      } else if (m.kind === 'duplicate') lines.splice(i, 0, lines[m.from % lines.length]);
      else if (m.kind === 'cut') {
        // Drop the fields after one of the line's separators: a row a few numbers short.
        const seps = [...lines[i].matchAll(/[\t|｜ ]/g)].map((x) => x.index!);
        if (seps.length) lines[i] = lines[i].slice(0, seps[m.keep % seps.length]);
      } else if (m.kind === 'split') {
        const seps = [...lines[i].matchAll(/[\t|｜ ]/g)].map((x) => x.index!);
        if (!seps.length) continue;
        const at = seps[m.keep % seps.length];
        const tail = lines[i].slice(at + 1);
        lines[i] = lines[i].slice(0, at);
        lines.splice(Math.min(lines.length, i + 1 + m.by), 0, m.spaced ? tail.replace(/[\t|｜]+/g, ' ').trim() : tail);
      } else if (m.kind === 'insert') lines.splice(i, 0, m.text);
      else {
        const p = m.pos % (lines[i].length + 1);
        lines[i] = lines[i].slice(0, p) + m.text + lines[i].slice(p);
      }
    }
    return lines.join('\n');
  }
  it('never throw, never hang, keep ranges inside', () => {
    fc.assert(
      fc.property(fc.nat({ max: documents.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 10 }), (k, ms) => {
        const text = mutate(documents[k], ms);
        const timed = () => {
          const t0 = performance.now();
          return { a: analyze(text), ms: performance.now() - t0 };
        };
        let run = timed();
        // A slow run on a loaded machine is timed again before it counts as a hang.
        if (run.ms >= 3000) run = timed();
        assert.ok(run.ms < 3000, `analysis took ${run.ms.toFixed(0)} ms`);
        assertRangesInside(text, run.a);
      }),
      // FUZZ_RUNS=100000 for a long run; FUZZ_SEED and FUZZ_PATH replay a failure fast-check reported.
      {
        numRuns: Number(process.env.FUZZ_RUNS ?? 600),
        ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH, endOnFailure: true } : {}),
        // A counterexample may hold a 20,000-character line: report the error, not the whole input.
        reporter: (out) => {
          if (out.failed) throw new Error(`fuzzed report failed (seed ${out.seed}, path "${out.counterexample ? out.counterexamplePath : ''}"): ${String(out.errorInstance instanceof Error ? out.errorInstance.message : out.errorInstance)}`);
        },
      },
    );
  });
});

// A row broken in two, its tail of numbers moved below the next line (often a sub-table caption), in
// every row of tables 二 and 四 of every document above: exhaustive where random runs are too rare to
// reach it. (A short row of 第二十条第（一）项 followed by the 第（五）项 caption and bare numbers threw.)
describe('rows broken across the next line', () => {
  const bases = [...allSeeds.map((s) => s.text), fixture('shapes', '2019-format-tsv.txt')];
  it('never throw and keep ranges inside', () => {
    let tried = 0;
    for (const base of bases) {
      for (const text of [base, ...SHAPES.map((shape) => reserialize(base, shape))]) {
        const a = analyze(text);
        for (const t of a.report.tables.filter((x) => x.def.id !== 'applications')) {
          for (const row of t.parts.flatMap((p) => p.rows)) {
            const cells = row.cells.filter((c): c is NonNullable<typeof c> => c !== null && c.range.start.line === row.range.end.line);
            if (cells.length < 2) continue;
            const lines = text.split('\n');
            const line = row.range.end.line;
            const at = cells[1].range.start.character;
            const tail = lines[line].slice(at);
            lines[line] = lines[line].slice(0, at);
            for (const form of [tail, tail.replace(/[\t|｜]+/g, ' ').trim()]) {
              const broken = [...lines];
              broken.splice(Math.min(broken.length, line + 2), 0, form);
              const mutated = broken.join('\n');
              assertRangesInside(mutated, analyze(mutated));
              tried++;
            }
          }
        }
      }
    }
    assert.ok(tried >= 200, `${tried} broken rows`);
  });
});

// Lines of separators: each kind of field and white-space separator, alone and mixed. Four times the
// input may take at most about six times as long (plus a floor for timer noise on a loaded machine);
// before the markdown-separator test was made linear, 128k tabs took 13-30 s and 1M never finished.
describe('long lines of separators take linear time', () => {
  const time = (text: string) => {
    const t0 = performance.now();
    const a = analyze(text);
    const ms = performance.now() - t0;
    assertRangesInside(text, a);
    return ms;
  };
  const kinds: Record<string, string[]> = {
    tabs: ['\t'],
    pipes: ['|'],
    'full-width pipes': ['｜'],
    spaces: [' '],
    NBSP: ['\u00a0'],
    '全角空格': ['\u3000'],
    mixed: ['\t', '|', ' ', '\u00a0', '\u3000', '｜', '-', '0', '1', ':'],
  };
  for (const [name, units] of Object.entries(kinds)) {
    it(name, () => {
      // Generated, not hand-picked, but timed outside fc.assert so that a failure says how long each took.
      const cases = fc.sample(fc.tuple(fc.array(fc.constantFrom(...units), { minLength: 16, maxLength: 64 }), fc.constantFrom('', '\n', '2023年\n三、收到和处理政府信息公开申请情况\n')), { numRuns: 3, seed: 8 });
      for (const [pattern, before] of cases) {
        const line = (n: number) => before + pattern.join('').repeat(Math.ceil(n / pattern.length)).slice(0, n);
        time(line(1000)); // warm up
        const small = Math.min(time(line(60_000)), time(line(60_000)));
        const large = Math.min(time(line(240_000)), time(line(240_000)));
        const what = `${name} after ${JSON.stringify(before)}: 240k took ${large.toFixed(0)} ms, 60k took ${small.toFixed(0)} ms`;
        assert.ok(large <= small * 6 + 300, what);
        assert.ok(large < 6000, what);
      }
    });
  }
  it('a line of a million tabs finishes in seconds', () => {
    assert.ok(time('\t'.repeat(1_000_000)) < 8000);
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

describe('the lines within tables (model.ts tableLines)', () => {
  it('answers as the union of the tables’ lines, for lines asked in order and out of order', async () => {
    const { tableLines } = await import('../../server/src/core/model.js');
    const spans = fc.array(fc.tuple(fc.nat(60), fc.nat(12)), { maxLength: 8 }).map((xs) => xs.map(([firstLine, n]) => ({ firstLine, lastLine: firstLine + n })).sort((a, b) => a.firstLine - b.firstLine));
    fc.assert(
      fc.property(spans, fc.array(fc.nat(80), { maxLength: 40 }), (tables, asked) => {
        const inTable = tableLines(tables as never);
        // Ascending (how the model asks) and then the given order, which goes back as well.
        for (const line of [...Array(80).keys(), ...asked]) assert.equal(inTable(line), tables.some((t) => t.firstLine <= line && line <= t.lastLine), `line ${line}`);
      }),
    );
  });
});

describe('an edit as edits of its lines (core/fix.ts lineEdits)', () => {
  // Lines of CJK, 𠮷, ASCII and spaces; breaks LF, CRLF or CR.
  const unit = fc.constantFrom('中', '文', '𠮷', 'a', '1', ' ', '|', '\t');
  const line = fc.array(unit, { maxLength: 12 }).map((xs) => xs.join(''));
  const text = fc.tuple(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r')).map(([ls, eol]) => ls.join(eol));
  it('gives exactly what the edit gives; each edit within one line and its break, or a deletion; none inside 𠮷 or a CRLF', async () => {
    const { applyEdits, lineEdits } = await import('../../server/src/core/fix.js');
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), text, (doc, p, q, newText) => {
        // A range on code-point boundaries (never inside 𠮷 or between \r and \n), as a client sends it.
        const points: number[] = [];
        for (let i = 0; i <= doc.length; i++) {
          const c = doc.charCodeAt(i);
          if (!(c >= 0xdc00 && c <= 0xdfff) && !(c === 10 && doc.charCodeAt(i - 1) === 13)) points.push(i);
        }
        const [from, to] = [points[p % points.length], points[q % points.length]].sort((x, y) => x - y);
        const lines = splitLines(doc);
        const pos = (o: number) => {
          let l = 0;
          while (l + 1 < lines.length && lines[l + 1].offset <= o) l++;
          return { line: l, character: o - lines[l].offset };
        };
        const edit = { range: { start: pos(from), end: pos(to) }, newText };
        const edits = lineEdits(edit, doc.slice(from, to));
        assert.equal(applyEdits(doc, edits), applyEdits(doc, [edit]));
        for (const e of edits) {
          // Within one line, its line break included, or the deletion of the lines the edit removes.
          const lineAndBreak = e.range.end.line === e.range.start.line || (e.range.end.line === e.range.start.line + 1 && e.range.end.character === 0);
          assert.ok(lineAndBreak || e.newText === '', JSON.stringify(e));
          for (const at of [e.range.start, e.range.end]) {
            const o = lines[at.line].offset + at.character;
            assert.ok(!(doc.charCodeAt(o) >= 0xdc00 && doc.charCodeAt(o) <= 0xdfff), `inside 𠮷 at ${JSON.stringify(at)}`);
            assert.ok(!(doc.charCodeAt(o) === 10 && doc.charCodeAt(o - 1) === 13 && at.character > 0), `inside a CRLF at ${JSON.stringify(at)}`);
            assert.ok(at.character <= lines[at.line].text.length, `past the line's end at ${JSON.stringify(at)}`);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});

// What editors and converters add to a clean report does not change what is read of it: every seed in
// every shape. Not the lone-pipe shape with its blank lines padded: there a line of white space is an
// empty cell's place, and a row break written so cannot be told from it (read as uncertain, not wrong).
describe('white space and marks that editors and converters add', () => {
  const said = (a: Analysis) => a.findings.map((f) => `${f.range.start.line} ${f.rule} ${f.message}`);
  const variants: [string, (text: string) => string][] = [
    ['trailing spaces on every line', (t) => t.replace(/\n/g, '  \n')],
    ['blank lines holding spaces', (t) => t.replace(/\n(?=\n)/g, '\n ')],
    ['blank lines holding an indent (　　)', (t) => t.replace(/\n(?=\n)/g, '\n\u3000\u3000')],
  ];
  for (const seed of allSeeds) {
    it(`${seed.name}: padded lines in every shape, and headings in bold`, () => {
      for (const shape of SHAPES) {
        const text = reserialize(seed.text, shape);
        const base = analyze(text);
        if (shape !== 'pipePerLine') for (const [name, pad] of variants) assert.deepEqual(said(analyze(pad(text))), said(base), `${shape}: ${name}`);
        // Every section heading and sub-heading in bold, as pandoc writes Word's bold runs: the heading
        // line after its # marks, the run-in sub-heading's numbering and title (**（一）主动公开情况**：…).
        const lines = text.split('\n');
        for (const s of base.report.sections) {
          lines[s.heading.line] = lines[s.heading.line].replace(/^(\s*#*\s*)(.*?)\s*$/, '$1**$2**');
          for (const h of s.subheadings) {
            const l = lines[h.line];
            lines[h.line] = `${l.slice(0, h.range.start.character)}**${l.slice(h.range.start.character, h.range.end.character)}**${l.slice(h.range.end.character)}`;
          }
        }
        const bold = lines.join('\n');
        const b = analyze(bold);
        assert.deepEqual(
          b.report.sections.map((s) => [s.def.number, s.heading.line, s.heading.text, s.subheadings.map((h) => h.title)]),
          base.report.sections.map((s) => [s.def.number, s.heading.line, s.heading.text.trim(), s.subheadings.map((h) => h.title)]),
          shape,
        );
        assert.deepEqual(b.findings.map((f) => f.rule), base.findings.map((f) => f.rule), shape);
      }
    });
  }
});
