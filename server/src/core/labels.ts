// Statutory label recognition: which row or group a written label names, tolerant of bracket widths,
// spaces, quote styles, wrapped lines and small typos.
import type { RawCell } from './cells.js';
import type { GroupDef, PartDef, RowDef } from './format/schema.js';
import { memo, memoText } from './memo.js';
import { type Range, foldLabel, range, similarity } from './text.js';

// Numbering in front of labels: 一、 (一) （一） 1. 1、 （1）, digits half- or full-width (１．, typed in Word's 全角).
const ENUMERATOR = /[(（]\s*(?:[一二三四五六七八九十]{1,3}|[\d０-９]{1,2})\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|[\d０-９]{1,2}\s*[.．、](?![\d０-９])/gu;

export interface Segment {
  /** The segment as written: numbering and text. */
  text: string;
  /** Folded numbering ("(一)", "一", "1") or '' if none. */
  enumerator: string;
  /** Folded text after the numbering. */
  core: string;
  range: Range | null;
}

function foldEnumerator(e: string): string {
  const f = foldLabel(e);
  return f.replace(/[、.]$/, '');
}

/** A segment of a label text, where it stands in the text. */
export interface SegmentShape {
  text: string;
  enumerator: string;
  core: string;
  from: number;
  to: number;
}

/** The segments of a label text: a pure function of the text, read once per distinct label. */
export const segmentShapes = memoText((text: string): readonly SegmentShape[] => {
  const starts: number[] = [];
  ENUMERATOR.lastIndex = 0;
  for (let m = ENUMERATOR.exec(text); m; m = ENUMERATOR.exec(text)) starts.push(m.index);
  if (starts[0] !== 0) starts.unshift(0);
  const out: SegmentShape[] = [];
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k];
    const to = k + 1 < starts.length ? starts[k + 1] : text.length;
    const piece = text.slice(from, to);
    ENUMERATOR.lastIndex = 0;
    const m = ENUMERATOR.exec(piece);
    const enumText = m && m.index === 0 ? m[0] : '';
    const core = foldLabel(piece.slice(enumText.length));
    if (core === '' && enumText === '') continue;
    out.push({ text: piece.trim(), enumerator: enumText ? foldEnumerator(enumText) : '', core, from, to });
  }
  return out;
});

/**
 * A segment of a label cell. Its range, the cell's cut to the segment, is made when first asked for: most
 * segments are only scored, and only the one that names a row is ever placed.
 */
class CellSegment implements Segment {
  readonly text: string;
  readonly enumerator: string;
  readonly core: string;
  private made: Range | null | undefined = undefined;

  constructor(
    private readonly shape: SegmentShape,
    private readonly cell: RawCell | null,
  ) {
    this.text = shape.text;
    this.enumerator = shape.enumerator;
    this.core = shape.core;
  }

  get range(): Range | null {
    if (this.made !== undefined) return this.made;
    if (!this.cell) return (this.made = null);
    const where = this.cell.range;
    // Sub-ranges are exact only on one line; a wrapped label keeps its whole range.
    const exact = where.start.line === where.end.line && where.end.character - where.start.character === this.cell.text.length;
    return (this.made = exact ? range(where.start.line, where.start.character + this.shape.from, where.start.character + this.shape.to) : where);
  }
}

/** Splits a label at each numbering, so "三、本年度办理结果（一）予以公开" yields the group and the row; placed in `cell` when given. */
export function segments(text: string, cell: RawCell | null): Segment[] {
  return segmentShapes(text).map((s) => new CellSegment(s, cell));
}

export function coreOf(label: string): string {
  const segs = segmentShapes(label);
  return segs.length ? segs[segs.length - 1].core : '';
}

export function enumeratorOf(label: string): string {
  const segs = segmentShapes(label);
  return segs.length ? segs[segs.length - 1].enumerator : '';
}

interface Candidate<T> {
  def: T;
  cores: string[];
  enumerator: string;
}

export interface LabelIndex {
  rows: Candidate<RowDef>[];
  groups: Candidate<GroupDef>[];
  /** Rows by their exact folded core, for the common case of a label written as the format has it. */
  exact: Map<string, number[]>;
  /** What groupOf found for a segment: by core, each enumerator written with it. */
  groupsByCore: (core: string) => { enumerator: string; group: GroupDef | null }[];
}

export const labelIndex = memo((part: PartDef): LabelIndex => {
  const rows = part.rows.map((def) => ({ def, cores: rowCores(def), enumerator: enumeratorOf(def.label) }));
  const exact = new Map<string, number[]>();
  rows.forEach((r, i) => r.cores.forEach((c) => exact.set(c, [...(exact.get(c) ?? []), i])));
  return {
    rows,
    groups: part.groups.map((def) => ({ def, cores: [coreOf(def.label)], enumerator: enumeratorOf(def.label) })),
    exact,
    groupsByCore: memoText(() => []),
  };
});

// Most a segment's score can gain after segmentScore (enumerator) and in matchLabel (group, order).
const ENUMERATOR_BONUS = 0.05;
const CONTEXT_BONUS = 0.04 + 0.02;
const EPSILON = 1e-9;

/**
 * How well a written segment names a label: 1 exactly, less for typos, wrapped halves or extra text.
 * With `beat`, only scores above it are exact: a label whose length or wording leaves it no chance
 * (the length difference alone costs that many edits) is not put through edit distance, and comes
 * back as a lower bound.
 */
