// The CLI's JSON document (`--format json`), with what SARIF carries too: each diagnostic's related
// locations and its fix.
import { z } from 'zod';
import type { Finding } from '../core/analyze.js';
import type { SourceLocation } from '../readers/types.js';

export interface JsonFileResult {
  path: string;
  findings: Finding[];
  /** A file read by a document reader: its kind and each finding's place in the original (ranges are the rendering's). */
  document?: { kind: 'docx' | 'pdf' | 'html' | 'text'; sources: ((SourceLocation & { place: string }) | null)[] };
}

const position = z.strictObject({ line: z.number().int().min(0), character: z.number().int().min(0) });
const range = z.strictObject({ start: position, end: position });
// Where a diagnostic is in the original document (the reader's terms); `range` is then the text rendering's
// (what `ogi-report extract` prints).
const place = { place: z.string() };
const sourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pdf'), page: z.number().int().min(1), x: z.number(), y: z.number(), width: z.number(), height: z.number(), ...place }),
  z.strictObject({ kind: z.literal('docx'), paragraph: z.number().int().min(1).optional(), table: z.number().int().min(1).optional(), row: z.number().int().min(1).optional(), cell: z.number().int().min(1).optional(), ...place }),
  z.strictObject({ kind: z.literal('html'), path: z.string(), ...place }),
  z.strictObject({ kind: z.literal('text'), ...place }),
]);

export const jsonOutputSchema = z.strictObject({
  files: z.array(
    z.strictObject({
      path: z.string(),
      /** Set when the file was read by a document reader (text: flattened text); ranges are then in its rendering. */
      kind: z.enum(['docx', 'pdf', 'html', 'text']).optional(),
      diagnostics: z.array(
        z.strictObject({
          rule: z.string(),
          severity: z.enum(['error', 'warning', 'information', 'hint']),
          message: z.string(),
          range,
          source: sourceSchema.optional(),
          /**
           * The cells the message speaks of (the operands of a broken total, the totals a culprit breaks);
           * `path` when the cell is in another file (last year's report), and `place` when that file is a
           * document (its place there in words; `range` is then in the document's text rendering).
           */
          related: z.array(z.strictObject({ path: z.string().optional(), place: z.string().optional(), range, message: z.string() })).optional(),
          /** The edit that resolves the finding, as the editor's quick fix offers it. */
          fix: z.strictObject({ title: z.string(), edits: z.array(z.strictObject({ range, newText: z.string() })).min(1) }).optional(),
        }),
      ),
    }),
  ),
});
export type JsonOutput = z.infer<typeof jsonOutputSchema>;

/**
 * The output as the schema declares it, built in the schema's key order. Not parsed at run time: the schema
 * is the contract the tests hold every output they make to, and parsing each file's object again cost 3% of
 * a run over 10,000 files.
 */
export function toJson(results: readonly JsonFileResult[]): JsonOutput {
  return {
    files: results.map((r) => ({
      path: r.path,
      ...(r.document ? { kind: r.document.kind } : {}),
      diagnostics: r.findings.map((f, i) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        range: f.range,
        ...(r.document?.sources[i] ? { source: r.document.sources[i] } : {}),
        ...(f.related.length ? { related: f.related.map((x) => ({ ...(x.uri !== undefined ? { path: x.uri } : {}), ...(x.place ? { place: x.place } : {}), range: x.range, message: x.message })) } : {}),
        ...(f.fix ? { fix: { title: f.fix.title, edits: f.fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } } : {}),
      })),
    })),
  };
}
