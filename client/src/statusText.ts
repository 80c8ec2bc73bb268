// The language status item's words, from the diagnostics the client already has (no vscode import, so
// that a unit test can drive it): 勾稽关系 ✓ / 勾稽关系 ✗ 2 / 表三 ✗ 1 / ✗ 2 处错误. ✗ on 勾稽关系 only when the
// 勾稽关系 itself fails; the detail names every failing identity.
import type { PreviewTable } from '../../server/src/protocol.js';

export interface ErrorFinding {
  /** The diagnostic's code: the rule id. */
  rule: string;
  /** 0-based line of the diagnostic's start. */
  line: number;
}

export type Translate = (message: string, ...args: (string | number)[]) => string;

/** Identities with a name of their own, in the order the detail lists them. */
const IDENTITIES: readonly { rule: string; name: string; table: string }[] = [
  { rule: 'reconciliation', name: 'Reconciliation', table: 'applications' },
  { rule: 'row-total', name: 'Row totals', table: 'applications' },
  { rule: 'result-total', name: '(7) Total', table: 'applications' },
  { rule: 'likely-culprit', name: 'Likely wrong cell', table: 'applications' },
  { rule: 'outcome-total', name: 'Table 4 totals', table: 'reviewLitigation' },
];
const TABLE_NAMES: Record<string, string> = { activeDisclosure: 'Table 2', applications: 'Table 3', reviewLitigation: 'Table 4' };

export interface StatusWords {
  text: string;
  detail: string;
  severity: 'ok' | 'error';
}

/**
 * `tables` (the report's tables with their lines, from the server) place an error in its table; without
 * them an identity's error is placed by its rule (a culprit in table 三, where most of them are).
 */
export function statusWords(errors: readonly ErrorFinding[], tables: readonly PreviewTable[] | undefined, t: Translate): StatusWords {
  const tableOf = (e: ErrorFinding): string | undefined => {
    const hit = tables?.find((x) => x.firstLine <= e.line && e.line <= x.lastLine);
    if (hit) return hit.id;
    if (tables && tables.length) return undefined;
    return IDENTITIES.find((i) => i.rule === e.rule)?.table;
  };
  const reconciliation = t('Reconciliation');
  const failing = IDENTITIES.filter((i) => errors.some((e) => e.rule === i.rule)).map((i) => `${t(i.name)} ✗`);
  const perTable = new Map<string, number>();
  for (const e of errors) {
    const id = tableOf(e);
    if (id) perTable.set(id, (perTable.get(id) ?? 0) + 1);
  }
  const tableLines = [...perTable].map(([id, n]) => t('{0}: {1} error(s)', t(TABLE_NAMES[id] ?? id), n));
  const detail = [...failing, ...tableLines].join(t('; '));
  if (errors.some((e) => e.rule === 'reconciliation')) return { text: `${reconciliation} ✗ ${errors.length}`, detail, severity: 'error' };
  const first = [...perTable][0];
  if (first) return { text: `${t(TABLE_NAMES[first[0]] ?? first[0])} ✗ ${first[1]}`, detail, severity: 'error' };
  if (errors.length) return { text: t('✗ {0} error(s)', errors.length), detail, severity: 'error' };
  if (tables && !tables.some((x) => x.id === 'applications')) return { text: `${reconciliation} —`, detail: t('Table 3 not found: the reconciliation is not checked'), severity: 'ok' };
  return { text: `${reconciliation} ✓`, detail: t('Every identity holds'), severity: 'ok' };
}
