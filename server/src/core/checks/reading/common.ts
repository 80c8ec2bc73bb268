// What the reading rules share: the tables a reader could not read or the engine read with doubt, and the
// policy that one finding stands for each of them — the engine's other findings on such a table (wrong
// totals, missing rows, shifted cells) would describe the misreading, not the report.
import { CURRENT_FORMAT } from '../../format/formats.js';
import type { Report } from '../../model.js';
import type { Range } from '../../text.js';
import { lineRange } from '../../text.js';
import type { CheckOptions, Finding, ReaderProblem, RuleTag } from '../rule.js';

export type ReaderTableId = NonNullable<ReaderProblem['table']>;

/** Where a finding about a statutory table goes: its opener when read, else its section's heading, else the first line. */
export function tablePlace(report: Report, id: ReaderTableId): Range {
  const t = report.tables.find((x) => x.def.id === id);
  if (t) return t.openerRange;
  const def = CURRENT_FORMAT.tables.find((d) => d.id === id);
  const home = def ? report.sections.find((s) => s.def.number === def.section) : undefined;
  return home ? home.heading.range : lineRange(report.lines, 0);
}

/** Rules whose findings on a doubtful or unreadable table are always dropped (by their tags). */
const ABOUT_TABLE: readonly RuleTag[] = ['rows', 'cells', 'arithmetic'];
/** Rules about a table as a whole, which a doubtful reading does not touch. */
const STRUCTURE: readonly RuleTag[] = ['document', 'sections', 'tables'];
/** The rules that speak for such a table themselves. */
const SPEAKERS = new Set(['table-uncertain', 'table-unreadable']);

/**
 * Drops the findings on tables the reader could not read (ReaderProblem.table) or the engine read with
 * doubt (Table.doubt), and table-missing for a table the reader named (or for all, ReaderProblem.allTables); with a whole-document problem and
 * no text, not-a-report (the reader's finding says why there is nothing).
 */
export function suppressDoubtful(report: Report, findings: Finding[], options: Pick<CheckOptions, 'readProblems'>, tagsOf: (rule: string) => readonly RuleTag[] = ruleTags): Finding[] {
  const problems = options.readProblems ?? [];
  const named = new Set<string>(problems.flatMap((p) => (p.table ? [p.table] : p.allTables ? CURRENT_FORMAT.tables.map((t) => t.id) : [])));
  const lines: [number, number][] = report.tables.filter((t) => t.doubt || named.has(t.def.id)).map((t) => [t.firstLine, t.lastLine]);
  const emptyDocument = problems.some((p) => !p.table) && report.text.trim() === '';
  // Tables as pictures: the sections that hold the tables look empty; the reader's finding says why.
  const pictured = problems.some((p) => p.allTables);
  const tableSections = new Set(CURRENT_FORMAT.tables.map((t) => t.section));
  const pictureHeadings = new Set(pictured ? report.sections.filter((sec) => tableSections.has(sec.def.number)).map((sec) => sec.heading.line) : []);
  if (lines.length === 0 && named.size === 0 && !emptyDocument) return findings;
  return findings.filter((f) => {
    if (SPEAKERS.has(f.rule)) return true;
    if (f.rule === 'table-missing' && f.subjects?.some((s) => named.has(s.slice('table:'.length)))) return false;
    if (f.rule === 'not-a-report' && emptyDocument) return false;
    if (f.rule === 'section-empty' && pictureHeadings.has(f.range.start.line)) return false;
    const tags = tagsOf(f.rule);
    // Structure findings about the table itself (duplicated, misplaced, format version) stand.
    if (tags.some((t) => STRUCTURE.includes(t)) && !tags.some((t) => ABOUT_TABLE.includes(t))) return true;
    // Anything else that stands in such a table or reads its cells — row, cell and arithmetic findings,
    // but also a sentence compared with a cell, last year's carry-over, a hint about a row — would
    // describe the misreading.
    const inDoubt = (r: Range) => lines.some(([a, b]) => r.start.line >= a && r.start.line <= b);
    return !inDoubt(f.range) && !f.related.some((x) => x.uri === undefined && inDoubt(x.range));
  });
}

// The registry imports this module's rules, so the tags are looked up lazily (no import cycle at load).
let tags: Map<string, readonly RuleTag[]> | null = null;
function ruleTags(rule: string): readonly RuleTag[] {
  if (!tags) tags = new Map(registry().map((r) => [r.id, r.tags]));
  return tags.get(rule) ?? [];
}
let registry: () => readonly { id: string; tags: readonly RuleTag[] }[] = () => [];
/** Called by checks/index.ts once the registry exists. */
export function setRegistry(get: () => readonly { id: string; tags: readonly RuleTag[] }[]): void {
  registry = get;
  tags = null;
}
