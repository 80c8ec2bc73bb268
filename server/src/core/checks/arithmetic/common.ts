// The arithmetic rules' shared policy. One mistyped number usually breaks its row total, its column's
// （七）总计 and the 勾稽关系 at once. When a single cell's change repairs every broken identity of a
// table (identities.ts: findCulprit), likely-culprit names that cell and REPLACES the identity findings
// it explains: the officer is told to change one number, not three totals. With likely-culprit off,
// the identities report themselves.
import { type Culprit, type Equation, anchorFixIsSafe, equationKey, findCulprit, operands } from '../../identities.js';
import { memo } from '../../memo.js';
import * as M from '../../messages.js';
import type { Report } from '../../model.js';
import type { Table } from '../../tables.js';
import type { CheckContext, Rule, RuleTag } from '../rule.js';
import type { IdentityRuleId } from '../ids.js';

/** The equations of each table, in declaration order. */
const equationsByTable = memo((report: Report): ReadonlyMap<Table, Equation[]> => {
  const out = new Map<Table, Equation[]>();
  for (const eq of report.equations) {
    const list = out.get(eq.table);
    if (list) list.push(eq);
    else out.set(eq.table, [eq]);
  }
  return out;
});

export function tableEquationsOf(report: Report, table: Table): Equation[] {
  return equationsByTable(report).get(table) ?? [];
}

const culprits = memo((report: Report): ReadonlyMap<Table, Culprit> => {
  const out = new Map<Table, Culprit>();
  for (const t of report.tables) {
    const c = findCulprit(tableEquationsOf(report, t));
    if (c) out.set(t, c);
  }
  return out;
});

/** The table's likely culprit, when likely-culprit is on and exactly one cell explains every broken identity. */
export function culpritOf(ctx: CheckContext, table: Table): Culprit | null {
  return ctx.enabled('likely-culprit') ? (culprits(ctx.report).get(table) ?? null) : null;
}

/** Whether the identity's finding is left to likely-culprit (the policy above). */
export function explainedByCulprit(ctx: CheckContext, eq: Equation): boolean {
  return culpritOf(ctx, eq.table)?.broken.includes(eq) ?? false;
}

/**
 * The rule object of one kind of identity declared in the formats (row-total, result-total, …): each
 * broken instance not explained by a culprit is a finding on its anchor cell, with the operands as
 * related locations, and "set the total" as its fix when that breaks no identity that holds.
 */
export function identityRule<const Id extends IdentityRuleId>(def: {
  id: Id;
  title: Rule['title'];
}): Rule<Id> & { tags: readonly RuleTag[] } {
  return {
    id: def.id,
    severity: 'error',
    title: def.title,
    fixable: true,
    tags: ['arithmetic', 'identity'],
    needs: 'tables',
    check(ctx) {
      const l = ctx.locale;
      for (const eq of ctx.report.equations) {
        if (eq.rule !== def.id || eq.status !== 'broken' || explainedByCulprit(ctx, eq)) continue;
        const anchor = eq.anchor.cell!;
        const related = operands(eq).map((o) => ({
          range: o.cell!.range,
          message: `${M.cellName(eq.part.def, o.rowId, o.columnId, l)}${l === 'en' ? ': ' : '：'}${M.operandText(o, l)}`,
        }));
        const value = anchorFixIsSafe(eq, tableEquationsOf(ctx.report, eq.table));
        const name = M.cellNameOf(eq.part.def, anchor, l);
        const fix = value === null ? undefined : { title: M.fixSetValue(name, value, l), edits: [{ range: anchor.range, newText: String(value) }] };
        ctx.emit(anchor.range, M.identityMessage(eq, l), related, fix, [equationKey(eq)]);
      }
    },
  };
}
