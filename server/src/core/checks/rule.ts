// What a rule is: one object with its id, default severity, words in both languages, whether it can
// offer a fix, tags, and its check. The check receives a context (the report model, the options, last
// year's report when there is one, and `emit`) and reports through `emit` only. After markdownlint's
// rule objects (lib/md047.mjs: names, description, tags, function(params, onError)).
import type { Report } from '../model.js';
import type { Range } from '../text.js';
import type { RuleId } from './index.js';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Locale = 'zh-cn' | 'en';
export type RuleSetting = Severity | 'off';

export interface TextEdit {
  range: Range;
  newText: string;
}
export interface Fix {
  title: string;
  edits: TextEdit[];
}
export interface Related {
  range: Range;
  message: string;
  /** The other file the location is in (last year's report: its URI in the editor, its path in the CLI); none: this file. */
  uri?: string;
  /**
   * Where the location is in the other file's original, in words (第3页 表三「…」·总计), when that file is a
   * document read through a reader: its range is then in the document's text rendering (the CLI sets it).
   */
  place?: string;
}
export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  related: Related[];
  fix?: Fix;
  /** The identity instances the finding is about (identities.ts equationKey), to tell one finding from another across edits. */
  subjects?: string[];
}

/** What a check looks at; also the folder its file lives in. */
export type RuleTag = 'document' | 'sections' | 'tables' | 'rows' | 'cells' | 'arithmetic' | 'identity' | 'structure' | 'prose' | 'crossyear' | 'hint';

/**
 * When the check runs: 'text' on any document; 'report' when the document reads like a report (the
 * section rules: a report too large for the other checks still has its sections checked, as too-large
 * says); 'tables' when, in addition, it was read whole, its tables not skipped as too large (the table,
 * prose and cross-year rules).
 */
export type RuleNeeds = 'text' | 'report' | 'tables';

export interface CheckOptions {
  locale: Locale;
  /** Per-rule severity, or 'off'. */
  rules: Readonly<Partial<Record<RuleId, RuleSetting>>>;
  /** Numeric thresholds for hint rules, by name (e.g. 'appeal-rate.max'); a rule reads its own with a default. */
  thresholds: Readonly<Record<string, number>>;
  /** The size above which only the sections are checked (too-large says so). */
  maxTableCheckLength?: number;
  /** How the bytes were decoded, when the text came from a file (the encoding rule reports damage). */
  decoding?: Decoding;
  /** What the document reader found (readers/: a corrupt file, a table it could not read): findings of their own. */
  readProblems?: readonly ReaderProblem[];
}

/** A problem a document reader found (readers/types.ts ReadProblem has this shape; the core does not import readers). */
export interface ReaderProblem {
  code: string;
  /** The statutory table it is about: the engine's other findings on that table are not shown. */
  table?: 'activeDisclosure' | 'applications' | 'reviewLitigation';
  /** The problem is why no statutory table could be read (tables as pictures): table-missing is not reported. */
  allTables?: boolean;
  message: Readonly<Record<Locale, string>>;
}

/** What decoding a file's bytes found: damaged UTF-8 is decoded with U+FFFD for each bad sequence. */
export interface Decoding {
  encoding: string;
  /** Byte sequences that were not valid UTF-8 and stand as U+FFFD in the text. */
  invalidSequences: number;
}

/** Last year's report, for rules that compare years. */
export interface PreviousReport {
  /** Where it is: a document URI in the editor, a file path in the CLI (related locations carry it as `uri`). */
  path: string;
  report: Report;
}

export interface CheckContext {
  report: Report;
  locale: Locale;
  options: CheckOptions;
  previous: PreviousReport | null;
  /** Whether another rule is on (the culprit policy asks whether likely-culprit runs). */
  enabled(rule: RuleId): boolean;
  /** A numeric threshold from the options, or the rule's default. */
  threshold(name: string, fallback: number): number;
  /**
   * Reports one finding of this rule; severity comes from the options, else `level` (a rule that grades
   * its findings: prose-table is an error only where certain), else the rule's default.
   */
  emit(range: Range, message: string, related?: Related[], fix?: Fix, subjects?: string[], level?: Severity): void;
}

export interface Rule<Id extends string = string> {
  id: Id;
  severity: Severity;
  title: Readonly<Record<Locale, string>>;
  /** Whether the rule can offer a fix (its fixture must then yield one: test/unit/rules.test.ts). */
  fixable: boolean;
  tags: readonly RuleTag[];
  needs: RuleNeeds;
  check(ctx: CheckContext): void;
}

/** Keeps the literal id type, so the registry can derive RuleId from its rule objects. */
export function defineRule<const Id extends string>(rule: Rule<Id>): Rule<Id> {
  return rule;
}

/** The message in the context's language. */
export function say(l: Locale, zh: string, en: string): string {
  return l === 'en' ? en : zh;
}
