// Builds the base reports of test/fixtures/prose and test/fixtures/crossyear from seed 000 (a real
// tab-separated 2023 report): its tables filled with non-trivial numbers that satisfy every identity,
// its one prose sentence about applications made to agree. Run: node --import tsx scripts/make-prose-fixtures.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { analyze } from '../server/src/core/analyze.js';
import { cellOf } from '../server/src/core/checks/prose/common.js';
import { splitLines } from '../server/src/core/text.js';

const ROOT = new URL('..', import.meta.url).pathname;
const seed = readFileSync(`${ROOT}samples/seeds/000_ad0933fee798d3b4.txt`, 'utf8');

type Values = Record<string, number>; // "table/row/column" → value
function fill(text: string, values: Values): string {
  const r = analyze(text).report;
  const edits: { from: number; to: number; text: string }[] = [];
  for (const [key, v] of Object.entries(values)) {
    const [table, row, col] = key.split('/');
    const c = cellOf(r, table as 'applications', row, col);
    if (!c) throw new Error(`no cell ${key}`);
    const lines = splitLines(text);
    edits.push({ from: lines[c.range.start.line].offset + c.range.start.character, to: lines[c.range.end.line].offset + c.range.end.character, text: String(v) });
  }
  edits.sort((a, b) => b.from - a.from);
  return edits.reduce((t, e) => t.slice(0, e.from) + e.text + t.slice(e.to), text);
}

// Applications (all from natural persons): 70 new + 5 carried over = 65 results + 10 carried forward.
const applications = (rows: Record<string, number>): Values => {
  const v: Values = {};
  for (const [row, n] of Object.entries(rows)) {
    v[`applications/${row}/naturalPerson`] = n;
    v[`applications/${row}/total`] = n;
  }
  return v;
};
const base2023: Values = {
  ...applications({
    newlyReceived: 70, carriedOver: 5, granted: 30, partiallyGranted: 10, 'withheld.stateSecret': 2, 'withheld.thirdPartyRights': 3,
    'unavailable.notHeld': 8, 'notProcessed.repeated': 4, 'otherDisposal.noCorrection': 6, 'otherDisposal.other': 2, resultTotal: 65, carriedForward: 10,
  }),
  'reviewLitigation/cases/review.upheld': 2, 'reviewLitigation/cases/review.corrected': 1, 'reviewLitigation/cases/review.pending': 1, 'reviewLitigation/cases/review.total': 4,
  'reviewLitigation/cases/litigationDirect.upheld': 1, 'reviewLitigation/cases/litigationDirect.pending': 1, 'reviewLitigation/cases/litigationDirect.total': 2,
  'reviewLitigation/cases/litigationAfterReview.upheld': 1, 'reviewLitigation/cases/litigationAfterReview.total': 1,
  'activeDisclosure/normativeDocuments/issued': 3, 'activeDisclosure/normativeDocuments/repealed': 1, 'activeDisclosure/normativeDocuments/inForce': 12,
  'activeDisclosure/licensing/decisions': 25, 'activeDisclosure/penalty/decisions': 7, 'activeDisclosure/enforcement/decisions': 2,
  'activeDisclosure/administrativeFees/feeAmount': 1.5,
};
let base = fill(seed, base2023).replace('收到和处理政府信息公开申请 0 件', '收到和处理政府信息公开申请 70 件');
writeFileSync(`${ROOT}test/fixtures/prose/base-2023.txt`, base);

// Last year's report of the same agency: 2022, carrying 5 applications into 2023 and 10 documents in force.
const last = fill(seed.replace(/2023/g, '2022').replace('2024', '2023'), {
  ...applications({ newlyReceived: 20, carriedOver: 0, granted: 15, resultTotal: 15, carriedForward: 5 }),
  'activeDisclosure/normativeDocuments/issued': 10, 'activeDisclosure/normativeDocuments/inForce': 10,
}).replace('收到和处理政府信息公开申请 0 件', '收到和处理政府信息公开申请 20 件');
writeFileSync(`${ROOT}test/fixtures/crossyear/dadukou-2022.txt`, last);
writeFileSync(`${ROOT}test/fixtures/crossyear/dadukou-2023.txt`, base);
// The broken pair: this year's 上年结转 says 4 (the new applications made up to keep the reconciliation),
// and 现行有效 13 where 10 + 3 − 1 = 12.
const broken = fill(base, {
  ...applications({ newlyReceived: 71, carriedOver: 4 }),
  'activeDisclosure/normativeDocuments/inForce': 13,
}).replace('收到和处理政府信息公开申请 70 件', '收到和处理政府信息公开申请 71 件');
writeFileSync(`${ROOT}test/fixtures/crossyear/dadukou-2023-broken.txt`, broken);
