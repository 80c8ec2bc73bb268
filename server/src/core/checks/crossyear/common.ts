// What the cross-year rules share: last year's report, only when it is the same agency's report of the
// year before (the CLI and the editor pair files by the same test; a rule checks again, so a wrong pairing
// is never a finding).
import { isPreviousYear, sameAgency } from '../../agency.js';
import type { Report } from '../../model.js';
import type { CheckContext } from '../rule.js';

export function lastYear(ctx: Pick<CheckContext, 'report' | 'previous'>): { report: Report; uri: string } | null {
  const p = ctx.previous;
  if (!p || !sameAgency(ctx.report, p.report) || !isPreviousYear(ctx.report, p.report)) return null;
  return { report: p.report, uri: p.path };
}

/** True when `previous` is last year's report of the agency `current` is from (matched by title). */
export function isLastYearsReport(current: Report, previous: Report): boolean {
  return sameAgency(current, previous) && isPreviousYear(current, previous);
}
