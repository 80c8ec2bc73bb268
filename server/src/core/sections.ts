// The six statutory sections and their sub-headings, in the heading variants real reports use.
import type { SectionDef } from './format/schema.js';
import { CURRENT_FORMAT } from './format/formats.js';
import { memo, memoText } from './memo.js';
import { type Line, type Range, chineseNumeral, foldLabel, isRegexSpace, range, similarity, trimmedEnd, trimmedStart } from './text.js';

export interface Heading {
  line: number;
  /** The heading text without markdown marks, as written. */
  text: string;
  /** Range of the heading text on its line. */
  range: Range;
  /** Range of the numbering (一、 / (一)) if written. */
  numberRange: Range | null;
  /** The number as written (NaN when the numeral is lost: "、主动公开…"). */
  writtenNumber: number;
  /** The title part after the numbering. */
  title: string;
  titleRange: Range;
}

export interface Section {
  def: SectionDef;
  heading: Heading;
  /** How well the title matches the statutory title or a known variant (1 = exactly). */
  titleScore: number;
  exactTitle: boolean;
  /** Lines from the heading to the line before the next section heading. */
  range: Range;
  bodyFrom: number;
  bodyTo: number;
  subheadings: Heading[];
}

// 一、 / 一. / 一． / 第一部分 / a lost numeral ("、主动公开…"); markdown # marks before any of them.
// Markdown marks around a heading: a level (#), and bold around the whole line (**一、总体情况**, as
// pandoc writes Word's bold paragraphs).
// The title runs to the end of the line; what closes it (white space, and a bold mark with the white space
// before it) is cut off by closingStart, not by a lazy title before an anchored suffix group, which took
// time quadratic in the line. A line break inside the line (U+2028) keeps the whole pattern, the one `.` refuses.
const HEADING_HEAD = String.raw`^(\s*(?:#{1,6}\s*)?(?:(?:\*\*|__)\s*)?)(?:(第?([一二三四五六七八九十]{1,2}|[1-9])(?:部分)?\s*[、.．:：\s]\s*)|([、.．]\s*))?`;
const SECTION_HEADING = new RegExp(String.raw`${HEADING_HEAD}(\S.*)$`, 'u');
const SECTION_HEADING_WITH_BREAKS = new RegExp(String.raw`${HEADING_HEAD}(\S.*?)(\s*(?:\*\*|__)?\s*)$`, 'u');
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * Where the title starting at `from` stops: before the longest end of the line that reads as white space,
 * a closing ** or __, white space (/\s*(?:\*\*|__)?\s*$/), the title keeping at least one character.
 */
