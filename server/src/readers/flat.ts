// Flattened text: a web page saved as text with the cell separators lost, so a whole table (often the
// whole report) is one line and a row reads `一、本年新收政府信息公开申请数量640020470`. The report is
// split into lines at its section headings, table captions and statutory row labels; a row's digit run
// is read only where it splits into the row's cells in exactly one way — by its length alone, or else
// by the format's identities (row totals, then the column identities across rows). Any other table is
// reported once as unreadable and left without numbers, so that no arithmetic is checked on a guess.
import { CURRENT_FORMAT, FORMATS } from '../core/format/formats.js';
import type { FormatDef, IdentityDef, PartDef, TableDef } from '../core/format/schema.js';
import { memo } from '../core/memo.js';
import { type ReadProblem, type ReadResult, Rendering, problem } from './types.js';

const NUMERALS = '一二三四五六';
/** Digits a count can have; longer runs of one cell are not counts. */
const MAX_CELL_DIGITS = 9;
/** Work bounds: beyond them a table is called ambiguous rather than searched further. */
const MAX_SPLIT_STEPS = 30_000;
const MAX_CANDIDATES = 64;
const MAX_SEARCH_NODES = 200_000;
/** Flattened text longer than this is not searched (a report is far smaller). */
const MAX_FLAT_LENGTH = 2_000_000;

type MarkKind = 'heading' | 'caption' | 'group' | 'row' | 'header' | 'table4';
interface Mark {
  kind: MarkKind;
  from: number;
  to: number;
  table?: TableDef;
  part?: PartDef;
  row?: number; // index into part.rows
  /** For a column header: where each column label starts and ends. */
  cuts?: number[];
}

const isDigit = (c: number) => c >= 48 && c <= 57;

function rowLabels(def: { label: string; short?: string; aliases: string[] }): string[] {
  return [def.label, ...def.aliases].filter((s) => s !== '');
}

/** The first occurrence at or after `from` of any of `needles`, as [start, end]. */
function findAny(text: string, needles: string[], from: number): [number, number] | null {
  let best: [number, number] | null = null;
  for (const n of needles) {
    const i = text.indexOf(n, from);
    if (i >= 0 && (!best || i < best[0] || (i === best[0] && i + n.length > best[1]))) best = [i, i + n.length];
  }
  return best;
}

/** Is this text flattened: does table 三's first row label run straight into a digit run? */
function flattenedAt(text: string, format: FormatDef): number {
  const apps = format.tables.find((t) => t.id === 'applications')!;
  const part = apps.parts[0];
  const hit = findAny(text, firstRowNeedles(format), 0);
  if (!hit) return -1;
  if (!isDigit(text.charCodeAt(hit[1]))) return -1;
  // The next row's label on the same line: the row separators are gone too.
  const next = findAny(text, rowLabels(part.rows[1]), hit[1]);
  const lineEnd = text.indexOf('\n', hit[1]);
  return next && (lineEnd < 0 || next[0] < lineEnd) ? hit[0] : -1;
}

