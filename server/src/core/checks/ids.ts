// The ids of the rules the format declarations name (identities), with no imports, so that the format
// schema (zod), the client bundle and the registry can all share them. Each id here must be the id of
// a rule object in checks/arithmetic/ tagged 'identity': checks/index.ts checks that at compile time.

export const IDENTITY_RULE_IDS = ['row-total', 'result-total', 'reconciliation', 'outcome-total'] as const;
export type IdentityRuleId = (typeof IDENTITY_RULE_IDS)[number];

/** The rules whose findings are arithmetic: the identities and the culprit that replaces them. */
export const ARITHMETIC_RULES: readonly string[] = [...IDENTITY_RULE_IDS, 'likely-culprit'];
