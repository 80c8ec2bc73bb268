// ogiReport/readDocument: the client asks for the text rendering of the user's own .docx/.pdf/.html file.
// The server reads the file itself (file: URIs only: the editor's own files, never a remote or virtual
// document), with the size checked before reading, and turns every failure into a problem, never a throw.
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locale } from '../core/rules.js';
import type { ReadDocumentParams, ReadDocumentProblem, ReadDocumentResult } from '../protocol.js';
import { DOCUMENT_FILE, type ReadResult, documentKind, readDocument } from '../readers/index.js';
import { MAX_DOCUMENT_BYTES } from '../readers/types.js';
import type { DocumentReader } from './reader-thread.js';

const problem = (code: string, zh: string, en: string, locale: Locale): ReadDocumentProblem => ({ code, message: locale === 'en' ? en : zh });

/** What the readers take by name, and .doc/.wps, read by their bytes (as the CLI reads them). */
export function readableKind(fileName: string): boolean {
  return DOCUMENT_FILE.test(fileName);
}

/** `onRead` is given the reading itself (with its source map), which the result does not carry. */
export async function readDocumentRequest(
  params: ReadDocumentParams,
  locale: Locale,
  maxBytes = MAX_DOCUMENT_BYTES,
  onRead?: (read: ReadResult) => void,
  /** How the document is read (the server's reader thread, reader-thread.ts). */
  read: DocumentReader = readDocument,
): Promise<ReadDocumentResult | null> {
  let path: string;
  try {
    const url = new URL(params.uri);
    if (url.protocol !== 'file:') return null;
    path = fileURLToPath(url);
  } catch {
    return null;
  }
  if (!readableKind(path)) return null;
  // Until its bytes are read, a .doc/.wps file is of the Word family.
  const kind: ReadDocumentResult['kind'] = documentKind(path) ?? 'docx';
  const failed = (p: ReadDocumentProblem): ReadDocumentResult => ({ kind, text: '', problems: [p] });
  let bytes: Uint8Array;
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      if (size > maxBytes) {
        const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
        return failed(problem('too-large', `文件过大（${mb(size)} MB，上限${mb(maxBytes)} MB），未读取。`, `The file is too large (${mb(size)} MB, limit ${mb(maxBytes)} MB); it was not read.`, locale));
      }
      const buffer = await file.readFile();
      // A plain Uint8Array, not a Buffer: pdf.js refuses Buffers (and Buffer#slice does not copy).
      bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } finally {
      await file.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code ?? 'EIO';
    return failed(problem('unreadable', `无法打开文件（${code}）。`, `The file cannot be opened (${code}).`, locale));
  }
  try {
    // One entry for every kind; PDFs load the pdf.js bundle on first use, or say it is missing.
    const reading = await read(bytes, path);
    onRead?.(reading);
    return {
      kind: reading.kind,
      text: reading.text,
      problems: reading.problems.map((p) => ({ code: p.code, message: p.message[locale], ...(p.table ? { table: p.table } : {}) })),
    };
  } catch (e) {
    // The readers do not throw by contract; a bug in one still must not take the server down.
    return failed(problem('reader-failed', '读取文件时出错，无法检查。', `Reading the file failed (${String((e as Error)?.message ?? e).slice(0, 200)}).`, locale));
  }
}