/** Marks in document order: each searched from where the previous one ended. */
function findMarks(text: string, format: FormatDef): Mark[] {
  const marks: Mark[] = [];
  let at = 0;
  const push = (m: Mark) => {
    marks.push(m);
    at = m.to;
  };
  for (const s of format.sections) {
    const titles = [s.title, ...s.variants].map((t) => `${NUMERALS[s.number - 1]}、${t}`);
    const h = findAny(text, titles, at);
    if (h) push({ kind: 'heading', from: h[0], to: h[1] });
    const table = format.tables.find((t) => t.section === s.number);
    if (!table) continue;
    for (const part of table.parts) {
      if (part.caption) {
        const c = findAny(text, [part.caption], at);
        if (c) push({ kind: 'caption', from: c[0], to: c[1], table, part });
      }
      if (!part.labelledRows) {
        // Table 四: no row labels; its one row's digits follow the last column header (总计).
        const headers = part.columns.map((c) => c.label);
        const start = findAny(text, table.openers, at);
        let cursor = start ? start[0] : at;
        const cuts: number[] = [];
        for (const label of headers) {
          const c = findAny(text, [label], cursor);
          if (!c || c[0] - cursor > 200) break;
          cuts.push(c[0], c[1]);
          cursor = c[1];
        }
        if (start && cuts.length === headers.length * 2 && isDigit(text.charCodeAt(cursor))) {
          // The header begins at the opener nearest its first column label (prose may name it earlier).
          const from = Math.max(start[0], ...table.openers.map((o) => text.lastIndexOf(o, cuts[0])));
          push({ kind: 'header', from, to: cursor, table, part, cuts });
          marks.push({ kind: 'table4', from: cursor, to: cursor, table, part, row: 0 });
        } else if (start) {
          // Abbreviated headers (结果 for 结果维持): the row starts where the last column's label meets a digit.
          const lastLabel = headers[headers.length - 1];
          let i = text.indexOf(lastLabel, start[1]);
          while (i >= 0 && i - start[1] < 400 && !isDigit(text.charCodeAt(i + lastLabel.length))) i = text.indexOf(lastLabel, i + 1);
          if (i >= 0 && i - start[1] < 400) {
            const to = i + lastLabel.length;
            const from = text.lastIndexOf(table.openers[0], i);
            const cuts: number[] = [];
            for (let j = text.indexOf(lastLabel, from); j >= 0 && j < to; j = text.indexOf(lastLabel, j + 1)) cuts.push(j + lastLabel.length, j + lastLabel.length);
            push({ kind: 'header', from, to, table, part, cuts });
            marks.push({ kind: 'table4', from: to, to, table, part, row: 0 });
          }
        }
        continue;
      }
      const groupsSeen = new Set<string>();
      part.rows.forEach((row, ri) => {
        // A group's label (三、本年度办理结果, （三）不予公开) stands before its first row.
        const chain: string[] = [];
        for (let g = part.groups.find((x) => x.id === row.group); g; g = part.groups.find((x) => x.id === g!.parent)) chain.unshift(g.id);
        for (const gid of chain) {
          if (groupsSeen.has(gid)) continue;
          groupsSeen.add(gid);
          const g = part.groups.find((x) => x.id === gid)!;
          const found = findAny(text, [g.label], at);
          if (found && found[0] - at < 200) push({ kind: 'group', from: found[0], to: found[1], table, part });
        }
        const r = findAny(text, rowLabels(row), at);
        if (r) push({ kind: 'row', from: r[0], to: r[1], table, part, row: ri });
      });
    }
  }
  return marks;
}

/** The number of ways to cut `digits` into `n` counts without leading zeros (capped at 2). */
function countSplits(digits: string, n: number): number {
  const L = digits.length;
  // ways[k][i]: ways to cut digits[i..] into k parts; capped at 2 since only "one" matters.
  let next = new Array<number>(L + 1).fill(0);
  next[L] = 1;
  for (let k = 1; k <= n; k++) {
    const cur = new Array<number>(L + 1).fill(0);
    for (let i = L - 1; i >= 0; i--) {
      const maxLen = digits.charCodeAt(i) === 48 ? 1 : MAX_CELL_DIGITS;
      let w = 0;
      for (let l = 1; l <= maxLen && i + l <= L; l++) w = Math.min(2, w + next[i + l]);
      cur[i] = w;
    }
    next = cur;
  }
  return next[0];
}

interface RowIdentity {
  left: number[];
  right: number[];
  last: number;
}

function rowIdentities(part: PartDef): RowIdentity[] {
  const idx = (id: string) => part.columns.findIndex((c) => c.id === id);
  return part.identities
    .filter((d: IdentityDef) => d.forEach === 'row')
    .map((d) => {
      const left = d.left.map(idx);
      const right = d.right.map(idx);
      return { left, right, last: Math.max(...left, ...right) };
    })
    .filter((d) => d.left.every((i) => i >= 0) && d.right.every((i) => i >= 0));
}

const sum = (xs: number[], at: number[]) => at.reduce((s, i) => s + xs[i], 0);

