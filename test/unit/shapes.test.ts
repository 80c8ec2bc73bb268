// Hand-made reports in the shapes the seeds lack (2019 format, PDF text, markdown, lone-pipe cells,
// heading variants), checked against the facts recorded in their manifest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROOT, analyze, errors, fixture } from '../helpers.js';
import { readFileSync } from 'node:fs';

interface Entry {
  correct: boolean;
  base?: string;
  format: number;
  report_year: number;
  defect?: string;
  section_heading_lines: Record<string, number>;
  table3_rows: Record<string, { lines: number[]; values?: number[]; cells?: string[] }>;
  table4_values?: number[];
  changes?: { line?: number }[];
}
const manifest: Record<string, Entry> = JSON.parse(readFileSync(`${ROOT}/test/fixtures/shapes/manifest.json`, 'utf8'));

// The finding each kind of defect must produce.
const DEFECT_RULE: Record<string, string> = {
  cell_typo: 'likely-culprit',
  missing_row: 'row-missing',
  non_integer: 'cell-invalid',
  unit_in_cell: 'cell-unit',
  reconcile_only: 'reconciliation',
  slash_cell: 'cell-blank',
  swap_in_row: 'result-total',
  blank_cell: 'cell-blank',
  rows_out_of_order: 'row-order',
  duplicate_row: 'row-duplicate',
  t4_group_total: 'outcome-total',
  negative_cell: 'cell-invalid',
  misspelt_label: 'row-label',
  text_cell: 'cell-blank',
  missing_section: 'section-missing',
  sections_out_of_order: 'section-order',
};

describe('shape fixtures', () => {
  for (const [file, m] of Object.entries(manifest)) {
    const a = analyze(fixture('shapes', file));
    const t3 = a.report.tables.find((t) => t.def.id === 'applications');
    const t4 = a.report.tables.find((t) => t.def.id === 'reviewLitigation');
    if (m.correct) {
      describe(file, () => {
        it('has no errors, and warnings only on its deliberately odd headings', () => {
          assert.deepEqual(errors(a).map((f) => f.message), []);
          const warnings = a.findings.filter((f) => f.severity === 'warning');
          assert.deepEqual(warnings.filter((f) => !f.rule.startsWith('section-')).map((f) => f.message), []);
          if (!file.startsWith('heading-variants')) assert.deepEqual(warnings.map((f) => f.message), []);
        });
        it('finds the sections where they are', () => {
          assert.deepEqual(
            Object.fromEntries(a.report.sections.map((s) => [String(s.def.number), s.heading.line])),
            m.section_heading_lines,
          );
        });
        it(`reads the ${m.format} format and the report year ${m.report_year}`, () => {
          assert.equal(t3?.format.version, String(m.format));
          assert.equal(a.report.year, m.report_year);
        });
        it('reads every number of tables 三 and 四', () => {
          const want = Object.values(m.table3_rows)
            .sort((x, y) => x.lines[0] - y.lines[0])
            .map((r) => r.values ?? r.cells!.map(Number));
          assert.deepEqual(t3!.parts[0].rows.map((r) => r.cells.map((c) => c!.value.value)), want);
          assert.deepEqual(t4!.parts[0].rows[0].cells.map((c) => c!.value.value), m.table4_values);
        });
      });
    } else {
      describe(file, () => {
        const rule = DEFECT_RULE[m.defect!];
        it(`reports ${rule}`, () => {
          assert.ok(rule, `no rule mapped for ${m.defect}`);
          const hits = a.findings.filter((f) => f.rule === rule);
          assert.ok(hits.length > 0, a.findings.map((f) => `${f.rule}: ${f.message}`).join('\n'));
          const line = m.changes?.[0]?.line;
          if (line !== undefined && !['reconciliation', 'result-total', 'row-missing'].includes(rule)) {
            assert.ok(hits.some((f) => f.range.start.line === line), `${rule} not on line ${line}`);
          }
        });
        if (m.defect === 'reconcile_only') {
          it('reports nothing but the 勾稽关系', () => assert.deepEqual([...new Set(errors(a).map((f) => f.rule))], ['reconciliation']));
        }
      });
    }
  }
});
