// Pairs each file with last year's report of the same agency among the files given: by the agency read
// from the title (core/agency.ts) and the year, never by file name. Linear: one map of (agency, year).
import { agencyYearKey as key } from '../core/agency.js';
import type { ReportSummary } from './check-file.js';

/** path → last year's path, for the files that have one among `files` (the first such file wins). */
export function lastYearsFiles(files: readonly { path: string; reports: readonly ReportSummary[] }[]): Record<string, string> {
  const byKey = new Map<string, string>();
  for (const f of files) for (const r of f.reports) if (!byKey.has(key(r.agency, r.year))) byKey.set(key(r.agency, r.year), f.path);
  const out: Record<string, string> = {};
  for (const f of files) {
    for (const r of f.reports) {
      const last = byKey.get(key(r.agency, r.year - 1));
      if (last !== undefined && last !== f.path) {
        out[f.path] = last;
        break;
      }
    }
  }
  return out;
}
