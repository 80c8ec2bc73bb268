// pdf.js behind one function: bytes → per page, the text items and the straight rules (table borders) with
// their positions. This module is the only one that imports pdfjs-dist; it is loaded lazily (and bundled
// on its own as dist/pdf-reader.js) because pdf.js is far larger than the rest of the product.
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { OPS, getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PageContent, Rule, TextBox } from './geometry.js';

// pdf.js runs its "worker" in this thread when it finds the worker module here: no worker file, no thread.
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;

/**
 * Character maps for PDFs whose Chinese fonts are not embedded (STSong-Light with UniGB-UCS2-H and the like,
 * common in government PDFs): read from dist/pdf-cmaps next to the bundle, or from pdfjs-dist when run from
 * source. pdf.js's own Node reader needs process.getBuiltinModule (Node ≥ 20.16), hence this one.
 */
function cMapDirs(): string[] {
  const dirs: string[] = [];
  if (typeof __dirname === 'string') dirs.push(join(__dirname, 'pdf-cmaps'));
  try {
    dirs.push(join(dirname(require.resolve('pdfjs-dist/package.json')), 'cmaps'));
  } catch {
    // Bundled: no node_modules.
  }
  return dirs.filter((d) => existsSync(d));
}

class FileCMapReaderFactory {
  private dirs = cMapDirs();
  constructor(_: unknown) {}
  async fetch({ name }: { name: string }): Promise<{ cMapData: Uint8Array; isCompressed: boolean }> {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`bad CMap name ${name}`);
    for (const d of this.dirs) {
      const file = join(d, `${name}.bcmap`);
      if (existsSync(file)) return { cMapData: new Uint8Array(readFileSync(file)), isCompressed: true };
    }
    throw new Error(`CMap ${name} not available`);
  }
}

export type EngineFailure = 'encrypted' | 'broken';

