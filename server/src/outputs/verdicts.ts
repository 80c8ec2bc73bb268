// Short verdicts for the places that have one line: the review page's summary, the code lens above each
// statutory table (表三 · 勾稽关系 ✓ · 2 处错误), the language status item (勾稽关系 ✗ 2) and the inlay hints
// (→ 3 after a wrong total). Pure: analysis in, strings and positions out; the LSP layer only translates.
import type { Analysis, Finding } from '../core/analyze.js';
import type { Equation } from '../core/identities.js';
import type { Locale, RuleId } from '../core/rules.js';
import type { Table } from '../core/tables.js';
import type { Position, Range } from '../core/text.js';
import { type MarkLevel, inTable, tableMarks } from './marks.js';

/** The identities with a verdict of their own, with the short names reviewers use. */
export const SUMMARY_IDENTITIES: readonly { rule: RuleId; table: Table['def']['id']; zh: string; en: string }[] = [
  { rule: 'row-total', table: 'applications', zh: '行总计', en: 'Row totals' },
  { rule: 'result-total', table: 'applications', zh: '（七）总计', en: '(7) Total' },
  { rule: 'reconciliation', table: 'applications', zh: '勾稽关系', en: 'Reconciliation' },
  { rule: 'outcome-total', table: 'reviewLitigation', zh: '表四总计', en: 'Table 4 totals' },
];

export type Verdict = 'holds' | 'broken' | 'unchecked';
export const VERDICT_MARK: Record<Verdict, string> = { holds: '✓', broken: '✗', unchecked: '—' };

/** ✓ when every instance of the identity holds, ✗ when one is broken, — when none could be checked. */
export function identityVerdict(equations: readonly Equation[], rule: RuleId): Verdict {
  const eqs = equations.filter((e) => e.rule === rule);
  if (eqs.some((e) => e.status === 'broken')) return 'broken';
  return eqs.length > 0 && eqs.every((e) => e.status === 'holds') ? 'holds' : 'unchecked';
}

const errorsIn = (findings: readonly Finding[], t: Table) => findings.filter((f) => f.severity === 'error' && inTable(f.range, t)).length;
const errorCount = (n: number, l: Locale) => (l === 'en' ? `${n} error${n === 1 ? '' : 's'}` : `${n} 处错误`);

export interface TableLens {
  table: Table;
  /** Where the lens stands: the table's opening line. */
  range: Range;
  title: string;
}

/**
 * One line per table: its name, the verdict of its own identities, its error count
 * ("表三 · 勾稽关系 ✓ · 2 处错误", "表四 · 总计 ✓", "表二 · 无错误").
 */
export function tableLenses(analysis: Analysis, locale: Locale = 'zh-cn', findings: readonly Finding[] = analysis.findings): TableLens[] {
  return analysis.report.tables.map((t) => {
    const eqs = analysis.report.equations.filter((e) => e.table === t);
    const parts = [locale === 'en' ? t.def.nameEn : t.def.name];
    // Table 三's headline identity is the 勾稽关系; table 四's its group totals.
    const own = SUMMARY_IDENTITIES.filter((i) => i.table === t.def.id && (i.rule === 'reconciliation' || i.rule === 'outcome-total'));
    for (const i of own) parts.push(`${i.rule === 'outcome-total' ? (locale === 'en' ? 'Totals' : '总计') : locale === 'en' ? i.en : i.zh} ${VERDICT_MARK[identityVerdict(eqs, i.rule)]}`);
    const n = errorsIn(findings, t);
    parts.push(n ? errorCount(n, locale) : locale === 'en' ? 'no errors' : '无错误');
    return { table: t, range: t.openerRange, title: parts.join(' · ') };
  });
}

export interface StatusText {
  /** The status item's text: 勾稽关系 ✓ / 勾稽关系 ✗ 2 / 表三 ✗ 1 / ✗ 2 处错误. */
  text: string;
  /** The failing identities and tables, one per line. */
  detail: string;
  severity: 'ok' | 'error' | 'unchecked';
}

/** The language status item: ✗ on 勾稽关系 only when the 勾稽关系 itself fails. */
export function statusText(analysis: Analysis, locale: Locale = 'zh-cn', findings: readonly Finding[] = analysis.findings): StatusText {
  const l = locale;
  const eqs = analysis.report.equations;
  const recon = identityVerdict(eqs, 'reconciliation');
  const reconName = l === 'en' ? 'Reconciliation' : '勾稽关系';
  const errors = findings.filter((f) => f.severity === 'error').length;
  const failing = SUMMARY_IDENTITIES.filter((i) => identityVerdict(eqs, i.rule) === 'broken').map((i) => `${l === 'en' ? i.en : i.zh} ✗`);
  const tablesWithErrors = analysis.report.tables.filter((t) => errorsIn(findings, t) > 0);
  const detail = [...failing, ...tablesWithErrors.map((t) => `${l === 'en' ? t.def.nameEn : t.def.name} ${errorCount(errorsIn(findings, t), l)}`)].join('\n');
  if (recon === 'broken') return { text: `${reconName} ✗ ${errors}`, detail, severity: 'error' };
  if (tablesWithErrors.length) {
    const t = tablesWithErrors[0];
    return { text: `${l === 'en' ? t.def.nameEn : t.def.name} ✗ ${errorsIn(findings, t)}`, detail, severity: 'error' };
  }
  if (errors) return { text: `✗ ${errorCount(errors, l)}`, detail, severity: 'error' };
  return { text: `${reconName} ${VERDICT_MARK[recon]}`, detail, severity: recon === 'holds' ? 'ok' : 'unchecked' };
}

export interface ValueHint {
  /** After the found value. */
  position: Position;
  /** "→ 3" */
  label: string;
  tooltip: string;
  level: MarkLevel;
}

/** Inlay hints: `→ expected` after every culprit and wrong total whose expected value is known. */
export function expectedValueHints(analysis: Analysis, findings: readonly Finding[] = analysis.findings): ValueHint[] {
  const out: ValueHint[] = [];
  for (const t of analysis.report.tables) {
    for (const [cell, m] of tableMarks(t, analysis, findings)) {
      if (m.expected === undefined || m.expected === cell.value.value) continue;
      out.push({ position: cell.range.end, label: `→ ${m.expected}`, tooltip: m.messages.join('\n'), level: m.level });
    }
  }
  return out.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}
