// The PDF reader: bytes → the text rendering the engine reads (tables as tab-separated rows), a source map
// from each line/cell of it back to page and position, and at most a few clear problems. Never throws.
import { type Block, type Field, type PageContent, layoutDocument, roundBox } from './geometry.js';
import { type ReadProblem, type ReadResult, type SourceSpan, problem } from '../types.js';
import { unifyIdeographs } from '../../core/text.js';

export type { ReadResult, SourceSpan, SourceLocation, ReadProblem } from '../types.js';

/** Larger files are refused before parsing: a report is a few MB at most, even with images. */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_PAGES = 200;
/** Reading stops between pages after this long (pdf.js itself cannot be interrupted mid-page). */
export const DEFAULT_TIME_LIMIT_MS = 60_000;

export interface ReadPdfOptions {
  maxPages?: number;
  maxBytes?: number;
  timeLimitMs?: number;
}

type Engine = typeof import('./engine.js');
let engine: Promise<Engine> | null = null;

/**
 * pdf.js is loaded on first use only. When bundled, the import below is rewritten to the separate file
 * dist/pdf-reader.js (scripts/pdf-bundle.mjs). pdf.js prints warnings with console.log while it loads
 * (no canvas in Node): silenced, since stdout may be the language server's channel.
 */
export function loadEngine(): Promise<Engine> {
  if (!engine) {
    const log = console.log;
    const warn = console.warn;
    console.log = () => undefined;
    console.warn = () => undefined;
    engine = import('./engine.js').finally(() => {
      console.log = log;
      console.warn = warn;
    });
    engine.catch(() => (engine = null));
  }
  return engine;
}


const HEADING_START = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])/;

interface Rendering {
  lines: string[];
  spans: SourceSpan[];
}

function fieldSpan(line: number, from: number, f: Field): SourceSpan {
  return { line, from, to: from + f.text.length, source: { kind: 'pdf', page: f.page, ...roundBox(f.box) } };
}

function render(blocks: Block[]): Rendering {
  const lines: string[] = [];
  const spans: SourceSpan[] = [];
  let prev: Block | null = null;
  for (const b of blocks) {
    if (b.kind === 'table') {
      for (const row of b.rows) {
        let text = '';
        row.forEach((f, c) => {
          if (c > 0) text += '\t';
          if (f && f.text) {
            spans.push(fieldSpan(lines.length, text.length, f));
            text += f.text;
          }
        });
        lines.push(text);
      }
    } else {
      // A line that reaches the right margin goes on in the next, unless that one starts a new paragraph
      // (indented) or a heading.
      const joins = prev?.kind === 'line' && prev.full && b.left < 4 && !HEADING_START.test(b.text);
      const text = b.text.trim();
      if (joins && lines.length) {
        const line = lines.length - 1;
        const sep = /[A-Za-z0-9,.;:]$/.test(lines[line]) && /^[A-Za-z0-9]/.test(text) ? ' ' : '';
        const from = lines[line].length + sep.length;
        lines[line] += sep + text;
        spans.push({ line, from, to: from + text.length, source: { kind: 'pdf', page: b.page, ...roundBox(b.box) } });
      } else {
        spans.push({ line: lines.length, from: 0, to: text.length, source: { kind: 'pdf', page: b.page, ...roundBox(b.box) } });
        lines.push(text);
      }
    }
    prev = b;
  }
  return { lines, spans };
}

