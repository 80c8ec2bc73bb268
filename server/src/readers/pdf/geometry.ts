// From positioned text and ruling lines to the text rendering: tables rebuilt from their grids (or, without
// rules, from column x-ranges), prose as lines in reading order. Pure and pdf.js-free, so it can be tested
// on hand-made geometry. Coordinates: PDF points, origin top-left of the page, y down.

export interface TextBox {
  str: string;
  /** Left, top, width, height of the glyph run; size is the font size. */
  x: number;
  y: number;
  width: number;
  height: number;
  size: number;
}

/** A horizontal (y1 = y2) or vertical (x1 = x2) straight line. */
export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PageContent {
  number: number;
  width: number;
  height: number;
  items: TextBox[];
  rules: Rule[];
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Field {
  text: string;
  box: Box;
  page: number;
}

export interface TableBlock {
  kind: 'table';
  page: number;
  top: number;
  bottom: number;
  /** Column boundaries (x of the vertical rules, or of the gaps between columns). */
  xs: number[];
  /** One per table row; null where the row has no cell of its own (merged from the left or from above). */
  rows: (Field | null)[][];
  /** Cells found from rules (true) or from column x-ranges (false). */
  ruled: boolean;
  /** The same table continued on a later page (used to extend the source map only). */
  pages: number[];
}

export interface LineBlock {
  kind: 'line';
  page: number;
  top: number;
  bottom: number;
  text: string;
  box: Box;
  /** Reaches the right margin: the paragraph goes on in the next line. */
  full: boolean;
  left: number;
}

export type Block = TableBlock | LineBlock;

/** Positions closer than this (points) are the same rule or the same column edge. */
const SNAP = 2;
/** At most this many rules per page are considered (a drawing, not a table, beyond that). */
const MAX_RULES = 4000;

const center = (t: TextBox) => ({ x: t.x + t.width / 2, y: t.y + t.height / 2 });
const bbox = (boxes: Box[]): Box => {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
};
const round = (n: number) => Math.round(n * 100) / 100;
export const roundBox = (b: Box): Box => ({ x: round(b.x), y: round(b.y), width: round(b.width), height: round(b.height) });

class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

interface Segment {
  at: number;
  from: number;
  to: number;
}

/**
 * Collinear pieces (a border drawn cell by cell) joined into one segment per line. Pieces are first grouped
 * by position (within SNAP, as the grid's positions are), then joined along the line in order of where they
 * start: a double border or a piece drawn 0.3 pt off must not hide a piece of the same line that starts
 * further left (which would drop the row boundary there and merge a header into the first data row).
 */
function mergeSegments(segs: Segment[]): Segment[] {
  const byAt = [...segs].sort((a, b) => a.at - b.at);
  const out: Segment[] = [];
  let k = 0;
  while (k < byAt.length) {
    let end = k + 1;
    while (end < byAt.length && byAt[end].at - byAt[end - 1].at <= SNAP) end++;
    const group = byAt.slice(k, end).sort((a, b) => a.from - b.from);
    let cur: (Segment & { sum: number; n: number }) | null = null;
    for (const s of group) {
      if (cur && s.from <= cur.to + SNAP) {
        cur.to = Math.max(cur.to, s.to);
        cur.sum += s.at;
        cur.n++;
      } else {
        if (cur) out.push({ at: cur.sum / cur.n, from: cur.from, to: cur.to });
        cur = { ...s, sum: s.at, n: 1 };
      }
    }
    if (cur) out.push({ at: cur.sum / cur.n, from: cur.from, to: cur.to });
    k = end;
  }
  return out;
}

/** Sorted distinct positions, with those closer than SNAP merged. */
function clusterPositions(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last && v - last[last.length - 1] <= SNAP) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

/** Does a segment at position `at` cover the span from..to (all but its ends)? */
function covered(segs: Segment[], at: number, from: number, to: number): boolean {
  const margin = Math.min(SNAP, (to - from) / 4);
  return segs.some((s) => Math.abs(s.at - at) <= SNAP && s.from <= from + margin && s.to >= to - margin);
}

/** Text of a cell: its runs in lines (by baseline), each line left to right, lines joined. */
export function joinText(items: TextBox[]): string {
  const lines = toLines(items);
  let text = '';
  for (const l of lines) {
    const s = l.text;
    if (text && /[A-Za-z0-9]$/.test(text) && /^[A-Za-z0-9]/.test(s) && !/\d$/.test(text)) text += ' ';
    text += s;
  }
  return text.replace(/\s+/g, ' ').trim();
}

interface TextLine {
  items: TextBox[];
  text: string;
  box: Box;
}

/** Baseline clustering: runs whose vertical centres are within half a line of each other form one line. */
export function toLines(items: TextBox[]): TextLine[] {
  const sorted = [...items].sort((a, b) => center(a).y - center(b).y || a.x - b.x);
  const groups: { y: number; size: number; items: TextBox[] }[] = [];
  for (const t of sorted) {
    const c = center(t).y;
    const g = groups.at(-1);
    if (g && Math.abs(c - g.y) <= Math.max(g.size, t.size) * 0.45) {
      g.items.push(t);
      g.y = (g.y * (g.items.length - 1) + c) / g.items.length;
    } else groups.push({ y: c, size: t.size, items: [t] });
  }
  return groups.map((g) => {
    const row = g.items.sort((a, b) => a.x - b.x);
    let text = '';
    let right = -Infinity;
    for (const t of row) {
      if (text && t.x - right > t.size * 0.25 && !text.endsWith(' ')) text += ' ';
      text += t.str;
      right = Math.max(right, t.x + t.width);
    }
    return { items: row, text: text.replace(/\s+$/, ''), box: bbox(row) };
  });
}

interface RuledGrid {
  xs: number[];
  ys: number[];
  box: Box;
  /** The merged horizontal and vertical rules the grid is made of. */
  h: Segment[];
  v: Segment[];
}

/** Groups of crossing horizontal and vertical rules, each a table grid. */
function findGrids(rules: Rule[]): RuledGrid[] {
  const hs = mergeSegments(rules.filter((r) => r.y1 === r.y2).slice(0, MAX_RULES).map((r) => ({ at: r.y1, from: r.x1, to: r.x2 })));
  const vs = mergeSegments(rules.filter((r) => r.x1 === r.x2).slice(0, MAX_RULES).map((r) => ({ at: r.x1, from: r.y1, to: r.y2 })));
  const uf = new UnionFind(hs.length + vs.length);
  for (let i = 0; i < hs.length; i++)
    for (let j = 0; j < vs.length; j++) {
      const h = hs[i];
      const v = vs[j];
      if (v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP) uf.union(i, hs.length + j);
    }
  const comps = new Map<number, { h: Segment[]; v: Segment[] }>();
  hs.forEach((h, i) => {
    const r = uf.find(i);
    if (!comps.has(r)) comps.set(r, { h: [], v: [] });
    comps.get(r)!.h.push(h);
  });
  vs.forEach((v, j) => {
    const r = uf.find(hs.length + j);
    if (!comps.has(r)) comps.set(r, { h: [], v: [] });
    comps.get(r)!.v.push(v);
  });
  const grids: RuledGrid[] = [];
  for (const { h, v } of comps.values()) {
    const ys = clusterPositions(h.map((s) => s.at));
    const xs = clusterPositions(v.map((s) => s.at));
    if (ys.length < 2 || xs.length < 2) continue;
    grids.push({ xs, ys, h, v, box: { x: xs[0], y: ys[0], width: xs.at(-1)! - xs[0], height: ys.at(-1)! - ys[0] } });
  }
  return grids;
}

/** Index of the interval of sorted `edges` that holds v, or -1. */
function slot(edges: number[], v: number): number {
  if (v < edges[0] || v > edges[edges.length - 1]) return -1;
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function inside(b: Box, x: number, y: number): boolean {
  return x >= b.x - SNAP && x <= b.x + b.width + SNAP && y >= b.y - SNAP && y <= b.y + b.height + SNAP;
}

/** Cells of a ruled grid: grid rectangles joined where the rule between them is missing (merged cells). */
function ruledTable(page: number, grid: RuledGrid, items: TextBox[]): TableBlock {
  const { xs, ys, h, v } = grid;
  const R = ys.length - 1;
  const C = xs.length - 1;
  const uf = new UnionFind(R * C);
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) {
      if (c + 1 < C && !covered(v, xs[c + 1], ys[r], ys[r + 1])) uf.union(r * C + c, r * C + c + 1);
      if (r + 1 < R && !covered(h, ys[r + 1], xs[c], xs[c + 1])) uf.union(r * C + c, (r + 1) * C + c);
    }
  const extent = new Map<number, { r0: number; r1: number; c0: number; c1: number; items: TextBox[] }>();
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) {
      const root = uf.find(r * C + c);
      const e = extent.get(root);
      if (!e) extent.set(root, { r0: r, r1: r, c0: c, c1: c, items: [] });
      else {
        e.r1 = Math.max(e.r1, r);
        e.c0 = Math.min(e.c0, c);
        e.c1 = Math.max(e.c1, c);
      }
    }
  for (const t of items) {
    const p = center(t);
    const r = slot(ys, p.y);
    const c = slot(xs, p.x);
    if (r < 0 || c < 0) continue;
    extent.get(uf.find(r * C + c))!.items.push(t);
  }
  const rows: (Field | null)[][] = Array.from({ length: R }, () => Array<Field | null>(C).fill(null));
  for (const e of extent.values()) {
    const text = joinText(e.items);
    rows[e.r0][e.c0] = { text, page, box: { x: xs[e.c0], y: ys[e.r0], width: xs[e.c1 + 1] - xs[e.c0], height: ys[e.r1 + 1] - ys[e.r0] } };
  }
  // Grid rows with no text of their own (a rule drawn part-way, a row of merged cells) say nothing, except a
  // row of empty cells ruled on all four sides (a blank data row, as in a template), which is a row.
  const ownCells = Array.from({ length: R }, () => true);
  for (const e of extent.values()) if (e.r0 !== e.r1) for (let r = e.r0; r <= e.r1; r++) ownCells[r] = false;
  const minHeight = Math.min(...items.map((t) => t.height), Infinity);
  const blankRow = (r: number) => ownCells[r] && C >= 2 && Number.isFinite(minHeight) && ys[r + 1] - ys[r] >= minHeight;
  const kept = rows.filter((row, r) => row.some((f) => f && f.text !== '') || blankRow(r));
  return { kind: 'table', page, top: ys[0], bottom: ys[R], xs, rows: kept, ruled: true, pages: [page] };
}

