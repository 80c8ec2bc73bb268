// Pairs each file with last year's report of the same agency among the files given: by the agency read
// from the title (core/agency.ts) and the year, never by file name, report by report. Linear: one map of
// (agency, year).
import { agencyYearKey as key } from '../core/agency.js';
import type { ReportSummary } from './check-file.js';

/**
 * For the files among `files` with last year's report of one of their reports: path → (that report's pairing
 * key for last year → the file holding it). Report by report, so that a 汇编 pairs each department with its
 * own report of last year, in whichever file it is; the first file holding a key wins.
 */
export function lastYearsFiles(files: readonly { path: string; reports: readonly ReportSummary[] }[]): Record<string, Record<string, string>> {
  const byKey = new Map<string, string>();
  for (const f of files) for (const r of f.reports) if (!byKey.has(key(r.agency, r.year))) byKey.set(key(r.agency, r.year), f.path);
  const out: Record<string, Record<string, string>> = {};
  for (const f of files) {
    for (const r of f.reports) {
      const k = key(r.agency, r.year - 1);
      const last = byKey.get(k);
      if (last !== undefined) (out[f.path] ??= {})[k] = last;
    }
  }
  return out;
}
