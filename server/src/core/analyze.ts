// The engine's entry point: text → report model → findings. It only orchestrates: build the model
// (model.ts), run the enabled rule objects in registry order (checks/), sort the findings. Pure.
import { CHECKS, type RuleId } from './checks/index.js';
import { suppressDoubtful } from './checks/reading/common.js';
import type { CheckContext, CheckOptions, Decoding, Finding, Locale, PreviousReport, ReaderProblem, Rule, RuleSetting } from './checks/rule.js';
import { type Prepared, type Report, buildReport } from './model.js';
import { MAX_LINES, endOfLines, lineBreaks } from './text.js';

export type { Finding, Fix, ReaderProblem, Related, RuleSetting, TextEdit } from './checks/rule.js';
export type { Report } from './model.js';

export interface Analysis {
  report: Report;
  findings: Finding[];
}

/** The size (bytes of UTF-8) of a report the table checks are meant for; above it only its sections are read. */
export const MAX_REPORT_BYTES = 5_000_000;

export interface AnalyzeOptions {
  locale?: Locale;
  /** Per-rule severity, or 'off'. */
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /**
   * Above this many bytes of UTF-8 only the section structure of a report is analysed; in a file of many
   * reports it applies to each, and a file above ten times it is read as one report (document.ts).
   */
  maxTableCheckLength?: number;
  /** What the caller has read of the text already: its lines and its section headings (document.ts). */
  prepared?: Prepared;
  /** Numeric thresholds for hint rules, by name. */
  thresholds?: Record<string, number>;
  /** Last year's report, for rules that compare years. */
  previous?: PreviousReport | null;
  /** Finds last year's report once this report's model is built (the editor looks it up by agency and year). */
  previousFor?: (report: Report) => PreviousReport | null;
  /** How the file's bytes were decoded (core/decode.ts), when the text came from a file. */
  decoding?: Decoding;
  /** What the document reader found (readers/): reported by document-unreadable / table-unreadable. */
  readProblems?: readonly ReaderProblem[];
}

export function analyze(whole: string, given: AnalyzeOptions = {}): Analysis {
  const { text, unread } = withinLineLimit(whole, given.prepared);
  const options = withUnread(given, unread);
  const report = buildReport(text, { maxTableCheckLength: options.maxTableCheckLength, enabled: enabledRules(options.rules), prepared: options.prepared });
  const withPrevious = options.previousFor && !options.previous ? { ...options, previous: options.previousFor(report) } : options;
  const findings = runChecks(report, CHECKS, withPrevious);
  // The rules share views derived from the report (its prose lines and their clauses, its rows, the
  // equations by table), which memo.ts keeps on the report, in properties that are not enumerable: the
  // caller keeps (an editor, each report of a file) a copy without them: a tenth of what it would keep.
  return { report: { ...report }, findings };
}

/**
 * The text as far as it is read, its first MAX_LINES lines, and what says the rest is unread (a reading
 * problem, which document-unreadable reports on the report's first line): beyond that a line-dense file
 * (blank lines, a short cell a line) would take tens of times its size in memory. Without a scan below
 * MAX_LINES characters, and not again for lines a caller has read (`read`: they were read within the limit).
 */
export function withinLineLimit(text: string, read?: Prepared): { text: string; unread: ReaderProblem | null } {
  const end = read && read.lines.length <= MAX_LINES ? -1 : endOfLines(text, MAX_LINES);
  if (end < 0) return { text, unread: null };
  const total = lineBreaks(text) + 1;
  return {
    text: text.slice(0, end),
    unread: {
      code: 'too-many-lines',
      message: {
        'zh-cn': `文件有 ${total} 行，超过读取的上限 ${MAX_LINES} 行：第 ${MAX_LINES} 行之后的部分未读取、未检查`,
        en: `The file has ${total} lines, above the ${MAX_LINES} lines it is read to: what follows line ${MAX_LINES} was neither read nor checked`,
      },
    },
  };
}

/** The options with one more reading problem, and without lines read from a text longer than the one now analysed. */
export function withUnread(options: AnalyzeOptions, unread: ReaderProblem | null): AnalyzeOptions {
  return unread ? { ...options, prepared: undefined, readProblems: [...(options.readProblems ?? []), unread] } : options;
}

/** Runs rule objects over a report model: those that are on and whose needs the report meets, in order. */
export function runChecks(report: Report, checks: readonly Rule<string>[], options: AnalyzeOptions = {}): Finding[] {
  const settings: Partial<Record<string, RuleSetting>> = options.rules ?? {};
  const enabled = enabledRules(settings);
  const opts: CheckOptions = {
    locale: options.locale ?? 'zh-cn',
    rules: settings,
    thresholds: options.thresholds ?? {},
    maxTableCheckLength: options.maxTableCheckLength,
    decoding: options.decoding,
    readProblems: options.readProblems,
  };
  const findings: Finding[] = [];
  // One context for every rule: rules run one after another and emit while they run, so emit reads
  // the rule running now.
  let rule: Rule<string> = checks[0];
  let severity: RuleSetting = 'error';
  const ctx: CheckContext = {
    report,
    locale: opts.locale,
    options: opts,
    previous: options.previous ?? null,
    enabled,
    threshold: (name, fallback) => opts.thresholds[name] ?? fallback,
    emit: (range, message, related = [], fix, subjects, level) => {
      findings.push({ rule: rule.id as RuleId, severity: (settings[rule.id] ?? level ?? severity) as Finding['severity'], message, range, related, ...(fix ? { fix } : {}), ...(subjects ? { subjects } : {}) });
    },
  };
  for (const r of checks) {
    if (!enabled(r.id) || !runs(r, report)) continue;
    rule = r;
    severity = settings[r.id] ?? r.severity;
    r.check(ctx);
  }
  // Stable: findings at one position keep the registry's order.
  return suppressDoubtful(report, findings, opts).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

const ALL_ENABLED = () => true;
/**
 * Whether a rule is on: every rule, unless a setting turns it off. Asked per rule and per identity: a Set of
 * the rules turned off, not a look-up in the settings, where a rule without a setting searches Object.prototype.
 */
function enabledRules(rules: AnalyzeOptions['rules']): (rule: string) => boolean {
  const off = new Set(Object.entries(rules ?? {}).flatMap(([id, s]) => (s === 'off' ? [id] : [])));
  return off.size === 0 ? ALL_ENABLED : (rule) => !off.has(rule);
}

function runs(rule: Rule<string>, report: Report): boolean {
  if (rule.needs === 'text') return true;
  if (!report.isReport) return false;
  return rule.needs === 'report' || !report.truncated;
}