/** Every cut of `digits` into the row's cells that satisfies the row identities; null when the work bound is hit. */
function splitsByIdentity(digits: string, n: number, ids: RowIdentity[]): number[][] | null {
  const out: number[][] = [];
  const parts: number[] = [];
  const totalLast = ids.find((d) => d.left.length === 1 && d.left[0] === n - 1 && d.right.every((c) => c < n - 1));
  let steps = 0;
  let aborted = false;
  const go = (i: number, k: number) => {
    if (aborted) return;
    if (++steps > MAX_SPLIT_STEPS || out.length > MAX_CANDIDATES) {
      aborted = true;
      return;
    }
    if (k === n) {
      if (i === digits.length) out.push([...parts]);
      return;
    }
    const rest = digits.length - i;
    const left = n - k;
    if (rest < left || rest > left * MAX_CELL_DIGITS) return;
    if (totalLast && k > 0 && k < n - 1) {
      // The last cell is the total of cells before it: leave it at least as many digits as the sum so far.
      const partial = sum(parts, totalLast.right.filter((c) => c < k));
      if (rest - (n - 1 - k) < String(partial).length) return;
    }
    const maxLen = digits.charCodeAt(i) === 48 ? 1 : Math.min(MAX_CELL_DIGITS, rest - (left - 1));
    for (let l = 1; l <= maxLen; l++) {
      parts[k] = Number(digits.slice(i, i + l));
      if (ids.every((d) => d.last !== k || sum(parts, d.left) === sum(parts, d.right))) go(i + l, k + 1);
    }
    parts.length = k;
  };
  go(0, 0);
  return aborted ? null : out;
}

function forcedSplit(digits: string, n: number): number[] {
  // Exactly one structural cut: found greedily by trying the only viable lengths.
  const out: number[] = [];
  let i = 0;
  for (let k = 0; k < n; k++) {
    const maxLen = digits.charCodeAt(i) === 48 ? 1 : MAX_CELL_DIGITS;
    for (let l = 1; l <= maxLen; l++) {
      if (countSplits(digits.slice(i + l), n - k - 1) >= 1) {
        out.push(Number(digits.slice(i, i + l)));
        i += l;
        break;
      }
    }
  }
  return out;
}

interface RowReading {
  part: PartDef;
  row: number;
  /** The row's content after its label, as written. */
  raw: string;
  candidates: number[][] | null; // null: unreadable
  /** Read from the text alone (separated, or only one cut by length); else chosen by the identities. */
  forced: boolean;
}

function rowCandidates(raw: string, part: PartDef): number[][] | null {
  const n = part.columns.length;
  const s = raw.trim();
  if (s === '') return null;
  // Separated after all (spaces between the values): read as written if the count fits.
  if (/\s/.test(s)) {
    const tokens = s.split(/\s+/);
    return tokens.length === n && tokens.every((t) => /^\d+(\.\d+)?$/.test(t)) ? [tokens.map(Number)] : null;
  }
  if (n === 1) return /^\d+(\.\d+)?$/.test(s) ? [[Number(s)]] : null;
  if (!/^\d+$/.test(s)) return null;
  const structural = countSplits(s, n);
  if (structural === 0) return null;
  if (structural === 1) return [forcedSplit(s, n)];
  return splitsByIdentity(s, n, rowIdentities(part));
}

function isForced(raw: string, part: PartDef): boolean {
  const s = raw.trim();
  return part.columns.length === 1 || /\s/.test(s) || countSplits(s, part.columns.length) === 1;
}

