// hint-town-rules: townships (镇、乡、街道) cannot make 规章, so a 规章 count above 0 in their table 二 is
// most likely a row mix-up.
import { defineRule } from '../rule.js';
import type { Report } from '../../model.js';
import { agencyOf } from '../../agency.js';
import type { TableCell } from '../../tables.js';
import { cellName, firstTable, numberOf, emitter, say } from './common.js';

/** 镇、乡 and 街道 bodies (their 人民政府 or 办事处), not 乡村振兴局 or a 城乡 bureau. */
export function isTownship(agency: string): boolean {
  return /(?:[^城]乡|镇|街道)(?:人民政府|政府|办事处|街道办事处)?$/.test(agency) && !/[局委厅院会]$/.test(agency);
}

export default defineRule({
  id: 'hint-town-rules',
  severity: 'information',
  title: { 'zh-cn': '乡镇、街道填报了规章', en: 'A township reports rules (规章)' },
  fixable: false,
  tags: ['hint'],
  needs: 'tables',
  check({ report, locale, emit }) {
    // The 规章 counts first: most reports have none, and then the title need not be read for the agency.
    const counted: TableCell[][] = [];
    for (const part of firstTable(report, 'activeDisclosure')?.parts ?? []) {
      const row = part.rows.find((r) => r.def.id === 'rules' && !r.duplicate);
      const cells = row?.cells.filter((c): c is TableCell => (numberOf(c) ?? 0) > 0) ?? [];
      if (cells.length > 0) counted.push(cells);
    }
    if (counted.length === 0) return;
    const agency = agencyOf(report);
    if (!agency || !isTownship(agency)) return;
    const out = emitter(emit);
    for (const cells of counted) {
      out({
        range: cells[0].range,
        message: say(locale, `${agency}为乡镇（街道），不能制定规章，表二“规章”行却不为0`, `${agency} is a township, which cannot make rules, but table 2's 规章 row is not 0`),
        related: cells.slice(1).map((c) => ({ range: c.range, message: `${cellName(c, locale)}：${c.raw.trim()}` })),
      });
    }
    return;
  },
});
