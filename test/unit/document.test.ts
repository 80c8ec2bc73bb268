// A file of many reports: split into report spans, each analysed exactly as it is analysed alone.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Finding, analyze } from '../../server/src/core/analyze.js';
import { analyzeDocument, inDocument, reportSpans, updateDocument } from '../../server/src/core/document.js';
import { equationKey } from '../../server/src/core/identities.js';
import { identityMessage } from '../../server/src/core/messages.js';
import { findSections } from '../../server/src/core/sections.js';
import { MAX_LINES, type Range, endOfLines, lineBreaks, splitLines, utf8Length } from '../../server/src/core/text.js';
import { CHECKS } from '../../server/src/core/checks/index.js';
import { ROOT, SHAPES, reserialize, seeds } from '../helpers.js';

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

  /** The text a range covers. */
  const at = (lines: { text: string }[], r: Range) =>
    r.start.line === r.end.line
      ? lines[r.start.line].text.slice(r.start.character, r.end.character)
      : [lines[r.start.line].text.slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line).map((l) => l.text), lines[r.end.line].text.slice(0, r.end.character)].join('\n');
  const LINE_FIELDS = new Set(['line', 'firstLine', 'lastLine', 'bodyFrom', 'bodyTo']);
  /** Walks a report's model alone and in the file side by side: only line numbers differ, by exactly `by`. */
  function sameButShifted(alone: unknown, shifted: unknown, by: number, path: string, seen: Set<unknown>, ranges: [Range, Range][]): void {
    if (alone === null || typeof alone !== 'object') return assert.equal(shifted, alone, path);
    assert.ok(shifted && typeof shifted === 'object', path);
    if (seen.has(alone)) return;
    seen.add(alone);
    // Cells read lazily (their range made when asked) are compared by what they are as data.
    const toJSON = (alone as { toJSON?: () => unknown }).toJSON;
    if (typeof toJSON === 'function') return sameButShifted(toJSON.call(alone), shifted, by, path, seen, ranges);
    if ('start' in alone && 'end' in alone && typeof (alone as Range).start?.line === 'number') ranges.push([alone as Range, shifted as Range]);
    for (const [k, v] of Object.entries(alone)) {
      // Format data is shared, not copied; the model's text and lines are the file's.
      if (['def', 'format', 'row', 'column', 'text', 'lines', 'fromLine', 'toLine'].includes(k) && path === 'report') continue;
      if (['def', 'format', 'row', 'column'].includes(k)) {
        assert.equal((shifted as Record<string, unknown>)[k], v, `${path}.${k} shared`);
        continue;
      }
      const w: unknown = (shifted as Record<string, unknown>)[k];
      if (LINE_FIELDS.has(k) && typeof v === 'number') assert.equal(w, v + by, `${path}.${k}`);
      else sameButShifted(v, w, by, `${path}.${k}`, seen, ranges);
    }
  }

  it('gives every report its analysis in file coordinates: each range covers the same text in the file', () => {
    const parts = [seedParts[0], normalise(untitled(seedParts[3])), seedParts[4].replace('总体情况', '总体情况𠮷'), readFileSync(join(ROOT, 'samples/broken', broken[0].name), 'utf8')].map(normalise);
    const text = parts.join('\n\n');
    const doc = analyzeDocument(text);
    assert.equal(doc.reports.length, parts.length);
    const fileLines = splitLines(text);
    const analyses = doc.reports.map((r) => inDocument(r, text, fileLines));
    assert.deepEqual(analyses.flatMap((a) => a.findings), doc.findings);
    doc.reports.forEach((r, k) => {
      const a = analyses[k];
      assert.ok(r.span.fromLine > 0 || k === 0);
      assert.equal(a.report.text, text);
      assert.deepEqual([a.report.fromLine, a.report.toLine], [r.span.fromLine, r.span.toLine]);
      assert.ok(a.report.tables.length > 0 && a.report.sections.length > 0, `report ${k} has a model`);
      const ranges: [Range, Range][] = [];
      sameButShifted(r.analysis.report, a.report, r.span.fromLine, 'report', new Set(), ranges);
      assert.ok(ranges.length > 50, `${ranges.length} ranges`);
      for (const [own, inFile] of ranges) assert.equal(at(fileLines, inFile), at(r.analysis.report.lines, own));
      // Equations point at the shifted tables and cells, not at the report's own.
      const cells = new Set(a.report.tables.flatMap((t) => t.parts.flatMap((p) => p.rows.flatMap((row) => row.cells))));
      a.report.equations.forEach((e, j) => {
        assert.ok(a.report.tables.includes(e.table));
        for (const o of [...e.left, ...e.right]) if (o.cell) assert.ok(cells.has(o.cell));
        // The anchor stays one of the equation's operands, so what hovers and messages say of it is what the report alone says.
        assert.ok([...e.left, ...e.right].includes(e.anchor), `anchor of ${equationKey(e)}`);
        for (const l of ['zh-cn', 'en'] as const) assert.equal(identityMessage(e, l), identityMessage(r.analysis.report.equations[j], l));
      });
    });
    // The report analysed alone is left as it was.
    assert.deepEqual(doc.reports[1].analysis.findings, analyze(doc.reports[1].text).findings);
  });

  it('a single report is its own analysis in file coordinates', () => {
    const text = seeds()[0].text;
    const doc = analyzeDocument(text);
    assert.equal(inDocument(doc.reports[0], text, splitLines(text)), doc.reports[0].analysis);
  });

  it('re-analyses only the reports an edit touched, and gives what a fresh reading gives', () => {
    const parts = [0, 1, 2, 4].map((i) => seedParts[i]);
    const text = parts.join('\n');
    let calls = 0;
    const counting = (t: string, o?: object) => (calls++, analyze(t, o));
    const first = analyzeDocument(text, {}, counting);
    assert.equal(calls, 4);
    const byText = new Map(first.reports.map((r) => [r.text, r.analysis]));
    // An edit in the third report that changes a number and adds a line.
    const edited = parts.map((p, k) => (k === 2 ? p.replace(/\n/, '\n\n').replace(/(\t)(\d+)/, '$1$2' + '7') : p)).join('\n');
    assert.notEqual(edited, text);
    calls = 0;
    const second = analyzeDocument(edited, {}, counting, (t) => byText.get(t));
    assert.equal(calls, 1);
    assert.deepEqual(second.findings, analyzeDocument(edited).findings);
    // A line added before every report shifts them all and re-analyses only the first.
    calls = 0;
    const moved = analyzeDocument('\n' + text, {}, counting, (t) => byText.get(t));
    assert.equal(calls, 1);
    assert.deepEqual(moved.findings, analyzeDocument('\n' + text).findings);
  });

  it('applies the size limit (bytes of UTF-8) to each report, and to the whole file only at ten times it', () => {
    const parts = [0, 1, 2, 4].map((i) => seedParts[i]);
    const text = parts.join('\n');
    const largest = Math.max(...parts.map((p) => Buffer.byteLength(p)));
    // Each report under the limit, the file above it: every report is checked in full.
    const limit = largest + 10;
    assert.ok(Buffer.byteLength(text) > limit);
    const doc = analyzeDocument(text, { maxTableCheckLength: limit });
    assert.equal(doc.reports.length, 4);
    assert.deepEqual(doc.findings, analyzeDocument(text).findings);
    // Bytes, not characters: a report of fewer characters than the limit but more bytes is over it.
    const chars = Math.max(...parts.map((p) => p.length));
    const byChars = analyzeDocument(text, { maxTableCheckLength: chars + 10 });
    assert.ok(byChars.reports.some((r) => r.analysis.report.truncated));
    assert.equal(byChars.findings.filter((f) => f.rule === 'too-large').length, byChars.reports.filter((r) => r.analysis.report.truncated).length);
    // Above ten times the limit the file is read as one report, sections only, said once.
    const capped = analyzeDocument(text, { maxTableCheckLength: Math.floor(Buffer.byteLength(text) / 10) - 1 });
    assert.equal(capped.reports.length, 1);
    assert.deepEqual(capped.reports[0].span, { fromLine: 0, toLine: splitLines(text).length });
    assert.deepEqual(capped.findings.filter((f) => f.rule === 'too-large').length, 1);
    assert.match(capped.findings.find((f) => f.rule === 'too-large')!.message, new RegExp(`文档有 ${Buffer.byteLength(text)} 字节`));
  });

  it('a report too large for the checks has its section headings checked and nothing else, in every shape: no tables, sub-headings or prose findings', () => {
    // By what the rules look at, not by what they declare they need: the section and document rules only.
    const sectionRules = new Set(CHECKS.filter((r) => r.tags.includes('sections') || r.tags.includes('document')).map((r) => r.id));
    // Each seed also without its section headings: a report by its tables alone.
    const headless = seeds().map((s) => {
      const lines = s.text.split('\n');
      const headings = new Set(analyze(s.text).report.sections.map((x) => x.heading.line));
      return lines.filter((_, i) => !headings.has(i)).join('\n');
    });
    let tablesOnly = 0;
    for (const text of [...seeds().flatMap((s) => SHAPES.map((shape) => reserialize(s.text, shape))), ...fixtures.map((f) => f.text), ...headless]) {
      const whole = analyze(text);
      if (!whole.report.isReport) continue;
      const a = analyze(text, { maxTableCheckLength: 1 });
      assert.ok(a.report.truncated);
      // Its tables unread, a text without a statutory section is not taken for a report: one note, not six missing sections.
      if (whole.report.sections.length === 0) {
        assert.deepEqual(a.findings.map((f) => f.rule).sort(), ['not-a-report', 'too-large']);
        tablesOnly++;
        continue;
      }
      assert.deepEqual(a.report.tables, []);
      assert.ok(a.report.sections.every((x) => x.subheadings.length === 0));
      assert.deepEqual([...new Set(a.findings.map((f) => f.rule))].filter((r) => !sectionRules.has(r)), []);
      // The sections read as in the whole reading; their findings are the whole reading's.
      assert.deepEqual(a.report.sections.map((x) => x.heading.line), whole.report.sections.map((x) => x.heading.line));
      const structural = (fs: Finding[]) => fs.filter((f) => sectionRules.has(f.rule) && f.rule !== 'too-large' && f.rule !== 'document-unreadable').map((f) => f.message);
      assert.deepEqual(structural(a.findings), structural(whole.findings));
    }
    assert.ok(tablesOnly >= seeds().length, `${tablesOnly} reports of tables alone`);
  });

  it('cuts a text after its first n lines exactly where splitLines would end line n, with or without a CR (endOfLines)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', '中', '𠮷'), maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (s, n) => {
        const all = splitLines(s);
        const end = endOfLines(s, n);
        if (all.length <= n) assert.equal(end, -1);
        else assert.deepEqual(splitLines(s.slice(0, end)), all.slice(0, n));
        assert.equal(lineBreaks(s) + 1, all.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a file of more than MAX_LINES lines to its last read line, says once what was not read, and finds nothing past it', () => {
    // A report, a run of blank lines past the limit (a line-dense file: 100 MB of them ran out of heap), and
    // a broken report after it, which is not read.
    const [first] = seeds();
    const late = broken.find((b) => analyze(b.text).findings.some((f) => f.severity === 'error'))!;
    const firstLines = splitLines(first.text).length;
    const text = `${first.text}${'\n'.repeat(MAX_LINES)}${late.text}`;
    const total = splitLines(text).length;
    const doc = analyzeDocument(text);
    const unread = doc.findings.filter((f) => f.rule === 'document-unreadable');
    assert.equal(unread.length, 1);
    assert.equal(unread[0].message, `文件有 ${total} 行，超过读取的上限 ${MAX_LINES} 行：第 ${MAX_LINES} 行之后的部分未读取、未检查`);
    assert.deepEqual(doc.reports.map((r) => r.span.toLine).at(-1), MAX_LINES);
    assert.ok(doc.findings.every((f) => f.range.end.line < MAX_LINES));
    // What was read is checked as it is alone: the report's own findings, and the note.
    assert.deepEqual(doc.findings.filter((f) => f.rule !== 'document-unreadable'), analyze(first.text + '\n'.repeat(MAX_LINES - firstLines)).findings);
    // The engine alone (fix-all calls it on the whole text) reads the same lines and says the same.
    const alone = analyze(text);
    assert.equal(alone.report.lines.length, MAX_LINES);
    assert.deepEqual(alone.findings, doc.findings);
  });

  it('counts UTF-8 bytes as Buffer.byteLength does, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('a', 'é', '中', '𠮷', '\ud800', '\udc00', '\n'), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))) }), (s) => {
        assert.equal(utf8Length(s), Buffer.byteLength(s));
      }),
      { numRuns: 500 },
    );
  });

  it('splits lines at LF, CRLF and CR alike, with or without a CR anywhere (fast path)', () => {
    const reference = (text: string) => {
      const out: { offset: number; text: string }[] = [];
      let start = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        out.push({ offset: start, text: text.slice(start, i) });
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
      out.push({ offset: start, text: text.slice(start) });
      return out;
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', '中', '𠮷', ' ') }), (s) => assert.deepEqual(splitLines(s), reference(s))),
      { numRuns: 2000 },
    );
  });

  it('re-reads only the reports around an edit and gives what a full reading gives (random edits)', () => {
    const pool = [...seedParts, ...seedParts.map((p) => normalise(untitled(p)))];
    // Edits that matter to where reports start: headings, titles, blank lines, line breaks, whole lines.
    const pieces = ['\n', '\n\n', '一、总体情况\n', '四、政府信息公开行政复议、行政诉讼情况\n', 'XX局2023年政府信息公开工作年度报告\n', '7', '𠮷', '\f\n', ''];
    fc.assert(
      fc.property(
        fc.array(fc.nat(pool.length - 1), { minLength: 7, maxLength: 10 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(40), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 4 }),
        (picks, edits) => {
          let text = picks.map((i) => pool[i]).join('\n');
          let doc = analyzeDocument(text);
          for (const [where, len, insert] of edits) {
            const at = Math.floor(where * text.length);
            const next = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + len));
            const updated = updateDocument(text, doc, next);
            const full = analyzeDocument(next);
            assert.deepEqual(updated.reports.map((r) => [r.span, r.title, r.text]), full.reports.map((r) => [r.span, r.title, r.text]));
            assert.deepEqual(updated.findings, full.findings);
            text = next;
            doc = updated;
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('an edit that takes a file of many reports past MAX_LINES lines reads it as a fresh reading does: cut, and said once', () => {
    // Eight reports and blank lines after the last, 3 lines short of the limit; the edit adds 10 line breaks
    // inside the third report.
    const parts = Array.from({ length: 8 }, (_, k) => seedParts[k % 5]);
    const head = parts.join('\n');
    const text = head + '\n'.repeat(MAX_LINES - 3 - splitLines(head).length);
    assert.equal(splitLines(text).length, MAX_LINES - 3);
    const doc = analyzeDocument(text);
    assert.equal(doc.findings.filter((f) => f.rule === 'document-unreadable').length, 0);
    const at = text.indexOf('\n', text.indexOf(parts[2]) + 10);
    const next = text.slice(0, at) + '\n'.repeat(10) + text.slice(at);
    const updated = updateDocument(text, doc, next);
    const full = analyzeDocument(next);
    assert.equal(full.findings.filter((f) => f.rule === 'document-unreadable').length, 1);
    assert.deepEqual(updated.reports.map((r) => [r.span, r.title, r.text]), full.reports.map((r) => [r.span, r.title, r.text]));
    assert.deepEqual(updated.findings, full.findings);
  });

  it('an edit in the middle of many reports analyses only the touched report', () => {
    const parts = Array.from({ length: 12 }, (_, k) => seedParts[k % 5]);
    const text = parts.join('\n');
    const doc = analyzeDocument(text);
    let calls = 0;
    const counting = (t: string, o?: object) => (calls++, analyze(t, o));
    const at = text.indexOf('本年新收', Math.floor(text.length / 2));
    const next = text.slice(0, at) + '1' + text.slice(at);
    const updated = updateDocument(text, doc, next, {}, counting);
    assert.equal(calls, 1);
    assert.deepEqual(updated.findings, analyzeDocument(next).findings);
  });

  it('an edit in the first or the last report of many analyses only that report, and keeps the titles', () => {
    const parts = Array.from({ length: 12 }, (_, k) => seedParts[k % 5]);
    const text = parts.join('\n');
    const doc = analyzeDocument(text);
    for (const [at, far] of [[text.indexOf('本年新收'), 11], [text.lastIndexOf('本年新收'), 0]]) {
      let calls = 0;
      const counting = (t: string, o?: object) => (calls++, analyze(t, o));
      const next = text.slice(0, at) + '1' + text.slice(at);
      const updated = updateDocument(text, doc, next, {}, counting);
      const fresh = analyzeDocument(next);
      assert.equal(calls, 1, `edit at ${at}`);
      assert.deepEqual(updated.findings, fresh.findings);
      assert.deepEqual(updated.reports.map((r) => [r.span, r.title]), fresh.reports.map((r) => [r.span, r.title]));
      // The file was not read again: a report far from the edit is the one read before.
      assert.equal(updated.reports[far], doc.reports[far]);
    }
  });
});
