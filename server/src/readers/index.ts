// The one entry point from a file to the engine's text: which reader a file goes to, by its name. The CLI
// and the extension call readDocument; the PDF reader (./pdf/) loads pdf.js on the first PDF only.
import { decodeReport } from '../core/decode.js';
import { readDocx } from './docx.js';
import { readFlattenedText } from './flat.js';
import { readHtml } from './html.js';
import { type ReadPdfOptions, readPdf } from './pdf/index.js';
import { MAX_DOCUMENT_BYTES, type ReadResult, problem, tooLarge } from './types.js';

export type { ReadProblem, ReadResult, SourceLocation, SourceSpan } from './types.js';
export { locate } from './types.js';
export { readDocx, readFlattenedText, readHtml, readPdf };

export type DocumentKind = ReadResult['kind'];

/** File names the readers take (the CLI's folder search uses it). */
export const DOCUMENT_FILE = /\.(docx|pdf|html?|xhtml|txt|md|markdown)$/i;

export function documentKind(fileName: string): DocumentKind | null {
  const ext = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1];
  if (ext === 'docx') return 'docx';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'txt' || ext === 'md' || ext === 'markdown') return 'text';
  return null;
}

export interface ReadOptions extends ReadPdfOptions {
  /** Files above this many bytes are refused before reading (default MAX_DOCUMENT_BYTES). */
  maxBytes?: number;
}

/** A text file as it is (decoded), unless it is flattened (cell separators lost): then the flattened reader's rendering. */
export function readText(bytes: Uint8Array): ReadResult {
  const text = decodeReport(bytes).text;
  return readFlattenedText(text) ?? { kind: 'text', text, spans: [], problems: [] };
}

/**
 * Bytes of a .docx, .pdf, .html/.htm or text file → its rendering. Bounded (size caps; the PDF reader's page
 * and time limits) and never throws: every way a file cannot be read is a problem in the result.
 */
export async function readDocument(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<ReadResult> {
  const kind = documentKind(fileName) ?? 'text';
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  if (bytes.length > maxBytes) return tooLarge(kind, bytes.length, maxBytes);
  try {
    if (kind === 'pdf') return await readPdf(bytes, { ...options, maxBytes });
    if (kind === 'docx') return readDocx(bytes);
    if (kind === 'html') return readHtml(bytes);
    return readText(bytes);
  } catch (e) {
    // The readers catch what they expect; this is the net for what they do not.
    const detail = String((e as Error)?.message ?? e).slice(0, 200);
    return { kind, text: '', spans: [], problems: [problem('document-broken', `文件无法读取（${detail}）。`, `The file could not be read (${detail}).`)] };
  }
}
