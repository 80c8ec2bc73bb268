// The result every reader returns (the lead unifies this copy with the office readers' identical one).
export type SourceLocation =
  | { kind: 'docx'; paragraph?: number; table?: number; row?: number; cell?: number }
  | { kind: 'html'; path: string }
  /** PDF points, origin at the page's top-left corner, y growing downwards; page counts from 1. */
  | { kind: 'pdf'; page: number; x: number; y: number; width: number; height: number }
  | { kind: 'text' };

/** A range of one line of the text rendering (UTF-16 code units) and where it came from. */
export interface SourceSpan {
  line: number;
  from: number;
  to: number;
  source: SourceLocation;
}

export interface ReadProblem {
  code: string;
  message: { 'zh-cn': string; en: string };
}

export interface ReadResult {
  kind: 'docx' | 'html' | 'pdf' | 'text';
  /** Paragraphs as lines, tables as tab-separated rows (one table row per line, merged cells as empty fields). */
  text: string;
  spans: SourceSpan[];
  problems: ReadProblem[];
}
