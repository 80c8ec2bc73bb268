// Checks between this year's report and last year's of the same agency.
import type { Report } from '../analyze.js';
import { isPreviousYear, sameAgency } from '../agency.js';
import type { Locale } from '../rules.js';
import type { ProseFinding, ProseRuleMeta } from '../prose/common.js';
import * as carryOver from './carryOver.js';
import type { CrossYearOptions } from './common.js';
import * as copiedProse from './copiedProse.js';
import * as stockFlow from './stockFlow.js';

export type { CrossYearOptions } from './common.js';

export interface CrossYearCheck {
  meta: ProseRuleMeta;
  check(current: Report, previous: Report, locale?: Locale, options?: CrossYearOptions): ProseFinding[];
}

export const CROSS_YEAR_CHECKS: readonly CrossYearCheck[] = [carryOver, stockFlow, copiedProse];

/** True when `previous` is last year's report of the agency `current` is from (matched by title). */
export function isLastYearsReport(current: Report, previous: Report): boolean {
  return sameAgency(current, previous) && isPreviousYear(current, previous);
}

/** The cross-year findings on `current`; none unless `previous` is the same agency's report of the year before. */
export function checkCrossYear(current: Report, previous: Report, locale: Locale = 'zh-cn', options: CrossYearOptions = {}): ProseFinding[] {
  if (!isLastYearsReport(current, previous)) return [];
  return CROSS_YEAR_CHECKS.flatMap((c) => c.check(current, previous, locale, options));
}