/** A run of text with a wide gap on both sides of its neighbours: one cell of an unruled table. */
interface Chunk {
  items: TextBox[];
  box: Box;
  text: string;
}

function chunksOf(line: TextLine): Chunk[] {
  const out: Chunk[] = [];
  for (const t of line.items) {
    const last = out.at(-1);
    if (last && t.x - (last.box.x + last.box.width) < t.size * 0.45) {
      last.items.push(t);
      last.box = bbox(last.items);
    } else out.push({ items: [t], box: { x: t.x, y: t.y, width: t.width, height: t.height }, text: '' });
  }
  for (const c of out) c.text = joinText(c.items);
  return out;
}

const NUMERIC = /^[-+−]?\d[\d,，.]*$/;

/**
 * Unruled tables: runs of lines with wide gaps, at least one with numbers after its label. Number columns
 * are the x-ranges of the numbers (gaps in their projection); the label area left of them is split into
 * label columns by where label chunks start. Label chunks stacked in one label column (a wrapped label,
 * a group label written down a tall cell) are one cell, and each cell goes to the row of the numbered line
 * nearest to its vertical centre, so a wrapped label's two lines go to the numbers centred between them.
 */
function unruledTables(page: number, lines: TextLine[]): { tables: TableBlock[]; rest: TextLine[] } {
  const chunked = lines.map((l) => ({ line: l, chunks: chunksOf(l) }));
  const isAnchor = (b: { chunks: Chunk[] }) => b.chunks.length >= 2 && b.chunks.slice(1).some((c) => NUMERIC.test(c.text));
  const tables: TableBlock[] = [];
  const rest: TextLine[] = [];
  let i = 0;
  let done = 0;
  while (i < chunked.length) {
    if (chunked[i].chunks.length < 2) {
      rest.push(chunked[i].line);
      i++;
      continue;
    }
    // Lines of one chunk just above (a label's first line, at the top of a page) belong to the block.
    let start = i;
    while (start > done && chunked[start - 1].chunks.length === 1 && chunked[start].line.box.y - (chunked[start - 1].line.box.y + chunked[start - 1].line.box.height) < chunked[start].line.box.height * 0.6) start--;
    rest.length -= i - start;
    i = start;
    // Extend over lines of ≥2 chunks, or single chunks close to the line above (wrapped labels).
    let j = i + 1;
    while (j < chunked.length) {
      const gap = chunked[j].line.box.y - (chunked[j - 1].line.box.y + chunked[j - 1].line.box.height);
      const near = gap < chunked[j].line.box.height * 1.2;
      if (chunked[j].chunks.length >= 2 || (near && (chunked.slice(j + 1, j + 5).some(isAnchor) || chunked.slice(Math.max(i, j - 3), j).some(isAnchor)))) j++;
      else break;
    }
    const block = chunked.slice(i, j);
    const anchors = block.filter(isAnchor);
    if (anchors.length < 1) {
      for (const b of block) rest.push(b.line);
      i = j;
      done = j;
      continue;
    }
    const numbers = anchors.flatMap((a) => a.chunks.slice(1).filter((c) => NUMERIC.test(c.text)));
    const spans = numbers.map((c) => [c.box.x, c.box.x + c.box.width] as [number, number]).sort((a, b) => a[0] - b[0]);
    const cols: [number, number][] = [];
    for (const [a, b] of spans) {
      const last = cols.at(-1);
      if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
      else cols.push([a, b]);
    }
    const labelRight = cols[0][0] - 1;
    let firstAnchor = block.indexOf(anchors[0]);
    // A one-chunk line right above the first numbered line is that row's label, not a header.
    while (firstAnchor > 0 && block[firstAnchor - 1].chunks.length === 1 && block[firstAnchor].line.box.y - (block[firstAnchor - 1].line.box.y + block[firstAnchor - 1].line.box.height) < block[firstAnchor].line.box.height * 0.5) firstAnchor--;
    const body = block.slice(firstAnchor).flatMap((b) => b.chunks);
    const labels = body.filter((c) => c.box.x + c.box.width / 2 < labelRight);
    const starts = clusterPositions(labels.map((c) => c.box.x)).filter((x, k, a) => k === 0 || x - a[k - 1] > 6);
    const labelCol = (c: Chunk) => {
      let k = 0;
      for (let m = 0; m < starts.length; m++) if (c.box.x >= starts[m] - 6) k = m;
      return k;
    };
    const numberCol = (c: Chunk) => {
      const x = c.box.x + c.box.width / 2;
      let best = 0;
      for (let k = 1; k < cols.length; k++) if (Math.abs((cols[k][0] + cols[k][1]) / 2 - x) < Math.abs((cols[best][0] + cols[best][1]) / 2 - x)) best = k;
      return best;
    };
    // Stack label chunks of one label column that follow each other at line spacing.
    const cells: { col: number; items: TextBox[]; box: Box }[] = [];
    for (const c of [...labels].sort((a, b) => a.box.y - b.box.y)) {
      const col = labelCol(c);
      const above = cells.filter((x) => x.col === col).at(-1);
      if (above && c.box.y - (above.box.y + above.box.height) < c.box.height * 0.45 && Math.abs(c.box.x - above.box.x) < 6) {
        above.items.push(...c.items);
        above.box = bbox(above.items);
      } else cells.push({ col, items: [...c.items], box: c.box });
    }
    const width = starts.length + cols.length;
    const rows: (Field | null)[][] = [];
    const toFields = (parts: { col: number; items: TextBox[] }[]) => {
      const fields: (Field | null)[] = Array(width).fill(null);
      const byCol = new Map<number, TextBox[]>();
      for (const p of parts) byCol.set(p.col, [...(byCol.get(p.col) ?? []), ...p.items]);
      for (const [k, its] of byCol) fields[k] = { text: joinText(its), box: bbox(its), page };
      return fields;
    };
    // Header lines before the first numbered line stay rows of their own.
    for (const b of block.slice(0, firstAnchor)) rows.push(toFields(b.chunks.map((c, k) => ({ col: Math.min(k, width - 1), items: c.items }))));
    const anchorRows = anchors.map((a) => ({ y: a.line.box.y + a.line.box.height / 2, parts: [] as { col: number; items: TextBox[] }[] }));
    const nearest = (y: number) => {
      let best = 0;
      for (let k = 1; k < anchorRows.length; k++) if (Math.abs(anchorRows[k].y - y) < Math.abs(anchorRows[best].y - y)) best = k;
      return anchorRows[best];
    };
    // Text far from every numbered line (a caption, a repeated header) is a row of its own.
    const own: { y: number; parts: { col: number; items: TextBox[] }[] }[] = [];
    const place = (box: Box, part: { col: number; items: TextBox[] }) => {
      const y = box.y + box.height / 2;
      const a = nearest(y);
      if (Math.abs(a.y - y) <= box.height / 2 + part.items[0].size * 0.9) a.parts.push(part);
      else {
        const o = own.find((x) => Math.abs(x.y - y) < part.items[0].size * 0.5);
        if (o) o.parts.push(part);
        else own.push({ y, parts: [part] });
      }
    };
    for (const c of cells) place(c.box, c);
    for (const c of body) if (!labels.includes(c)) place(c.box, { col: starts.length + numberCol(c), items: c.items });
    for (const o of own) o.parts = o.parts.map((p, k) => ({ ...p, col: k }));
    for (const r of [...anchorRows, ...own].sort((a, b) => a.y - b.y)) rows.push(toFields(r.parts));
    const top = Math.min(...block.map((b) => b.line.box.y));
    const bottom = Math.max(...block.map((b) => b.line.box.y + b.line.box.height));
    const xs = [...starts, ...cols.map((c) => c[0]), cols.at(-1)![1]];
    tables.push({ kind: 'table', page, top, bottom, xs, rows, ruled: false, pages: [page] });
    i = j;
    done = j;
  }
  return { tables, rest };
}

