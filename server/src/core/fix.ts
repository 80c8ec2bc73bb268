// The one fix engine: applying text edits, and fix-all with its policy (leave no new finding, never raise
// the error count, reach a fixed point in one application). Used by the language server, the CLI's
// --fix and the tests. The idea follows markdownlint's applyFix/applyFixes: edits are resolved to
// offsets, sorted, and overlapping ones are not applied together.
import { type Analysis, type AnalyzeOptions, type Finding, type TextEdit, analyze } from './analyze.js';
import type { DocumentAnalysis } from './document.js';
import { equationKey } from './identities.js';
import { shiftRange } from './shift.js';
import { type Position, positionAt, splitLines } from './text.js';

export type AnalyzeFn = (text: string, options: AnalyzeOptions) => Analysis;

interface Span {
  from: number;
  to: number;
  newText: string;
}

/**
 * Offsets of each line's start, and of each line's end (before its line break), of the first `upTo` lines: the
 * edits' lines, not the whole text's (a file of millions of lines is read to MAX_LINES, its fixes are within them).
 */
function lineBounds(text: string, upTo: number): { starts: number[]; ends: number[] } {
  const starts = [0];
  const ends: number[] = [];
  const noCR = text.indexOf('\r') < 0;
  for (let i = noCR ? text.indexOf('\n') : 0; i >= 0 && i < text.length && ends.length < upTo; i = noCR ? text.indexOf('\n', i + 1) : i + 1) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    ends.push(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    starts.push(i + 1);
  }
  // The last line read ends at the end of the text, or the start past the last line asked for is not one.
  if (ends.length < starts.length && ends.length < upTo) ends.push(text.length);
  starts.length = ends.length;
  return { starts, ends };
}

function offsetOf(b: { starts: number[]; ends: number[] }, p: Position, textLength: number): number {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) {
    throw new RangeError(`invalid position ${JSON.stringify(p)}`);
  }
  // As LSP prescribes: a line past the end means the end of the document, a character past the end of
  // its line means the end of that line.
  if (p.line >= b.starts.length) return textLength;
  return Math.min(b.starts[p.line] + p.character, b.ends[p.line]);
}

function spansOf(text: string, edits: readonly TextEdit[]): Span[] {
  let lastLine = 0;
  for (const e of edits) lastLine = Math.max(lastLine, e.range.start.line, e.range.end.line);
  const b = lineBounds(text, lastLine + 1);
  const spans = edits.map((e) => {
    const from = offsetOf(b, e.range.start, text.length);
    const to = offsetOf(b, e.range.end, text.length);
    if (to < from) throw new RangeError(`edit range ends before it starts: ${JSON.stringify(e.range)}`);
    return { from, to, newText: e.newText };
  });
  // Stable: insertions at one point keep their given order, as LSP prescribes.
  return spans.map((s, k) => ({ s, k })).sort((x, y) => x.s.from - y.s.from || x.s.to - y.s.to || x.k - y.k).map((x) => x.s);
}

function spansOverlap(a: Span, b: Span): boolean {
  // Two insertions at one point conflict too: their order would decide the result.
  return (a.from < b.to && b.from < a.to) || (a.from === b.from && a.to === b.to);
}

/**
 * The text with the edits applied. Positions are line/character in UTF-16 code units, as LSP; all edits
 * refer to the original text. Overlapping edits are rejected (RangeError).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = spansOf(text, edits);
  for (let k = 1; k < spans.length; k++) {
    const p = spans[k - 1];
    const s = spans[k];
    if (s.from < p.to) {
      throw new RangeError('overlapping edits');
    }
  }
  const out: string[] = [];
  let at = 0;
  for (const s of spans) {
    out.push(text.slice(at, s.from), s.newText);
    at = s.to;
  }
  out.push(text.slice(at));
  return out.join('');
}

/** The smallest single edit that turns `before` into `after` (none when they are equal). */
export function diffEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let a = 0;
  const n = Math.min(before.length, after.length);
  while (a < n && before.charCodeAt(a) === after.charCodeAt(a)) a++;
  let z = 0;
  while (z < n - a && before.charCodeAt(before.length - 1 - z) === after.charCodeAt(after.length - 1 - z)) z++;
  // Never split a surrogate pair or a \r\n.
  while (a > 0 && isLow(before.charCodeAt(a))) a--;
  while (z > 0 && isLow(before.charCodeAt(before.length - z))) z--;
  while (a > 0 && before.charCodeAt(a - 1) === 13 && before.charCodeAt(a) === 10) a--;
  while (z > 0 && before.charCodeAt(before.length - z - 1) === 13 && before.charCodeAt(before.length - z) === 10) z--;
  const lines = splitLines(before);
  return [{ range: { start: positionAt(lines, a), end: positionAt(lines, before.length - z) }, newText: after.slice(a, after.length - z) }];
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

