// hint-uniform-row: the same non-zero number in every cell of a row (5 5 5 5 5 5 in the applicant columns,
// 5 5 5 in 制发/废止/现行有效) is what a pasted or dragged row looks like. Totals are left out (they are sums),
// and so are rows of one or two cells, where equality says nothing.
import { defineRule } from '../rule.js';
import type { Report } from '../../model.js';
import type { Locale } from '../rule.js';
import type { PartDef } from '../../format/schema.js';
import { memo } from '../../memo.js';
import { numberOf, emitter, say } from './common.js';

/** The columns of a part whose cells are compared, by index: not totals, not amounts (read once per format part). */
const comparedColumns = memo((part: PartDef): number[] => {
  const out: number[] = [];
  part.columns.forEach((c, i) => {
    if (!/total$/i.test(c.id) && c.id !== 'publishedTotal' && c.kind !== 'amount') out.push(i);
  });
  return out;
});

export default defineRule({
  id: 'hint-uniform-row',
  severity: 'information',
  title: { 'zh-cn': '一行中各单元格数字完全相同', en: 'Every cell of a row holds the same number' },
  fixable: false,
  tags: ['hint'],
  needs: 'tables',
  check({ report, locale, emit }) {
    const out = emitter(emit);
    const seen = new Set<string>();
    for (const t of report.tables) {
      if (seen.has(t.def.id)) continue;
      seen.add(t.def.id);
      for (const part of t.parts) {
        // Table 四's one row is three groups with totals: equal values across it are a coincidence of zeros.
        if (!part.def.labelledRows) continue;
        const cols = comparedColumns(part.def);
        if (cols.length < 3) continue;
        // Three equal small numbers (1 制发, 1 废止, 1 现行有效) happen; six equal applicant columns do not.
        const least = cols.length >= 5 ? 1 : 3;
        for (const row of part.rows) {
          if (row.duplicate) continue;
          const first = numberOf(row.cells[cols[0]] ?? null);
          if (first === null || first < least || !cols.every((i) => numberOf(row.cells[i] ?? null) === first)) continue;
          const name = locale === 'en' ? row.def.en : (row.def.short ?? row.def.label);
          out({
            range: row.label?.range ?? row.range,
            message: say(locale, `“${name}”一行各栏均为${first}，请核实是否误填`, `Every cell of "${name}" is ${first}; check it was not filled by copying`),
            related: [],
          });
        }
      }
    }
    return;
  },
});