const PAGE_NUMBER = [
  /^[-—–－\s]*\d{1,4}[-—–－\s]*$/,
  /^第\s*\d{1,4}\s*页(\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/,
  /^(page|p\.)\s*\d{1,4}(\s*(of|\/)\s*\d{1,4})?$/i,
];
// What a browser prints in the margins when a page is saved as PDF with its headers and footers (Chrome's
// default): the date and time before the page's title at the top, the address and "2/3" at the bottom.
const BROWSER_HEADER = /^(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{4}年\d{1,2}月\d{1,2}日)[,，]?\s+(?:(?:上午|下午)\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?(?:\s|$)/;
const BROWSER_FOOTER = /^(?:https?|file):\/\/\S+(?:\s+\d{1,4}\s*\/\s*\d{1,4})?$/;
/** Page furniture lives in the outer tenth of the page. */
const MARGIN = 0.1;

export function isPageNumber(text: string): boolean {
  const t = text.trim();
  return PAGE_NUMBER.some((re) => re.test(t));
}

/** What a line in the margin says that is no part of the report: a page number, a browser's header or footer. */
export function isPageFurniture(text: string): boolean {
  const t = text.trim();
  return isPageNumber(t) || BROWSER_HEADER.test(t) || BROWSER_FOOTER.test(t);
}

/** Blocks of one page in reading order: tables from rules, unruled tables, prose lines; furniture dropped. */
export function layoutPage(page: PageContent): Block[] {
  const grids = findGrids(page.rules);
  const blocks: Block[] = [];
  const free: TextBox[] = [];
  const byGrid = grids.map(() => [] as TextBox[]);
  for (const t of page.items) {
    const p = center(t);
    const k = grids.findIndex((g) => inside(g.box, p.x, p.y));
    if (k >= 0) byGrid[k].push(t);
    else free.push(t);
  }
  grids.forEach((g, k) => {
    const table = ruledTable(page.number, g, byGrid[k]);
    if (table.rows.length) blocks.push(table);
  });
  const lines = toLines(free).filter((l) => {
    const inMargin = l.box.y < page.height * MARGIN || l.box.y + l.box.height > page.height * (1 - MARGIN);
    return !(inMargin && isPageFurniture(l.text));
  });
  const { tables, rest } = unruledTables(page.number, lines);
  blocks.push(...tables);
  const right = Math.max(0, ...rest.map((l) => l.box.x + l.box.width));
  const left = Math.min(...rest.map((l) => l.box.x));
  for (const l of rest) {
    const size = Math.max(...l.items.map((t) => t.size));
    blocks.push({ kind: 'line', page: page.number, top: l.box.y, bottom: l.box.y + l.box.height, text: l.text, box: l.box, full: l.box.x + l.box.width >= right - size * 1.5 && rest.length > 1, left: l.box.x - left });
  }
  return blocks.sort((a, b) => a.top - b.top);
}

const fieldsText = (row: (Field | null)[]) => row.map((f) => f?.text ?? '');
const sameRow = (a: (Field | null)[], b: (Field | null)[]) => fieldsText(a).join('\t') === fieldsText(b).join('\t');
const hasNumber = (row: (Field | null)[]) => row.some((f) => f && NUMERIC.test(f.text));
/** A label that starts a row of its own: 一、 （一） (一) 1. 1、 */
const NUMBERED = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.．、](?!\d))/;

