// The rule registry: every rule object, in the order checks run. Findings at one position keep this
// order (a missing section after the findings on the heading where it belongs; a missing table after
// the rows of the tables read), and it is the catalogue's order (settings, SARIF's rules). RULES, RULE_IDS, IDENTITY_RULES, the settings enum, the SARIF catalogue and the client's list
// of arithmetic rules derive from this list. A new rule is one file and one line here.
import cellBlank from './cells/cell-blank.js';
import cellInvalid from './cells/cell-invalid.js';
import cellUnit from './cells/cell-unit.js';
import likelyCulprit from './arithmetic/likely-culprit.js';
import outcomeTotal from './arithmetic/outcome-total.js';
import reconciliation from './arithmetic/reconciliation.js';
import resultTotal from './arithmetic/result-total.js';
import rowTotal from './arithmetic/row-total.js';
import encoding from './document/encoding.js';
import lookalikeIdeograph from './document/lookalike-ideograph.js';
import notAReport from './document/not-a-report.js';
import tooLarge from './document/too-large.js';
import { setRegistry } from './reading/common.js';
import documentUnreadable from './reading/document-unreadable.js';
import tableUncertain from './reading/table-uncertain.js';
import tableUnreadable from './reading/table-unreadable.js';
import rowCells from './rows/row-cells.js';
import rowDuplicate from './rows/row-duplicate.js';
import rowLabel from './rows/row-label.js';
import rowMissing from './rows/row-missing.js';
import rowOrder from './rows/row-order.js';
import sectionDuplicate from './sections/section-duplicate.js';
import sectionEmpty from './sections/section-empty.js';
import sectionMissing from './sections/section-missing.js';
import sectionNumbering from './sections/section-numbering.js';
import sectionOrder from './sections/section-order.js';
import sectionTitle from './sections/section-title.js';
import formatVersion from './tables/format-version.js';
import tableDuplicate from './tables/table-duplicate.js';
import tableMisplaced from './tables/table-misplaced.js';
import tableMissing from './tables/table-missing.js';
import carryOver from './crossyear/carry-over.js';
import copiedProse from './crossyear/copied-prose.js';
import stockFlow from './crossyear/stock-flow.js';
import feesReport from './prose/fees-report.js';
import hintShare from './prose/hint-share.js';
import hintTownRules from './prose/hint-town-rules.js';
import hintUniformRow from './prose/hint-uniform-row.js';
import notice from './prose/notice.js';
import proseSum from './prose/prose-sum.js';
import proseTable from './prose/prose-table.js';
import sectionSubstance from './prose/section-substance.js';
import years from './prose/years.js';
import { ARITHMETIC_RULES as ARITHMETIC_IDS, IDENTITY_RULE_IDS, type IdentityRuleId } from './ids.js';
import type { Rule } from './rule.js';

export const CHECKS = [
  sectionOrder,
  sectionDuplicate,
  sectionNumbering,
  sectionTitle,
  sectionEmpty,
  sectionMissing,
  tableDuplicate,
  tableMisplaced,
  formatVersion,
  rowMissing,
  rowDuplicate,
  rowOrder,
  rowLabel,
  rowCells,
  cellBlank,
  cellUnit,
  cellInvalid,
  tableMissing,
  tableUnreadable,
  tableUncertain,
  rowTotal,
  resultTotal,
  reconciliation,
  outcomeTotal,
  notAReport,
  documentUnreadable,
  encoding,
  lookalikeIdeograph,
  tooLarge,
  likelyCulprit,
  proseTable,
  proseSum,
  years,
  notice,
  feesReport,
  sectionSubstance,
  carryOver,
  stockFlow,
  copiedProse,
  hintTownRules,
  hintShare,
  hintUniformRow,
] as const;

export type RuleId = (typeof CHECKS)[number]['id'];
setRegistry(() => CHECKS);
export const RULE_IDS: readonly RuleId[] = CHECKS.map((r) => r.id);
export const RULE_BY_ID: Readonly<Record<RuleId, Rule<RuleId>>> = Object.fromEntries(CHECKS.map((r) => [r.id, r])) as Record<RuleId, Rule<RuleId>>;

/** Rules whose findings are arithmetic identities declared in the formats (they take part in the culprit search). */
export const IDENTITY_RULES: readonly IdentityRuleId[] = CHECKS.filter((r) => r.tags.includes('identity')).map((r) => r.id as IdentityRuleId);
/** Rules about the arithmetic of the tables (the client groups their diagnostics). */
export const ARITHMETIC_RULES: readonly RuleId[] = CHECKS.filter((r) => r.tags.includes('arithmetic')).map((r) => r.id);

// The ids the format schema and the client know without importing the registry must be rule ids here.
type Missing<A, B> = Exclude<A, B> extends never ? true : { missing: Exclude<A, B> };
const _identitiesAreRules: Missing<IdentityRuleId, RuleId> = true;
void _identitiesAreRules;
if (IDENTITY_RULES.length !== IDENTITY_RULE_IDS.length || IDENTITY_RULE_IDS.some((id) => !IDENTITY_RULES.includes(id))) {
  throw new Error(`checks/ids.ts lists ${IDENTITY_RULE_IDS.join(', ')}; the registry's identity rules are ${IDENTITY_RULES.join(', ')}`);
}
if (ARITHMETIC_IDS.length !== ARITHMETIC_RULES.length || ARITHMETIC_IDS.some((id) => !(ARITHMETIC_RULES as readonly string[]).includes(id))) {
  throw new Error(`checks/ids.ts ARITHMETIC_RULES differs from the registry's: ${ARITHMETIC_RULES.join(', ')}`);
}