/** One reading for every row of the part, using the column identities across rows; null unless unique. */
function solveTable(rows: RowReading[]): Map<RowReading, number[]> | null {
  if (rows.some((r) => r.candidates === null || r.candidates.length === 0)) return null;
  // Read from the text alone: the engine checks the arithmetic. A row chosen by the identities is only
  // believed if the whole table then adds up (else a misread and a real error cannot be told apart).
  if (rows.every((r) => r.forced)) return new Map(rows.map((r) => [r, r.candidates![0]]));
  const part = rows[0].part;
  const byRowId = new Map(rows.map((r, i) => [part.rows[r.row].id, i]));
  const colIds = part.identities
    .filter((d) => d.forEach === 'column')
    .map((d) => ({ left: d.left.map((id) => byRowId.get(id) ?? -1), right: d.right.map((id) => byRowId.get(id) ?? -1) }))
    .filter((d) => d.left.every((i) => i >= 0) && d.right.every((i) => i >= 0))
    .map((d) => ({ ...d, last: Math.max(...d.left, ...d.right) }));
  const chosen: number[][] = [];
  const solutions: number[][][] = [];
  let nodes = 0;
  const go = (k: number) => {
    if (solutions.length > 1 || ++nodes > MAX_SEARCH_NODES) return;
    if (k === rows.length) {
      solutions.push([...chosen]);
      return;
    }
    for (const c of rows[k].candidates!) {
      chosen[k] = c;
      const ok = colIds.every(
        (d) => d.last !== k || c.every((_, col) => d.left.reduce((s, i) => s + chosen[i][col], 0) === d.right.reduce((s, i) => s + chosen[i][col], 0)),
      );
      if (ok) go(k + 1);
    }
  };
  go(0);
  if (nodes > MAX_SEARCH_NODES || solutions.length !== 1) return null;
  return new Map(rows.map((r, i) => [r, solutions[0][i]]));
}

/** The labels flattenedAt looks for first: table 三's first row, without its numbering. */
const firstRowNeedles = memo((format: FormatDef): string[] =>
  rowLabels(format.tables.find((t) => t.id === 'applications')!.parts[0].rows[0]).map((l) => l.replace(/^[一二三四五六七八九十]+、/, '')),
);

/**
 * Whether flattenedAt may find the text flattened, read on the text as it is. Folding changes no character
 * of a needle that holds none of the characters folding makes, so such a needle is found where it is found
 * in the folded text; the character after it folds to a digit when it is a digit of either width.
 */
function mayBeFlattened(original: string): boolean {
  for (const format of FORMATS) {
    const needles = firstRowNeedles(format);
    if (needles.some((n) => FOLDS_TO.test(n))) return true;
    const hit = findAny(original, needles, 0);
    if (hit && (isDigit(original.charCodeAt(hit[1])) || isWideDigit(original.charCodeAt(hit[1])))) return true;
  }
  return false;
}
const isWideDigit = (c: number) => c >= 0xff10 && c <= 0xff19;

function pickFormat(text: string): { format: FormatDef; at: number } | null {
  for (const format of [CURRENT_FORMAT, ...FORMATS.filter((f) => f !== CURRENT_FORMAT)]) {
    const at = flattenedAt(text, format);
    if (at >= 0) return { format, at };
  }
  return null;
}

const FOLD: Record<string, string> = { '(': '（', ')': '）', ',': '，', ':': '：', ';': '；', '"': '”' };

/** What folding changes: the punctuation of FOLD and the full-width digits. */
const FOLDED = new RegExp(`[${Object.keys(FOLD).join('')}\\uff10-\\uff19]`, 'g');
/** What folding makes: a needle holding one of these may match folded text where the text itself does not. */
const FOLDS_TO = new RegExp(`[${Object.values(FOLD).join('')}0-9]`);

/** Half-width punctuation and full-width digits as the format writes them, one code unit for one. */
function foldSameLength(s: string): string {
  // One replace, not a string grown by a code unit at a time: every text file of the CLI passes here.
  return s.replace(FOLDED, (ch) => FOLD[ch] ?? String.fromCharCode(ch.charCodeAt(0) - 0xff10 + 48));
}

/** The leading number run of a row's content; the rest is prose after the table. */
function leadingRun(s: string, amount: boolean): [string, string] {
  let i = 0;
  while (i < s.length && (isDigit(s.charCodeAt(i)) || s[i] === ' ' || (amount && s[i] === '.'))) i++;
  return [s.slice(0, i), s.slice(i)];
}

/**
 * Reads text whose tables lost their separators. Null when the text is not flattened (its tables have
 * line breaks or separators), so that the ordinary engine reads it as it is.
 */