/**
 * Whether `b` continues `a` on the next page, and if so the column of `a` each column of `b` is: the same
 * columns (the grids' vertical edges line up), or for a ruled table the same columns but for its first, which
 * spans `a`'s first few (the label columns). The rows of table 三 left for the next page (四、结转下年度继续办理
 * under its repeated header) have none of the inner rules the vertical groups above (三、本年度办理结果,
 * （三）不予公开) draw in the label columns; the value columns line up exactly.
 */
function continuation(a: TableBlock, b: TableBlock): number[] | null {
  if (a.ruled !== b.ruled) return null;
  const near = (x: number, y: number) => Math.abs(x - y) <= 3 * SNAP;
  const merged = a.xs.length - b.xs.length;
  if (merged < 0 || (merged > 0 && (!a.ruled || b.xs.length < 3))) return null;
  if (!near(a.xs[0], b.xs[0])) return null;
  for (let k = 1; k < b.xs.length; k++) if (!near(a.xs[k + merged], b.xs[k])) return null;
  return b.xs.slice(1).map((_, k) => (k === 0 ? 0 : k + merged));
}

/** A row of `b` in `a`'s columns (continuation's map): a merged column's further columns are merged from the left (null). */
function widen(row: (Field | null)[], map: readonly number[], columns: number): (Field | null)[] {
  if (map.length === columns) return row;
  const out = Array<Field | null>(columns).fill(null);
  row.forEach((f, k) => (out[map[k]] = f));
  return out;
}

