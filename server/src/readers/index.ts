// Which reader a file goes to, by its name. The CLI and the extension call this; the PDF reader lives
// in ./pdf/ (wired by the integration).
import { decodeReport } from '../core/decode.js';
import { readDocx } from './docx.js';
import { readFlattenedText } from './flat.js';
import { readHtml } from './html.js';
import { MAX_DOCUMENT_BYTES, type ReadResult, tooLarge } from './types.js';

export type { ReadProblem, ReadResult, SourceLocation, SourceSpan } from './types.js';
export { locate } from './types.js';
export { readDocx, readFlattenedText, readHtml };

export type DocumentKind = 'docx' | 'html' | 'text';

export function documentKind(fileName: string): DocumentKind | null {
  const ext = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1];
  if (ext === 'docx') return 'docx';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'txt' || ext === 'md') return 'text';
  return null;
}

/**
 * Bytes of a .docx, .html/.htm or text file → its rendering. Text comes back as it is unless it is
 * flattened (cell separators lost), when the flattened reader's rendering replaces it.
 */
export function readDocument(bytes: Uint8Array, fileName: string): ReadResult | null {
  const kind = documentKind(fileName);
  if (kind === 'docx') return readDocx(bytes);
  if (kind === 'html') return readHtml(bytes);
  if (kind === 'text') {
    if (bytes.length > MAX_DOCUMENT_BYTES) return tooLarge('text', bytes.length);
    const text = decodeReport(bytes).text;
    return readFlattenedText(text) ?? { kind: 'text', text, spans: [], problems: [] };
  }
  return null;
}