/** The text rendering and source map of extracted pages (the part of readPdf after pdf.js). */
export function renderPages(pages: PageContent[]): { text: string; spans: SourceSpan[] } {
  const { lines, spans } = render(layoutDocument(pages));
  // Fonts that map their glyphs to the Kangxi radicals (⼀ for 一; browsers' print to PDF does) give text
  // that only looks Chinese: the rendering has the ideographs, as the page shows them.
  return { text: unifyIdeographs(lines.join('\n')), spans };
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

export async function readPdf(bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<ReadResult> {
  const maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_PAGES);
  const maxBytes = options.maxBytes ?? MAX_PDF_BYTES;
  const empty = (p: ReadProblem): ReadResult => ({ kind: 'pdf', text: '', spans: [], problems: [p] });
  if (bytes.length > maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return empty(problem('pdf-too-large', `PDF文件过大（${mb(bytes.length)} MB，上限${mb(maxBytes)} MB），未读取。`, `The PDF is too large (${mb(bytes.length)} MB, limit ${mb(maxBytes)} MB); it was not read.`));
  }
  if (!hasPdfHeader(bytes)) return empty(problem('pdf-broken', '文件不是有效的PDF（缺少PDF文件头），无法读取。', 'The file is not a valid PDF (no PDF header); it cannot be read.'));
  let loaded: Engine;
  try {
    loaded = await loadEngine();
  } catch {
    // pdf.js is a bundle of its own (dist/pdf-reader.js): an installation without it says so plainly,
    // rather than calling the user's PDF broken.
    return empty(problem('pdf-reader-missing', '此安装未包含PDF阅读器（pdf-reader.js），无法读取PDF。', 'This installation has no PDF reader (pdf-reader.js); PDFs cannot be read.'));
  }
  try {
    const { extract, EngineError } = loaded;
    let got;
    try {
      // pdf.js refuses a Node Buffer and may detach what it is given: it gets a plain copy.
      got = await extract(new Uint8Array(bytes), maxPages, Date.now() + (options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS));
    } catch (e) {
      if (e instanceof EngineError && e.failure === 'encrypted')
        return empty(problem('pdf-encrypted', 'PDF文件已加密（需要密码），无法读取其内容。请提供未加密的文件。', 'The PDF is password-protected; its content cannot be read. Provide an unencrypted copy.'));
      return empty(problem('pdf-broken', 'PDF文件已损坏或不完整，无法读取。', 'The PDF is damaged or incomplete; it cannot be read.'));
    }
    const problems: ReadProblem[] = [];
    if (got.numPages > maxPages)
      problems.push(problem('pdf-page-limit', `PDF共${got.numPages}页，只读取了前${maxPages}页。`, `The PDF has ${got.numPages} pages; only the first ${maxPages} were read.`));
    if (got.timedOut)
      problems.push(problem('pdf-time-limit', `读取PDF超时，只读取了前${got.pages.length}页。`, `Reading the PDF took too long; only the first ${got.pages.length} pages were read.`));
    if (got.failedPages.length)
      problems.push(problem('pdf-page-unreadable', `PDF有${got.failedPages.length}页无法读取（第${got.failedPages.slice(0, 5).join('、')}页${got.failedPages.length > 5 ? '等' : ''}）。`, `${got.failedPages.length} page(s) of the PDF could not be read (page ${got.failedPages.slice(0, 5).join(', ')}${got.failedPages.length > 5 ? ', …' : ''}).`));
    const textItems = got.pages.reduce((n, p) => n + p.items.length, 0);
    if (got.pages.length === 0 && got.failedPages.length) return { kind: 'pdf', text: '', spans: [], problems: [problem('pdf-broken', 'PDF文件已损坏或不完整，无法读取。', 'The PDF is damaged or incomplete; it cannot be read.')] };
    if (textItems === 0) {
      problems.push(problem('pdf-no-text', 'PDF中没有可提取的文字（可能是扫描件或图片），无法检查。本工具不做文字识别（OCR）。', 'The PDF has no extractable text (probably a scan or images only), so it cannot be checked. No OCR is done.'));
      return { kind: 'pdf', text: '', spans: [], problems };
    }
    return { kind: 'pdf', ...renderPages(got.pages), problems };
  } catch (e) {
    return empty(problem('pdf-broken', 'PDF文件无法读取。', `The PDF could not be read (${String((e as Error)?.message ?? e).slice(0, 200)}).`));
  }
}
