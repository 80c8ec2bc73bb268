// ogiReport/preview: the report's statutory tables drawn for the client's table preview (the drawing is
// outputs/preview.ts; this only gathers the reports of a document and names their tables' lines).
import type { Analysis } from '../core/analyze.js';
import type { Locale } from '../core/rules.js';
import { renderPreviewBody } from '../outputs/preview.js';
import type { PreviewResult } from '../protocol.js';

/** The preview of one document version: every report's tables, in document order. */
export function preview(analyses: readonly Analysis[], version: number, locale: Locale): PreviewResult {
  return {
    version,
    html: analyses.map((a) => renderPreviewBody(a, locale)).join('\n'),
    tables: analyses.flatMap((a) =>
      a.report.tables.map((t) => ({ id: t.def.id, name: t.def.name, firstLine: t.firstLine, lastLine: t.lastLine })),
    ),
  };
}