/**
 * The whole document's blocks: a table that ends one page and starts the next continues (its repeated
 * header rows dropped, a row broken over the page break joined), prose lines of one paragraph joined.
 */
export function layoutDocument(pages: PageContent[]): Block[] {
  const out: Block[] = [];
  let previousPageLast: Block | null = null;
  for (const page of pages) {
    const blocks = layoutPage(page);
    if (blocks.length === 0) continue;
    const first = blocks[0];
    const a = previousPageLast?.kind === 'table' ? previousPageLast : null;
    const map = a && first.kind === 'table' ? continuation(a, first) : null;
    if (a && map && first.kind === 'table') {
      let rows = first.rows.map((row) => widen(row, map, a.xs.length - 1));
      let k = 0;
      while (k < rows.length && k < a.rows.length && !hasNumber(rows[k]) && sameRow(rows[k], a.rows[k])) k++;
      rows = rows.slice(k);
      // A row broken by the page break: its second half has no numbers, puts no text into a number of the
      // first half, and goes on in cells the first half has (a new row's label stands in a column where the
      // row above has none of its own, merged from above: 四、结转下年度继续办理 under （七）总计), and it
      // starts no numbered label (一、 （一） 1.).
      const tail = a.rows.at(-1);
      const continuesTail = (f: Field | null, c: number) => {
        if (!f || !f.text) return true;
        const above = tail?.[c];
        return !!above && !NUMBERED.test(f.text) && !(above.text && NUMERIC.test(above.text));
      };
      if (tail && rows.length && !hasNumber(rows[0]) && rows[0].every(continuesTail)) {
        const head = rows[0];
        const joined = tail.map((f, c) => {
          const g = head[c];
          if (!g || !g.text) return f;
          if (!f) return g;
          return { text: f.text + g.text, box: f.box, page: f.page };
        });
        a.rows[a.rows.length - 1] = joined;
        rows = rows.slice(1);
      }
      a.rows.push(...rows);
      a.pages.push(page.number);
      blocks.shift();
    }
    out.push(...blocks);
    previousPageLast = out.at(-1) ?? null;
  }
  return out;
}