function closingStart(text: string, from: number): number {
  let j = text.length;
  while (j > from + 1 && isRegexSpace(text.charCodeAt(j - 1))) j--;
  const a = text.charCodeAt(j - 2);
  if (j - 2 >= from + 1 && a === text.charCodeAt(j - 1) && (a === 0x2a || a === 0x5f)) {
    j -= 2;
    while (j > from + 1 && isRegexSpace(text.charCodeAt(j - 1))) j--;
  }
  return j;
}
const HEADING_START = /^\s*(?:#|\*\*|__|第?[一二三四五六七八九十1-9]|[、.．])/u;
const SUB_HEADING = /^(\s*(?:#{1,6}\s*)?(?:(?:\*\*|__)\s*)?)([(（]\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）])\s*(.*)$/u;
/** The bold mark that closes a bold heading or run-in heading (**（一）主动公开情况**：…). */
const CLOSING_BOLD = /\s*(?:\*\*|__)$/;
const SENTENCE_END = /[。；;！？!?]/;

// An index over a format's section titles: exact folded titles to their section, and every variant
// with its length, so edit distance runs only against titles whose length leaves it a chance to beat
// the score to beat (|a| - |b| edits at least).
interface TitleIndex {
  exact: Map<string, SectionDef>;
  variants: { def: SectionDef; folded: string }[][];
  /** Every key word of every section by its first code unit, for the cheap "could this be a heading at all" test. */
  words: KeyWords;
  /** The best section a folded title names, for titles with numbering and without (titles recur). */
  numbered: (folded: string) => TitleMatch;
  bare: (folded: string) => TitleMatch;
}
const titleIndex = memo((sections: readonly SectionDef[]): TitleIndex => {
  const exact = new Map<string, SectionDef>();
  const variants = sections.map((def) => [def.title, ...def.variants].map((t) => ({ def, folded: foldLabel(t) })));
  for (const vs of variants) for (const v of vs) if (!exact.has(v.folded)) exact.set(v.folded, v.def);
  const words = keyWords([...new Set(sections.flatMap((d) => d.keywords.flat()))]);
  const index = { exact, variants, words };
  return { ...index, numbered: memoText((f) => bestTitle(index, sections, f, true)), bare: memoText((f) => bestTitle(index, sections, f, false)) };
});

/**
 * The best similarity of a folded title to a section's variants, exact when it exceeds `beat`
 * (anything not above `beat` may come back as a lower bound instead: it cannot win).
 */
function titleScore(def: SectionDef, variants: readonly { folded: string }[], folded: string, beat: number): number {
  let best = 0;
  const la = folded.length;
  for (const { folded: t } of variants) {
    const longest = la > t.length ? la : t.length;
    // Upper bound of the similarity: the length difference alone costs that many edits.
    const bound = 1 - Math.abs(la - t.length) / longest;
    if (bound <= beat || bound <= best) continue;
    const s = similarity(folded, t);
    if (s > best) best = s;
  }
  // Reworded or misspelt titles still carry the section's key phrases.
  if (best < 0.75 && la <= 25 && def.keywords.some((words) => words.every((w) => folded.includes(w)))) best = 0.75;
  return best;
}

// Without numbering a line must read almost exactly like a title to count as one.
const NUMBERED_THRESHOLD = 0.6;
const BARE_THRESHOLD = 0.8;

type TitleMatch = { def: SectionDef; score: number; exact: boolean } | null;

/** The section a folded title names best, scored exactly when above the threshold. */
function bestTitle(idx: Pick<TitleIndex, 'exact' | 'variants'>, sections: readonly SectionDef[], folded: string, numbered: boolean): TitleMatch {
  const threshold = numbered ? NUMBERED_THRESHOLD : BARE_THRESHOLD;
  const exactDef = idx.exact.get(folded);
  if (exactDef) return { def: exactDef, score: 1, exact: true };
  // The first section with the highest score wins; one that cannot reach the threshold or the
  // best so far is not scored exactly.
  let best: TitleMatch = null;
  let beat = threshold;
  for (let d = 0; d < sections.length; d++) {
    const score = titleScore(sections[d], idx.variants[d], folded, Math.max(beat, best?.score ?? 0) - 1e-9);
    if (!best || score > best.score) best = { def: sections[d], score, exact: false };
    beat = Math.max(beat, score);
  }
  return best;
}

/** Key words by their first code unit; `starts` marks the code units some word starts with. */
interface KeyWords {
  starts: Uint8Array;
  byFirst: Map<number, string[]>;
}
function keyWords(words: readonly string[]): KeyWords {
  const starts = new Uint8Array(0x10000);
  const byFirst = new Map<number, string[]>();
  for (const w of words) {
    const c = w.charCodeAt(0);
    starts[c] = 1;
    byFirst.set(c, [...(byFirst.get(c) ?? []), w]);
  }
  return { starts, byFirst };
}
/** Whether the folded text holds a key word: looked for only where one of them could start. */
function hasKeyword({ starts, byFirst }: KeyWords, folded: string): boolean {
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (starts[c] === 0) continue;
    for (const w of byFirst.get(c)!) if (folded.startsWith(w, i)) return true;
  }
  return false;
}

/** The length of text.trim(), without making it. */
function trimmedLength(text: string): number {
  let a = 0;
  let b = text.length;
  while (a < b && isRegexSpace(text.charCodeAt(a))) a++;
  while (b > a && isRegexSpace(text.charCodeAt(b - 1))) b--;
  return b - a;
}

/** The statutory section a line heads, if it is a section heading. */
export function matchSectionHeading(
  lineNo: number,
  text: string,
  sections: readonly SectionDef[] = CURRENT_FORMAT.sections,
): { def: SectionDef; heading: Heading; score: number; exact: boolean } | null {
  if (text.length > 80 || text.includes('\t') || text.includes('|') || text.includes('｜')) return null;
  // Cheap test first: a heading starts with numbering or a mark, or is short enough to be a bare title.
  if (!HEADING_START.test(text) && (trimmedLength(text) > 24 || /^\s*[(（[【〔]/.test(text))) return null;
  // A sentence mark anywhere is one in the title (numbering and marks hold none): refused before the regex.
  if (SENTENCE_END.test(text)) return null;
  const breaks = LINE_BREAK.test(text);
  const m = (breaks ? SECTION_HEADING_WITH_BREAKS : SECTION_HEADING).exec(text);
  if (!m) return null;
  // By index: destructuring a match array goes through its iterator.
  const prefix = m[1];
  const numbering = m[2];
  const numeral = m[3];
  const lostNumeral = m[4];
  // The title as offsets: [from, closing) less one closing colon (一、总体情况：).
  const from = text.length - m[5].length - (breaks ? m[6].length : 0);
  const closing = breaks ? text.length - m[6].length : closingStart(text, from);
  const last = text.charCodeAt(closing - 1);
  const titleEnd = last === 0xff1a || last === 0x3a ? closing - 1 : closing;
  // Headings are titles, not sentences: prose ("一是…。") is never a heading (refused above).
  if (titleEnd - from > 40) return null;
  const hasMark = prefix.includes('#');
  if (!numbering && !lostNumeral && !hasMark && titleEnd - from > 20) return null;
  const folded = foldLabel(text.slice(from, titleEnd));
  if (folded.length < 2) return null;
  // Every statutory title and its variants carry a key phrase; a line with none is no heading.
  const idx = titleIndex(sections);
  if (!hasKeyword(idx.words, folded)) return null;
  const numbered = !!numbering || hasMark;
  const threshold = numbered ? NUMBERED_THRESHOLD : BARE_THRESHOLD;
  const best = numbered ? idx.numbered(folded) : idx.bare(folded);
  if (!best || best.score < threshold) return null;
  const ts = trimmedStart(text, from, titleEnd);
  const te = trimmedEnd(text, ts, titleEnd);
  const numberStart = prefix.length;
  const hs = trimmedStart(text, numberStart, closing);
  const he = trimmedEnd(text, hs, closing);
  const heading: Heading = {
    line: lineNo,
    text: text.slice(hs, he),
    range: range(lineNo, hs, he),
    numberRange: numbering || lostNumeral ? range(lineNo, numberStart, ts) : null,
    writtenNumber: numeral ? chineseNumeral(numeral) : NaN,
    title: text.slice(ts, te),
    titleRange: range(lineNo, ts, te),
  };
  return { def: best.def, heading, score: best.score, exact: best.exact };
}

export function matchSubheading(lineNo: number, text: string): Heading | null {
  if (text.includes('\t') || /[|｜]/.test(text)) return null;
  const m = SUB_HEADING.exec(text);
  if (!m) return null;
  const [, prefix, numbering, numeral, rest] = m;
  // The sub-heading's title is what precedes the first full stop or colon of its line.
  const cut = rest.search(/[。：:；;，,]/);
  const title = (cut >= 0 ? rest.slice(0, cut) : rest).trim().replace(CLOSING_BOLD, '');
  if (title.length === 0 || title.length > 40) return null;
  const start = prefix.length;
  const titleStart = text.indexOf(title, start + numbering.length);
  return {
    line: lineNo,
    text: text.slice(start, titleStart + title.length),
    range: range(lineNo, start, titleStart + title.length),
    numberRange: range(lineNo, start, start + numbering.length),
    writtenNumber: chineseNumeral(numeral),
    title,
    titleRange: range(lineNo, titleStart, titleStart + title.length),
  };
}

/**
 * Section headings in document order. Table rows (一、本年新收…) never match a section title. A short
 * numbered list item can (二、主动公开方面…): of several candidates for one section the best-matching
 * one is the heading, and both are kept only when both titles are exact (a duplicated section).
 */
export type HeadingMatch = NonNullable<ReturnType<typeof matchSectionHeading>>;

/**
 * Every line that reads as a section heading, in order (what findSections chooses from); with `only`, the
 * lines of those indices alone (ascending), for a caller that knows the others read as none.
 */
export function sectionHeadings(lines: readonly Line[], only?: readonly number[]): HeadingMatch[] {
  const candidates: HeadingMatch[] = [];
  const n = only ? only.length : lines.length;
  for (let k = 0; k < n; k++) {
    const i = only ? only[k] : k;
    const text = lines[i].text;
    if (text.length === 0) continue;
    const m = matchSectionHeading(i, text);
    if (m) candidates.push(m);
  }
  return candidates;
}

export function findSections(lines: readonly Line[], candidates: readonly HeadingMatch[] = sectionHeadings(lines)): Section[] {
  // Per section: every exact title, or else the single best (earliest of equals).
  const keep = new Set<(typeof candidates)[number]>();
  for (const def of new Set(candidates.map((c) => c.def))) {
    const mine = candidates.filter((c) => c.def === def);
    const exact = mine.filter((c) => c.exact);
    if (exact.length) exact.forEach((c) => keep.add(c));
    else keep.add(mine.reduce((best, c) => (c.score > best.score ? c : best)));
  }
  const found = candidates.filter((c) => keep.has(c));
  return found.map((f, k) => {
    const next = found[k + 1];
    const bodyTo = next ? next.heading.line : lines.length;
    const lastLine = bodyTo - 1;
    return {
      def: f.def,
      heading: f.heading,
      titleScore: f.score,
      exactTitle: f.exact,
      range: range(f.heading.line, f.heading.range.start.character, lines[lastLine]?.text.length ?? 0, lastLine),
      bodyFrom: f.heading.line + 1,
      bodyTo,
      subheadings: [],
    };
  });
}
