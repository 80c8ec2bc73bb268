// Starts this year's report from last year's: the report year + 1 (and the year after it + 1, for the
// signature date and next year's plans), last year's 结转下年度 as this year's 上年结转, last year's stock in
// force as the starting stock, every other count 0, and a first line saying what is left to fill in.
import { analyze } from '../analyze.js';
import { CURRENT_FORMAT, FORMATS } from '../format/formats.js';
import type { Report } from '../analyze.js';
import type { Range } from '../text.js';
import { type NumeralStyle, cellOf, firstTable, formatNumber, numberOf, numbersIn, proseLines } from '../checks/prose/common.js';
import proseTable from '../checks/prose/prose-table.js';
import { runChecks } from '../analyze.js';

export const FILL_MARKER = '【待填写】本文由上一年度的报告生成：上年结转与现行有效件数已按上一年度填好，其余数字均已置为0，请逐项核实填写后删除本行。';
export const FILL_MARKER_EN = '[To fill in] Generated from last year\u2019s report: carried-over applications and documents in force are filled from it, every other number is 0. Check and fill in every number, then delete this line.';

interface Edit {
  from: number;
  to: number;
  text: string;
}

function apply(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.from - a.from);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.to > limit) continue; // overlapping edits: keep the later one
    out = out.slice(0, e.from) + e.text + out.slice(e.to);
    limit = e.from;
  }
  return out;
}

const at = (r: Report, range: Range) => ({ from: r.lines[range.start.line].offset + range.start.character, to: r.lines[range.end.line].offset + range.end.character });

function tableEdits(r: Report): Edit[] {
  const edits: Edit[] = [];
  for (const t of r.tables) {
    if (firstTable(r, t.def.id) !== t) continue;
    for (const part of t.parts) {
      for (const row of part.rows) {
        row.cells.forEach((cell, i) => {
          if (!cell) return;
          const col = part.def.columns[i];
          let value = 0;
          if (t.def.id === 'applications' && row.def.id === 'carriedOver') value = numberOf(cellOf(r, 'applications', 'carriedForward', col.id)) ?? 0;
          else if (t.def.id === 'activeDisclosure' && col.id === 'inForce') value = numberOf(cell) ?? 0;
          else if (t.def.id === 'activeDisclosure' && col.id === 'lastYearItems') {
            const change = numberOf(row.cells[part.def.columns.findIndex((c) => c.id === 'change')] ?? null) ?? 0;
            value = (numberOf(cell) ?? 0) + change;
          }
          const span = at(r, cell.range);
          if (cell.raw.trim() === String(value)) return;
          // A blank cell's range may be empty: write the number there.
          edits.push({ ...span, text: String(value) });
        });
      }
    }
  }
  return edits;
}

const COUNT_UNITS = /^(?:件|条|篇|起|个)$/;

function proseZeroes(r: Report): Edit[] {
  const edits: Edit[] = [];
  for (const l of proseLines(r)) {
    const base = r.lines[l.line].offset;
    for (const n of numbersIn(l.text)) {
      if (!COUNT_UNITS.test(n.unit) || n.value === 0) continue;
      if (n.style === 'chinese' && /[第]$/.test(l.text.slice(0, n.start))) continue;
      edits.push({ from: base + n.start, to: base + n.end, text: formatNumber(0, n.style as NumeralStyle) });
    }
  }
  return edits;
}

/** The report year + 1 where the text names it, and the year after it + 1 (signature, plans). */
function shiftYears(text: string, year: number): string {
  return text.replace(/(?<![\d０-９])((?:19|20)\d{2})(?=\s*年)/g, (y) => {
    const n = Number(y);
    return n === year || n === year + 1 ? String(n + 1) : y;
  });
}

export function nextYearReport(previousText: string, locale: 'zh-cn' | 'en' = 'zh-cn'): string {
  const marker = locale === 'en' ? FILL_MARKER_EN : FILL_MARKER;
  const prev = analyze(previousText).report;
  if (prev.year === null) return `${marker}\n${previousText}`;
  let text = apply(previousText, [...tableEdits(prev), ...proseZeroes(prev)]);
  text = shiftYears(text, prev.year);
  // Crossing into the 2021 format's years: cite its notice (the tables themselves are left to format-version).
  if (prev.year + 1 >= CURRENT_FORMAT.fromYear) for (const f of FORMATS) if (f !== CURRENT_FORMAT) text = text.split(f.notice).join(CURRENT_FORMAT.notice);
  // The prose that restates the tables now says 0 where the carried-over numbers stand: write them in.
  const again = analyze(text).report;
  const fixes = runChecks(again, [proseTable]).flatMap((f) => f.fix?.edits ?? []);
  text = apply(text, fixes.map((e) => ({ ...at(again, e.range), text: e.newText })));
  const eol = /\r\n/.test(previousText) ? '\r\n' : '\n';
  return `${marker}${eol}${text}`;
}
