// What the outputs take: one checked file, as the CLI builds it (cli/output.ts's FileResult plus the
// analysis it came from), so that `--format csv|html` is one line in the CLI.
import type { Analysis, Finding } from '../core/analyze.js';

export interface ReportResult {
  path: string;
  analysis: Analysis;
  /** The findings to show; defaults to analysis.findings. */
  findings?: Finding[];
}

export const findingsOf = (r: ReportResult): Finding[] => r.findings ?? r.analysis.findings;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML content and quoted attribute values: nothing from a document is ever markup. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Where an output is written to, piece by piece (the CLI writes a run's output as it reads it back). */
export type Write = (s: string) => void;

/** What a document writer (write…Document, writeReviewPage) writes, as one string. */
export function collected(writeDocument: (write: Write) => void): string {
  let out = '';
  writeDocument((s) => (out += s));
  return out;
}
