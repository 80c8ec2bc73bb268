// What every document reader returns: a text rendering the engine reads (paragraphs as lines, tables as
// tab-separated rows) and, for each piece of it, where in the original document it came from.

export type SourceLocation =
  | { kind: 'docx'; paragraph?: number; table?: number; row?: number; cell?: number } // 1-based as people count
  | { kind: 'html'; path: string } // element path, e.g. "body>div[2]>table[1]>tr[9]>td[8]"
  | { kind: 'pdf'; page: number; x: number; y: number; width: number; height: number }
  | { kind: 'text' };

/** A range of the rendering (UTF-16 code units on one line) and its origin. */
export interface SourceSpan {
  line: number;
  from: number;
  to: number;
  source: SourceLocation;
}

export interface ReadProblem {
  code: string;
  /** The statutory table the problem is about: its findings other than this one should not be shown. */
  table?: 'activeDisclosure' | 'applications' | 'reviewLitigation';
  /** The problem is why no statutory table could be read (tables as pictures): table-missing is not reported. */
  allTables?: boolean;
  message: { 'zh-cn': string; en: string };
}

export interface ReadResult {
  kind: 'docx' | 'html' | 'pdf' | 'text';
  /** The text rendering: paragraphs as lines, tables as tab-separated rows. */
  text: string;
  /** Where each cell/paragraph of the rendering came from, sorted by line, from. */
  spans: SourceSpan[];
  problems: ReadProblem[];
}

/** The source of the rendering's position, or null where the rendering has no source there. */
export function locate(result: ReadResult, line: number, character: number): SourceLocation | null {
  const spans = result.spans;
  // Binary search for the first span at or after (line, character), then look at it and its predecessor.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = spans[mid];
    if (s.line < line || (s.line === line && s.to <= character)) lo = mid + 1;
    else hi = mid;
  }
  const s = spans[lo];
  if (s && s.line === line && s.from <= character && character <= s.to) return s.source;
  const p = spans[lo - 1];
  if (p && p.line === line && p.from <= character && character <= p.to) return p.source;
  return null;
}

export function problem(code: string, zh: string, en: string): ReadProblem {
  return { code, message: { 'zh-cn': zh, en } };
}

/** Builds the rendering line by line, recording a span per piece. */
export class Rendering {
  private lines: string[] = [];
  readonly spans: SourceSpan[] = [];

  /** One line made of fields joined by tabs; each field keeps its source. */
  row(fields: { text: string; source: SourceLocation | null }[]): void {
    const line = this.lines.length;
    let at = 0;
    const parts: string[] = [];
    fields.forEach((f, i) => {
      if (i > 0) at += 1;
      const text = f.text.replace(/[\t\r\n]+/g, ' ');
      // Empty fields keep a zero-width span: a blank cell is still a place in the document.
      if (f.source) this.spans.push({ line, from: at, to: at + text.length, source: f.source });
      parts.push(text);
      at += text.length;
    });
    this.lines.push(parts.join('\t'));
  }

  /** A paragraph: its text may hold tabs (kept: people align numbers with them) and line breaks. */
  paragraph(text: string, source: SourceLocation | null): void {
    for (const piece of text.split(/\r\n|\r|\n/)) {
      const line = this.lines.length;
      if (source && piece.length > 0) this.spans.push({ line, from: 0, to: piece.length, source });
      this.lines.push(piece);
    }
  }

  blank(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  get lineCount(): number {
    return this.lines.length;
  }

  text(): string {
    return this.lines.join('\n') + (this.lines.length ? '\n' : '');
  }
}

/** Readers refuse files above this before reading them. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

export function tooLarge(kind: ReadResult['kind'], size: number, maxBytes = MAX_DOCUMENT_BYTES): ReadResult {
  const mb = (size / 1024 / 1024).toFixed(1);
  const limit = +(maxBytes / 1024 / 1024).toFixed(1);
  return {
    kind,
    text: '',
    spans: [],
    problems: [problem('document-too-large', `文件过大（${mb} MB），超过 ${limit} MB 的上限，未读取。`, `The file is too large (${mb} MB, limit ${limit} MB); it was not read.`)],
  };
}

/**
 * A cell that names a row or a column rather than holding a value. Its merged extent is not rendered
 * as empty fields: the engine counts value fields after the labels, and a blank row would otherwise
 * shift against its columns.
 */
export function isLabelText(text: string): boolean {
  return /[\u3400-\u9fff]/.test(text) && !/^\s*[\d０-９.,，]/.test(text);
}