const LINE_BREAKS = /\r\n|\n|\r/g;

/** The lines of a text, each with its line break (the last has none). */
function linePieces(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (const m of text.matchAll(LINE_BREAKS)) {
    out.push(text.slice(at, m.index! + m[0].length));
    at = m.index! + m[0].length;
  }
  out.push(text.slice(at));
  return out;
}

/**
 * One edit as edits of its lines: each line of the range (with its line break) turned into the new line in
 * its place, only the part that differs, and the lines it removes as one deletion at the end (the lines it
 * adds go with the last pair). Applied together they give exactly what the edit gives. Why: an editor may
 * diff each edit's region against its new text to keep its marks (eglot does, at a cost that grows with the
 * region times its differences): one edit for a whole table took eglot 10–34 s to apply, edits of its lines
 * a few milliseconds. `replaced` is the text the edit's range covers.
 */
export function lineEdits(edit: TextEdit, replaced: string): TextEdit[] {
  const { start, end } = edit.range;
  const was = linePieces(replaced);
  const now = linePieces(edit.newText);
  const n = was.length;
  const m = now.length;
  const k = Math.min(n, m);
  const out: TextEdit[] = [];
  for (let i = 0; i < k; i++) {
    // The last pair takes the lines the edit adds, so that no insertion meets another at one point.
    const target = i === k - 1 && m > n ? now.slice(i).join('') : now[i];
    // Line i of the range starts at the range's start (i = 0) or at its line's start.
    for (const e of diffEdit(was[i], target)) out.push(shifted(e, { line: start.line + i, character: i === 0 ? start.character : 0 }));
  }
  // The lines the edit removes, from the start of the first of them to the range's end.
  if (n > m) out.push({ range: { start: { line: start.line + m, character: 0 }, end }, newText: '' });
  return out;
}

/** An edit made against a text that starts at `origin` of the document, in the document's positions. */
function shifted(e: TextEdit, origin: Position): TextEdit {
  const move = (p: Position): Position => (p.line === 0 ? { line: origin.line, character: origin.character + p.character } : { line: origin.line + p.line, character: p.character });
  return { range: { start: move(e.range.start), end: move(e.range.end) }, newText: e.newText };
}

/** What a finding says, without where: a finding whose text merely moved keeps its identity. */
export function findingKey(f: Finding): string {
  return `${f.rule}\u0000${f.severity}\u0000${f.message}`;
}

function keyCounts(findings: readonly Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(findingKey(f), (m.get(findingKey(f)) ?? 0) + 1);
  return m;
}

const errorCount = (a: Analysis) => a.findings.filter((f) => f.severity === 'error').length;

/** The identities that hold, of the first table of each kind (the statutory one). */
export function heldIdentities(a: Analysis): Set<string> {
  const status = new Map<string, string>();
  for (const e of a.report.equations) if (!status.has(equationKey(e))) status.set(equationKey(e), e.status);
  return new Set([...status].filter(([, s]) => s === 'holds').map(([k]) => k));
}

/**
 * True when `after` says nothing that `before` did not say, has no more errors, and every identity that
 * held still holds.
 */
export function noWorse(before: Analysis, after: Analysis): boolean {
  if (errorCount(after) > errorCount(before)) return false;
  const held = heldIdentities(after);
  for (const k of heldIdentities(before)) if (!held.has(k)) return false;
  return newFindings(before, after).length === 0;
}

/**
 * The findings of `after` that `before` did not have (by rule, severity and message, wherever they stand).
 * A likely-culprit finding that names only identities already reported broken before says nothing new:
 * once one of two mistakes is fixed, the other's broken identities are summed up as its culprit.
 */
export function newFindings(before: Analysis, after: Analysis): Finding[] {
  const had = keyCounts(before.findings);
  const subjects = new Set(before.findings.filter((f) => f.severity === 'error').flatMap((f) => f.subjects ?? []));
  const seen = new Map<string, number>();
  return after.findings.filter((f) => {
    const k = findingKey(f);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n <= (had.get(k) ?? 0)) return false;
    const restates = f.rule === 'likely-culprit' && !!f.subjects?.length && f.subjects.every((s) => subjects.has(s));
    return !restates;
  });
}

