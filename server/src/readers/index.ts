// The one entry point from a file to the engine's text: which reader a file goes to, by its name. The CLI
// and the extension call readDocument; the PDF reader (./pdf/) loads pdf.js on the first PDF only.
import { decodeReport } from '../core/decode.js';
import { readDocx } from './docx.js';
import { readFlattenedText } from './flat.js';
import { readHtml } from './html.js';
import { isMhtml, readMhtml } from './mhtml.js';
import { type ReadPdfOptions, readPdf } from './pdf/index.js';
import { MAX_DOCUMENT_BYTES, type ReadResult, problem, tooLarge } from './types.js';

export type { ReadProblem, ReadResult, SourceLocation, SourceSpan } from './types.js';
export { locate } from './types.js';
export { readDocx, readFlattenedText, readHtml, readPdf };

export type DocumentKind = ReadResult['kind'];

/**
 * File names the CLI's folder search takes: what the readers read, and .doc/.wps, reports kept in an old
 * binary format (said so, rather than passed over) or saved under those names as .docx or a web page, and
 * .ofd (an OFD document, a zip: said so too).
 */
export const DOCUMENT_FILE = /\.(docx|pdf|html?|xhtml|mht|mhtml|txt|md|markdown|doc|wps|ofd)$/i;

export function documentKind(fileName: string): DocumentKind | null {
  const ext = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1];
  if (ext === 'docx') return 'docx';
  if (ext === 'pdf') return 'pdf';
  // A web page saved as one file (.mht, .mhtml) is read as the page it holds.
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml' || ext === 'mht' || ext === 'mhtml') return 'html';
  if (ext === 'txt' || ext === 'md' || ext === 'markdown') return 'text';
  return null;
}

/** Signatures at the start of a file: a zip (.docx, but also .xlsx or OFD, which the .docx reader names), a PDF, an OLE2 compound file. */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);
/** A web page: its first tag (after a UTF-8 BOM, read here as three Latin-1 characters, and white space) opens the document. */
const WEB_PAGE = /^(?:\u00ef\u00bb\u00bf)?\s*<(?:!doctype\s+html|html|\?xml[^>]*>\s*<html)[\s>]/i;

/**
 * What a file is by its bytes, for a name that does not say (a .doc or .wps file, which Word and WPS also
 * write as .docx or as a web page); 'legacy' for the binary formats of Word 97–2003 and WPS, which no
 * reader here reads; null for anything else (read as text).
 */
export function contentKind(bytes: Uint8Array): DocumentKind | 'legacy' | null {
  if (startsWith(bytes, ZIP)) return 'docx';
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, OLE2)) return 'legacy';
  // Word and WPS also write a single-file web page (MHTML) under the .doc name.
  if (isMhtml(bytes)) return 'html';
  if (WEB_PAGE.test(String.fromCharCode(...bytes.subarray(0, 512)))) return 'html';
  return null;
}

/** The kind a file is read as: by its name where it names a kind the readers take, else by its bytes. */
export function readKind(fileName: string, bytes: Uint8Array): DocumentKind | 'legacy' {
  return documentKind(fileName) ?? contentKind(bytes) ?? 'text';
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
 * Bytes of a .docx, .pdf, .html/.htm or text file → its rendering (a name of no such kind is read by its
 * bytes). Bounded (size caps; the PDF reader's page and time limits) and never throws: every way a file
 * cannot be read is a problem in the result.
 */
export async function readDocument(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<ReadResult> {
  const kind = readKind(fileName, bytes);
  if (kind === 'legacy') {
    return {
      kind: 'docx',
      text: '',
      spans: [],
      problems: [
        problem(
          'legacy-format',
          '该文件为 Word 97–2003（.doc）或 WPS 的旧二进制格式，无法读取：请在 Word 或 WPS 中另存为 .docx 后再检查。',
          'The file is in the old binary format of Word 97–2003 (.doc) or WPS, which cannot be read: save it as .docx in Word or WPS, then check it.',
        ),
      ],
    };
  }
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  if (bytes.length > maxBytes) return tooLarge(kind, bytes.length, maxBytes);
  try {
    if (kind === 'pdf') return await readPdf(bytes, { ...options, maxBytes });
    if (kind === 'docx') return readDocx(bytes);
    // A page, or a page saved as one file (MHTML) whatever its name says.
    if (kind === 'html') return readMhtml(bytes) ?? readHtml(bytes);
    return readText(bytes);
  } catch (e) {
    // The readers catch what they expect; this is the net for what they do not.
    const detail = String((e as Error)?.message ?? e).slice(0, 200);
    return { kind, text: '', spans: [], problems: [problem('document-broken', `文件无法读取（${detail}）。`, `The file could not be read (${detail}).`)] };
  }
}