export class EngineError extends Error {
  constructor(
    readonly failure: EngineFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface Extracted {
  numPages: number;
  pages: PageContent[];
  /** Pages that pdf.js could not read (1-based). */
  failedPages: number[];
  /** Stopped before maxPages because the time budget ran out. */
  timedOut: boolean;
}

/** Operators read per page at most: a page of a report draws a few thousand. */
const MAX_OPS_PER_PAGE = 400_000;
/** Thinner than this (points) a filled rectangle is a rule, not a shaded area. */
const THIN = 2.5;

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  n[0] * m[0] + n[1] * m[2],
  n[0] * m[1] + n[1] * m[3],
  n[2] * m[0] + n[3] * m[2],
  n[2] * m[1] + n[3] * m[3],
  n[4] * m[0] + n[5] * m[2] + m[4],
  n[4] * m[1] + n[5] * m[3] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

/** Straight axis-aligned pieces of the page's vector graphics that could be table borders (PDF user space). */
function rulesOf(fnArray: number[], argsArray: unknown[], pageTop: number): Rule[] {
  const rules: Rule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let lines: [number, number, number, number][] = [];
  let rects: [number, number, number, number][] = []; // x0, y0, x1, y1 in device space
  const toTop = (y: number) => pageTop - y;
  const add = (x1: number, y1: number, x2: number, y2: number) => {
    if (Math.abs(y1 - y2) < 0.8 && Math.abs(x1 - x2) >= 1) rules.push({ x1: Math.min(x1, x2), y1: toTop(y1), x2: Math.max(x1, x2), y2: toTop(y1) });
    else if (Math.abs(x1 - x2) < 0.8 && Math.abs(y1 - y2) >= 1) rules.push({ x1, y1: toTop(Math.max(y1, y2)), x2: x1, y2: toTop(Math.min(y1, y2)) });
  };
  const n = Math.min(fnArray.length, MAX_OPS_PER_PAGE);
  for (let i = 0; i < n; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin && args) {
      stack.push(ctm);
      if (Array.isArray(args[0]) && args[0].length === 6) ctm = multiply(ctm, args[0] as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath && args) {
      const ops = args[0] as number[];
      const coords = args[1] as number[];
      let k = 0;
      let cx = 0;
      let cy = 0;
      let sx = 0;
      let sy = 0;
      for (const op of ops) {
        if (op === OPS.moveTo) {
          [cx, cy] = apply(ctm, coords[k], coords[k + 1]);
          [sx, sy] = [cx, cy];
          k += 2;
        } else if (op === OPS.lineTo) {
          const [x, y] = apply(ctm, coords[k], coords[k + 1]);
          lines.push([cx, cy, x, y]);
          [cx, cy] = [x, y];
          k += 2;
        } else if (op === OPS.rectangle) {
          const [x0, y0] = apply(ctm, coords[k], coords[k + 1]);
          const [x1, y1] = apply(ctm, coords[k] + coords[k + 2], coords[k + 1] + coords[k + 3]);
          rects.push([Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)]);
          k += 4;
        } else if (op === OPS.curveTo) k += 6;
        else if (op === OPS.curveTo2 || op === OPS.curveTo3) k += 4;
        else if (op === OPS.closePath) {
          if (cx !== sx || cy !== sy) lines.push([cx, cy, sx, sy]);
          [cx, cy] = [sx, sy];
        }
      }
    } else if (STROKES.has(fn) || FILLS.has(fn) || fn === OPS.endPath) {
      if (STROKES.has(fn)) {
        for (const [x1, y1, x2, y2] of lines) add(x1, y1, x2, y2);
        for (const [x0, y0, x1, y1] of rects) {
          add(x0, y0, x1, y0);
          add(x0, y1, x1, y1);
          add(x0, y0, x0, y1);
          add(x1, y0, x1, y1);
        }
      } else if (FILLS.has(fn)) {
        // A thin filled rectangle (or a closed four-point path of the same shape) is drawn as a rule.
        const boxes = [...rects];
        if (lines.length >= 3 && lines.length <= 5) {
          const xs = lines.flatMap((l) => [l[0], l[2]]);
          const ys = lines.flatMap((l) => [l[1], l[3]]);
          boxes.push([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
        }
        for (const [x0, y0, x1, y1] of boxes) {
          if (y1 - y0 <= THIN && x1 - x0 > THIN) add(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
          else if (x1 - x0 <= THIN && y1 - y0 > THIN) add((x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
        }
      }
      lines = [];
      rects = [];
    }
  }
  return rules;
}

interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

export async function extract(bytes: Uint8Array, maxPages: number, deadline: number): Promise<Extracted> {
  // pdf.js may keep (and detach) the buffer it is given: hand it a copy.
  const task = getDocument({ data: bytes.slice(), CMapReaderFactory: FileCMapReaderFactory as never, cMapPacked: true, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const name = (e as { name?: string })?.name ?? '';
    if (name === 'PasswordException') throw new EngineError('encrypted', String((e as Error).message));
    throw new EngineError('broken', String((e as Error)?.message ?? e));
  }
  const out: Extracted = { numPages: doc.numPages, pages: [], failedPages: [], timedOut: false };
  try {
    const last = Math.min(doc.numPages, maxPages);
    for (let p = 1; p <= last; p++) {
      if (Date.now() > deadline) {
        out.timedOut = true;
        break;
      }
      try {
        const page = await doc.getPage(p);
        const [vx0, vy0, vx1, vy1] = page.view;
        const top = vy1;
        const content = await page.getTextContent();
        const items: TextBox[] = [];
        for (const raw of content.items as PdfTextItem[]) {
          if (typeof raw.str !== 'string' || raw.str.trim() === '') continue;
          const [a, b, c, d, e, f] = raw.transform;
          const size = Math.hypot(c, d) || Math.hypot(a, b) || raw.height || 1;
          const upright = Math.abs(b) < 1e-6 && Math.abs(c) < 1e-6;
          const width = upright ? raw.width : Math.max(raw.width, size);
          items.push({ str: raw.str, x: e - vx0, y: top - f - size * 0.88, width, height: size * 1.1, size });
        }
        const ops = await page.getOperatorList();
        const rules = rulesOf(ops.fnArray, ops.argsArray, top).map((r) => ({ ...r, x1: r.x1 - vx0, x2: r.x2 - vx0 }));
        out.pages.push({ number: p, width: vx1 - vx0, height: vy1 - vy0, items, rules });
        page.cleanup();
      } catch {
        out.failedPages.push(p);
      }
    }
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  return out;
}
