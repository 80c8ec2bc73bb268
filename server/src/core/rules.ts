// The rule catalogue as data, derived from the rule objects (checks/index.ts): stable id, default
// severity and a one-line title in both languages. Kept for the CLI's SARIF catalogue and the settings.
import { CHECKS, type RuleId } from './checks/index.js';
import type { Severity } from './checks/rule.js';

export type { Locale, RuleSetting, Severity } from './checks/rule.js';
export { ARITHMETIC_RULES, IDENTITY_RULES, RULE_IDS, type RuleId } from './checks/index.js';

export interface RuleDef {
  severity: Severity;
  zh: string;
  en: string;
  fixable: boolean;
}

export const RULES: Readonly<Record<RuleId, RuleDef>> = Object.fromEntries(
  CHECKS.map((r) => [r.id, { severity: r.severity, zh: r.title['zh-cn'], en: r.title.en, fixable: r.fixable }]),
) as Record<RuleId, RuleDef>;