export function segmentScore(seg: Segment, c: Candidate<unknown>, beat = -Infinity): number {
  let best = 0;
  const a = seg.core;
  const la = a.length;
  // The base score must exceed this for the final one to exceed `beat`.
  const floor = beat - ENUMERATOR_BONUS - EPSILON;
  for (const core of c.cores) {
    const lc = core.length;
    if (lc === 0) continue;
    if (a === core) {
      best = 1;
      continue;
    }
    // A label wrapped onto the next line: its first part names the row already. Characters of a
    // vertical group label or a stray prefix before the label.
    let s = 0;
    if (la >= 4) {
      if (core.startsWith(a)) s = 0.7 + 0.25 * (la / lc);
      else if (a.endsWith(core) && lc >= 2) s = 0.9;
    }
    const longest = la > lc ? la : lc;
    const bound = 1 - Math.abs(la - lc) / longest;
    const need = Math.max(floor, best, s);
    if (bound > need) {
      const sim = similarity(a, core, need > 0 ? need - EPSILON : 0);
      if (sim > s) s = sim;
    }
    if (s > best) best = s;
  }
  if (best > 0 && seg.enumerator && c.enumerator) best += seg.enumerator === c.enumerator ? 0.05 : -0.1;
  return best;
}

const rowCores = memo((def: RowDef): string[] => [def.label, ...def.aliases].map(coreOf));

export function isExactLabel(seg: Pick<Segment, 'core'>, def: RowDef): boolean {
  return rowCores(def).includes(seg.core);
}

export const ROW_THRESHOLD = 0.6;
const GROUP_THRESHOLD = 0.75;

export interface LabelMatch {
  row: RowDef | null;
  score: number;
  /** The segment that names the row. */
  segment: Segment | null;
  /** The innermost group a segment names (（三）不予公开), for the rows that follow. */
  group: GroupDef | null;
}

/**
 * Reads a written label against a part's rows. `context` is the group named last; `expected` is the
 * index of the row that should come next. Both only break near-ties: the words decide.
 */
export function matchLabel(segs: readonly Segment[], index: LabelIndex, context: string | null, expected: number): LabelMatch {
  let group: GroupDef | null = null;
  for (const seg of segs) group = groupOf(seg, index) ?? group;
  const ctx = group?.id ?? context;
  // The best so far in locals, one match made at the end: this runs for every label of every table read.
  let row: RowDef | null = null;
  let score = 0;
  let segment: Segment | null = null;
  // Later segments win: the leaf label follows its group label.
  for (let k = segs.length - 1; k >= 0; k--) {
    const seg = segs[k];
    // A label written as the format has it is looked up; only the others are scored against every row.
    const exact = index.exact.get(seg.core);
    const n = exact ? exact.length : index.rows.length;
    for (let j = 0; j < n; j++) {
      const i = exact ? exact[j] : j;
      const c = index.rows[i];
      let s = segmentScore(seg, c, score - CONTEXT_BONUS);
      if (s <= 0) continue;
      if (c.def.group && c.def.group === ctx) s += 0.04;
      else if (c.def.group && ctx && c.def.group !== 'results' && ctx !== c.def.group) s -= 0.04;
      if (i === expected) s += 0.02;
      if (s > score) {
        row = c.def;
        score = s;
        segment = seg;
      }
    }
    if (score >= ROW_THRESHOLD) break;
  }
  return { row, score, segment, group };
}

/** The last group of the part a segment names, if any: a pure function of the segment, kept per index. */
function groupOf(seg: Segment, index: LabelIndex): GroupDef | null {
  // By core, then enumerator: a core is the same string object each time its label recurs (segments are
  // memoised), so the memo finds it without hashing a new key.
  const known = index.groupsByCore(seg.core);
  for (const k of known) if (k.enumerator === seg.enumerator) return k.group;
  let group: GroupDef | null = null;
  for (const g of index.groups) if (segmentScore(seg, g, GROUP_THRESHOLD - EPSILON) >= GROUP_THRESHOLD) group = g.def;
  known.push({ enumerator: seg.enumerator, group });
  return group;
}

/** The item numbers of a caption: 一 … 十 and the digits. */
const CAPTION_NUMERALS = new Set([...'一二三四五六七八九十'].map((c) => c.charCodeAt(0)));

/** A caption in comparison form, with its item numbers ("第二十条第（五）项" → "二十五"). */
export interface FoldedCaption {
  folded: string;
  numerals: string;
}

export function foldCaption(text: string): FoldedCaption {
  const folded = foldLabel(text);
  // Its numerals in order, by code unit (no match array: every header row of table 二 is asked).
  let numerals = '';
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || CAPTION_NUMERALS.has(c)) numerals += folded[i];
  }
  return { folded, numerals };
}

const partCaption = memo((part: PartDef): FoldedCaption | null => (part.caption ? foldCaption(part.caption) : null));

/** How well a caption row names a part's caption; the item numbers must agree (（八） is not （九）). */
export function matchCaption(caption: FoldedCaption, part: PartDef): number {
  const b = partCaption(part);
  if (!b || caption.numerals !== b.numerals) return 0;
  return similarity(caption.folded, b.folded);
}