/** The fixes of an analysis that can be applied together: each one whose edits overlap no earlier one's. */
export function compatibleFixes(text: string, a: Analysis): TextEdit[][] {
  const out: TextEdit[][] = [];
  const taken: Span[] = [];
  for (const f of a.findings) {
    if (!f.fix || f.fix.edits.length === 0) continue;
    let spans: Span[];
    try {
      spans = spansOf(text, f.fix.edits);
      applyEdits(text, f.fix.edits);
    } catch {
      continue;
    }
    if (spans.some((s) => taken.some((t) => spansOverlap(s, t)))) continue;
    // A fix that changes nothing would loop for ever.
    if (applyEdits(text, f.fix.edits) === text) continue;
    out.push(f.fix.edits);
    taken.push(...spans);
  }
  return out;
}

export interface FixAllResult {
  /** The fixed text (the input when nothing could be fixed safely). */
  text: string;
  /** Edits against the input text that produce `text`, for one LSP TextEdit set. */
  edits: TextEdit[];
  /** The analysis of the fixed text. */
  analysis: Analysis;
  /** How many fixes were applied. */
  applied: number;
}

/** At most this many rounds: each round re-analyses, and a fix may reveal another (a label, then a total). */
const MAX_ROUNDS = 6;

/**
 * Every fix that is safe to apply without reading: all non-overlapping fixes together when that leaves no
 * new finding and no more errors; otherwise one at a time, keeping each only while it does no harm; then
 * again on the result until nothing more applies. Applying fixAll to its own result changes nothing.
 * `analyzeFn` lets a caller reuse an analysis it already has.
 */
export function fixAll(text: string, options: AnalyzeOptions = {}, analyzeFn: AnalyzeFn = analyze): FixAllResult {
  const original = analyzeFn(text, options);
  let current = text;
  let currentAnalysis = original;
  let applied = 0;
  let rounds = 0;
  const roundEdits: TextEdit[][] = [];
  // Judged against the text so far, which is itself no worse than the original: a later round cannot bring
  // back what an earlier one removed, and what one fixAll rejected the next rejects too (a fixed point).
  const acceptable = (a: Analysis) => noWorse(currentAnalysis, a);
  for (; rounds < MAX_ROUNDS; rounds++) {
    const candidates = compatibleFixes(current, currentAnalysis);
    if (candidates.length === 0) break;
    let kept: TextEdit[] = [];
    let keptText = current;
    let keptAnalysis = currentAnalysis;
    let keptCount = 0;
    const all = candidates.flat();
    const together = applyEdits(current, all);
    const togetherAnalysis = analyzeFn(together, options);
    if (acceptable(togetherAnalysis)) {
      kept = all;
      keptText = together;
      keptAnalysis = togetherAnalysis;
      keptCount = candidates.length;
    } else {
      for (const c of candidates) {
        const tryText = applyEdits(current, [...kept, ...c]);
        const tryAnalysis = analyzeFn(tryText, options);
        if (acceptable(tryAnalysis)) {
          kept = [...kept, ...c];
          keptText = tryText;
          keptAnalysis = tryAnalysis;
          keptCount++;
        }
      }
    }
    if (keptCount === 0) break;
    roundEdits.push(kept);
    applied += keptCount;
    current = keptText;
    currentAnalysis = keptAnalysis;
  }
  const edits = roundEdits.length === 1 ? roundEdits[0] : diffEdit(text, current);
  return { text: current, edits, analysis: currentAnalysis, applied };
}

/**
 * fixAll for a file of reports (`doc`, its analyzeDocument): each report's fixes on the report's own text,
 * judged by the report's own analysis as its findings are, the edits shifted into the file and applied
 * together. Read as one report, a file of several is a report with every section twice, whose year is the
 * first report's: its fixes were wrong (--fix changed a year in the second report's prose). What the editor's
 * fix-all and the CLI's --fix both apply.
 */
export function fixAllReports(text: string, doc: DocumentAnalysis, options: AnalyzeOptions = {}, analyzeFn: AnalyzeFn = analyze): { text: string; edits: TextEdit[]; applied: number } {
  const edits: TextEdit[] = [];
  let applied = 0;
  for (const r of doc.reports) {
    if (!r.analysis.findings.some((f) => f.fix)) continue;
    const fixed = fixAll(r.text, options, (t, o) => (t === r.text ? r.analysis : analyzeFn(t, o)));
    applied += fixed.applied;
    for (const e of fixed.edits) edits.push({ ...e, range: shiftRange(e.range, r.span.fromLine) });
  }
  return { text: edits.length ? applyEdits(text, edits) : text, edits, applied };
}