export function readFlattenedText(original: string): ReadResult | null {
  if (original.length > MAX_FLAT_LENGTH) return null;
  // Every text file of the CLI passes here, and nearly none is flattened: refused before it is folded.
  if (!mayBeFlattened(original)) return null;
  // Labels are searched in a folded copy of the same length, so that indices stay the original's.
  const text = foldSameLength(original);
  const picked = pickFormat(text);
  if (!picked) return null;
  const { format } = picked;
  const marks = findMarks(text, format);
  const problems: ReadProblem[] = [];

  // Each mark owns the text up to the next mark.
  const ownedEnd = (i: number) => (i + 1 < marks.length ? marks[i + 1].from : text.length);
  const owned = marks.map((m, i) => text.slice(m.to, ownedEnd(i)));
  const shown = marks.map((m, i) => original.slice(m.to, ownedEnd(i)));
  const readings = new Map<Mark, RowReading>();
  const tail = new Map<Mark, string>();
  marks.forEach((m, i) => {
    if (m.kind !== 'row' && m.kind !== 'table4') return;
    const amount = m.part!.columns.some((c) => c.kind === 'amount');
    const [run] = leadingRun(owned[i], amount);
    tail.set(m, shown[i].slice(run.length));
    readings.set(m, { part: m.part!, row: m.row!, raw: run, candidates: rowCandidates(run, m.part!), forced: isForced(run, m.part!) });
  });
  // Solve table by table: a table is read only if all of its parts are.
  const solved = new Map<RowReading, number[]>();
  const unreadable = new Set<TableDef>();
  for (const table of format.tables) {
    let ok = true;
    for (const part of table.parts) {
      const rows = [...readings.values()].filter((r) => r.part === part);
      if (rows.length === 0) continue;
      const s = solveTable(rows);
      if (!s) ok = false;
      else for (const [r, v] of s) solved.set(r, v);
    }
    if (!ok) {
      unreadable.add(table);
      problems.push({
        table: table.id,
        ...problem(
          'table-ambiguous',
          `${table.name}的单元格分隔已丢失，其中的数字无法无歧义地读出（可有多种或没有符合合计关系的拆分），未核对该表的数字。`,
          `${table.nameEn} lost its cell separators; its numbers cannot be read unambiguously (several or no splits fit the totals), so its arithmetic was not checked.`,
        ),
      });
    }
  }

  const r = new Rendering();
  const src = { kind: 'text' as const };
  if (marks.length === 0 || marks[0].from > 0) r.paragraph(original.slice(0, marks[0]?.from ?? text.length).trim(), src);
  let prefix: string[] = [];
  marks.forEach((m, i) => {
    const label = original.slice(m.from, m.to);
    if (m.kind === 'group') {
      prefix.push(label);
      if (shown[i].trim() !== '') {
        r.row([...prefix.map((t) => ({ text: t, source: src }))]);
        r.paragraph(shown[i].trim(), src);
        prefix = [];
      }
      return;
    }
    if (m.kind === 'row' || m.kind === 'table4') {
      const reading = readings.get(m)!;
      const values = unreadable.has(m.table!) ? null : solved.get(reading);
      const fields = [...prefix, ...(m.kind === 'row' ? [label] : [])].map((t) => ({ text: t, source: src }));
      prefix = [];
      // An unreadable table keeps its labels and loses its numbers: nothing to add up on a guess.
      if (values) for (const v of values) fields.push({ text: String(v), source: src });
      if (fields.length) r.row(fields);
      const rest = tail.get(m)!.trim();
      if (rest) r.paragraph(rest, src);
      return;
    }
    if (m.kind === 'header' && m.cuts) {
      // The column headers as fields: the labels and the group names between them.
      const points = [m.from, ...m.cuts, m.to];
      const fields: { text: string; source: typeof src }[] = [];
      for (let k = 0; k + 1 < points.length; k++) {
        const piece = original.slice(points[k], points[k + 1]).trim();
        if (piece) fields.push({ text: piece, source: src });
      }
      r.row(fields);
      return;
    }
    if (m.kind === 'heading') r.blank();
    r.paragraph(label.trim(), src);
    const own = shown[i].trim();
    if (own) r.paragraph(own, src);
  });
  return { kind: 'text', text: r.text(), spans: r.spans, problems };
}
