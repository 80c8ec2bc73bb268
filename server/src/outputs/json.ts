// The CLI's JSON document (`--format json`), with what SARIF carries too: each diagnostic's related
// locations and its fix.
import { z } from 'zod';
import type { Finding } from '../core/analyze.js';

export interface JsonFileResult {
  path: string;
  findings: Finding[];
}

const position = z.strictObject({ line: z.number().int().min(0), character: z.number().int().min(0) });
const range = z.strictObject({ start: position, end: position });

export const jsonOutputSchema = z.strictObject({
  files: z.array(
    z.strictObject({
      path: z.string(),
      diagnostics: z.array(
        z.strictObject({
          rule: z.string(),
          severity: z.enum(['error', 'warning', 'information', 'hint']),
          message: z.string(),
          range,
          /**
           * The cells the message speaks of (the operands of a broken total, the totals a culprit breaks);
           * `path` when the cell is in another file (last year's report).
           */
          related: z.array(z.strictObject({ path: z.string().optional(), range, message: z.string() })).optional(),
          /** The edit that resolves the finding, as the editor's quick fix offers it. */
          fix: z.strictObject({ title: z.string(), edits: z.array(z.strictObject({ range, newText: z.string() })).min(1) }).optional(),
        }),
      ),
    }),
  ),
});
export type JsonOutput = z.infer<typeof jsonOutputSchema>;

export function toJson(results: readonly JsonFileResult[]): JsonOutput {
  return jsonOutputSchema.parse({
    files: results.map((r) => ({
      path: r.path,
      diagnostics: r.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        range: f.range,
        ...(f.related.length ? { related: f.related.map((x) => ({ ...(x.uri !== undefined ? { path: x.uri } : {}), range: x.range, message: x.message })) } : {}),
        ...(f.fix ? { fix: { title: f.fix.title, edits: f.fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } } : {}),
      })),
    })),
  });
}
