// The prose checks of one report, for the lead to wrap into rule objects.
import type { Report } from '../analyze.js';
import type { Locale } from '../rules.js';
import type { ProseFinding, ProseOptions, ProseRuleMeta } from './common.js';
import * as feesReport from './feesReport.js';
import * as hintShare from './hintShare.js';
import * as hintTownRules from './hintTownRules.js';
import * as hintUniformRow from './hintUniformRow.js';
import * as notice from './notice.js';
import * as proseSum from './proseSum.js';
import * as proseTable from './proseTable.js';
import * as sectionSubstance from './sectionSubstance.js';
import * as years from './years.js';

export interface ProseCheck {
  meta: ProseRuleMeta;
  check(report: Report, locale?: Locale, options?: ProseOptions): ProseFinding[];
}

export const PROSE_CHECKS: readonly ProseCheck[] = [proseTable, proseSum, years, notice, feesReport, sectionSubstance, hintTownRules, hintShare, hintUniformRow];

export function checkProse(report: Report, locale: Locale = 'zh-cn', options: ProseOptions = {}): ProseFinding[] {
  return PROSE_CHECKS.flatMap((c) => c.check(report, locale, options));
}
