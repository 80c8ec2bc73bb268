// One file, as the CLI checks it: read (readers/: .docx, .pdf, .html, text), fix in place when asked
// (--fix, text files only), read as a sequence of reports (core/document.ts), each finding placed in the
// original document (place.ts). Never throws: every way it can fail is an outcome, with its words in the
// run's language (outcomes cross from worker threads, so they carry strings, not functions).
import { readFileSync, writeFileSync } from 'node:fs';
import { type Analysis, type AnalyzeOptions, analyze } from '../core/analyze.js';
import type { Finding } from '../core/analyze.js';
import { decodeReport } from '../core/decode.js';
import { type DocumentAnalysis, analyzeDocument } from '../core/document.js';
import { fixAll } from '../core/fix.js';
import type { Locale } from '../core/rules.js';
import { type ReadResult, documentKind, locate, readDocument, readFlattenedText } from '../readers/index.js';
import type { SourceLocation } from '../readers/types.js';
import { sourceName, tablePlaceName } from './place.js';

/** Where a finding is in the original document: the reader's location and its name in words. */
export type Source = SourceLocation & { place: string };

/** A document that is not text: its kind, and per finding its place in the original (null where it has none). */
export interface DocumentPlaces {
  /** 'text': a text file read by the flattened-text reader (its ranges are in that rendering). */
  kind: ReadResult['kind'];
  sources: (Source | null)[];
}

export type Outcome =
  /** notes: what the run must say about the file besides its findings (a fix refused), each making exit 2. */
  | { path: string; findings: Finding[]; notes?: string[]; document?: DocumentPlaces }
  /** unreadable: the file could not be read (a problem of the input); otherwise checking it failed. */
  | { path: string; failure: string; unreadable: boolean };

export interface FileOptions {
  locale: Locale;
  /** Apply every certain fix and write the file back before reporting what is left. */
  fix?: boolean;
  /** The engine for one report; replaceable so that a test can make one file's analysis fail. */
  analyze?: (text: string, options?: AnalyzeOptions) => Analysis;
}

/** A file-system error in words, not an errno code. */
export function fsProblem(path: string, e: unknown, l: Locale): string {
  const code = (e as NodeJS.ErrnoException).code;
  const en = l === 'en';
  if (code === 'ENOENT') return en ? `${path}: does not exist` : `${path}：文件或目录不存在`;
  if (code === 'EACCES' || code === 'EPERM') return en ? `${path}: permission denied` : `${path}：没有读写权限`;
  if (code === 'EISDIR') return en ? `${path}: is a directory` : `${path}：是目录`;
  const detail = (e as Error)?.message ?? String(e);
  return en ? `${path}: cannot read (${detail})` : `${path}：无法读取（${detail}）`;
}

/**
 * --fix writes UTF-8 only: Node has no GB18030 or UTF-16 encoder that would give back the file's own
 * bytes, and a damaged UTF-8 file would lose its damaged bytes for replacement characters.
 */
function fixRefusal(path: string, encoding: string, invalid: number, l: Locale): string | null {
  if (encoding !== 'utf-8') {
    return l === 'en'
      ? `${path}: not fixed: the file is ${encoding.toUpperCase()}, --fix writes UTF-8 files only (save it as UTF-8 first)`
      : `${path}：未修复：文件编码为 ${encoding.toUpperCase()}，--fix 只改写 UTF-8 文件（请先另存为 UTF-8）`;
  }
  if (invalid > 0) return l === 'en' ? `${path}: not fixed: the file holds invalid UTF-8 bytes` : `${path}：未修复：文件含有无效的 UTF-8 字节`;
  return null;
}

export async function checkOne(path: string, options: FileOptions): Promise<Outcome> {
  const l = options.locale;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { path, failure: fsProblem(path, e, l), unreadable: true };
  }
  // One file's failure never costs another file its result: it is reported as not checked.
  try {
    const engine = options.analyze ?? analyze;
    const notes: string[] = [];
    const kind = documentKind(path);
    if (kind !== null && kind !== 'text') {
      if (options.fix) notes.push(l === 'en' ? `${path}: not fixed: --fix writes text reports only (run ogi-report extract to get one)` : `${path}：未修复：--fix 只改写文本报告（可用 ogi-report extract 得到文本）`);
      const read = await readDocument(bytes, path);
      const { findings, reports } = analyzeDocument(read.text, { locale: l, readProblems: read.problems }, engine);
      const sources = findings.map((f) => placeOf(read, reports, f, l));
      const document: DocumentPlaces = { kind: read.kind as DocumentPlaces['kind'], sources };
      return notes.length ? { path, findings, notes, document } : { path, findings, document };
    }
    const decoded = decodeReport(bytes);
    let text = decoded.text;
    // Text whose cell separators were lost (a web page saved as text) is read by the flattened reader.
    const flat = options.fix ? null : readFlattenedText(text);
    if (options.fix) {
      const refusal = fixRefusal(path, decoded.encoding, decoded.invalidSequences ?? 0, l);
      if (refusal) notes.push(refusal);
      else {
        const fixed = fixAll(text, { locale: l }, engine);
        if (fixed.text !== text) {
          const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\ufeff' : '';
          writeFileSync(path, bom + fixed.text, 'utf8');
          text = fixed.text;
        }
      }
    }
    const decoding = { encoding: decoded.encoding, invalidSequences: decoded.invalidSequences ?? 0 };
    if (flat) {
      // Its positions are the rendering's (what extract prints), not the file's one long line: said so.
      const { findings } = analyzeDocument(flat.text, { locale: l, decoding, readProblems: flat.problems }, engine);
      const sources = findings.map((f): Source => ({ kind: 'text', place: renderingPlace(f, l) }));
      const document: DocumentPlaces = { kind: 'text', sources };
      return notes.length ? { path, findings, notes, document } : { path, findings, document };
    }
    const { findings } = analyzeDocument(text, { locale: l, decoding }, engine);
    return notes.length ? { path, findings, notes } : { path, findings };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { path, failure: l === 'en' ? `${path}: not checked: the checker failed (${detail})` : `${path}：未检查，检查程序出错（${detail}）`, unreadable: false };
  }
}

function renderingPlace(f: Finding, l: Locale): string {
  const { line, character } = f.range.start;
  return l === 'en' ? `rendering ${line + 1}:${character + 1}` : `文本形式第${line + 1}行第${character + 1}列`;
}

/** The finding's place in the original: the reader's location at its start, named with the statutory cell. */
function placeOf(read: ReadResult, reports: DocumentAnalysis['reports'], f: Finding, l: Locale): Source | null {
  const at = f.range.start;
  const loc = locate(read, at.line, at.character) ?? locate(read, at.line, f.range.end.character);
  const cell = tablePlaceName(reports, at, l);
  const where = loc ? sourceName(loc, l) : null;
  const place = [where, cell].filter(Boolean).join(' ');
  if (!place) return null;
  return { ...(loc ?? { kind: 'text' }), place } as Source;
}
