// ogi-report check [--fix] [--format text|json|sarif|csv|html] [-o file] [--locale zh-cn|en] <files or directories…>
// ogi-report extract <file>: the text rendering of a .docx, .pdf or .html report (or of flattened text).
// Exit 0: no errors; 1: errors found; 2: could not run (bad arguments, unreadable or unchecked files).
import { type Dirent, closeSync, openSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Locale } from '../core/rules.js';
import { type FileOptions, fsProblem } from './check-file.js';
import { writeCsvDocument } from '../outputs/csv.js';
import { type ReviewEntry, writeReviewPage } from '../outputs/review.js';
import type { Write } from '../outputs/types.js';
import { SEVERITIES, type Tally, emptyTally, sarifResultItems, tallyOf, textSummary, writeJsonDocument, writeSarifDocument } from './output.js';
import type { Outcome, RenderFormat, ReportSummary } from './check-file.js';
import { Spool, writeAll } from './spool.js';

type CheckedOutcome = Extract<Outcome, { findings: unknown }>;
import { lastYearsFiles } from './pairs.js';
import { checkFiles } from './pool.js';
import { DOCUMENT_FILE, readDocument } from '../readers/index.js';

declare const PACKAGE_VERSION: string;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0';

const USAGE = `用法 / usage: ogi-report check [--fix] [--format text|json|sarif|csv|html] [-o 输出文件] [--locale zh-cn|en] <文件或目录 files or directories…>
       ogi-report extract <文件 file>
  检查政府信息公开工作年度报告的章节与表格（总计、勾稽关系）：.docx、.pdf、.html/.htm、.txt、.md
  （.doc、.wps 按内容读取；Word 97–2003 旧格式请先另存为 .docx）。
  Checks the sections and tables (totals, reconciliation) of open-government-information annual reports:
  .docx, .pdf, .html/.htm, .txt and .md files (.doc and .wps by what they hold; save the Word 97–2003
  format as .docx first). Directories are searched for them.
  extract  输出文档的文本形式（表格为制表符分隔的行），可在 VS Code 中继续编辑。
           Prints the document's text rendering (tables as tab-separated rows), to keep editing as text.
  --fix  应用所有确定的修复并写回文件，再报告剩余问题（只改 UTF-8 文件）。
         Applies every certain fix, writes the file back, then reports what is left (UTF-8 files only).
  --format csv   每份报告一行，含全部法定数字（UTF-8 带 BOM，Excel/WPS 可直接打开）。
                 One row per report with every statutory number (UTF-8 with BOM).
  --format html  一个自包含的审阅页面：汇总表，及每份报告的表格与问题。
                 One self-contained review page: a summary, then each report's tables and findings.
  -o, --output   将结果写入文件（不指定则输出到标准输出）。 Writes the output to a file (default stdout).
  Exit status: 0 no errors, 1 errors found, 2 could not run.`;

const FORMATS = ['text', 'json', 'sarif', 'csv', 'html'];
const REPORT_FILE = DOCUMENT_FILE;

/**
 * The report files at `path`, directories searched in name order. Links are followed, but not into a
 * directory that is one of the path's own ancestors (a link back up would repeat the same files under
 * ever longer paths); the same directory reached by two routes that are not a loop is searched twice.
 * `listed`: the path was found in a directory, not given. Found in a directory, only files are read (a
 * named pipe there would wait for a writer forever); one named on the command line is read as the user
 * asked (/dev/stdin, <(…)).
 */
function collect(path: string, out: string[], problems: string[], l: Locale, ancestors = new Set<string>(), listed = false): void {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    problems.push(fsProblem(path, e, l));
    return;
  }
  if (st.isDirectory()) {
    // A file system without inode numbers (0) cannot tell: its directories are searched as they come.
    const self = st.ino ? `${st.dev}:${st.ino}` : null;
    if (self !== null && ancestors.has(self)) return;
    if (self !== null) ancestors.add(self);
    try {
      collectIn(path, out, problems, l, ancestors);
    } finally {
      if (self !== null) ancestors.delete(self);
    }
  } else if (!listed || st.isFile()) out.push(path);
}

function collectIn(path: string, out: string[], problems: string[], l: Locale, ancestors: Set<string>): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(path, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  } catch (e) {
    problems.push(fsProblem(path, e, l));
    return;
  }
  for (const entry of entries) {
    const name = entry.name;
    if (name.startsWith('.') || name === 'node_modules') continue;
    const child = join(path, name);
    // The entry's own type saves a stat per file; a link (or an unknown type) is followed by a stat.
    if (entry.isFile()) {
      if (REPORT_FILE.test(name)) out.push(child);
      continue;
    }
    let isDir = entry.isDirectory();
    if (!isDir) {
      try {
        isDir = statSync(child).isDirectory();
      } catch {
        /* reported when read */
      }
    }
    if (isDir || REPORT_FILE.test(name)) collect(child, out, problems, l, ancestors, true);
  }
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** The engine for one report; replaceable so that a test can make one file's analysis fail. */
  analyze?: FileOptions['analyze'];
  /** UTF-16 code units of output held in memory before the rest goes to a temporary file (spool.ts); tests set 0. */
  spoolBudget?: number;
}

export async function main(argv: string[], io: Io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        output: { type: 'string', short: 'o' },
        fix: { type: 'boolean' },
        locale: { type: 'string', default: 'zh-cn' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    io.err(`ogi-report: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    io.out(VERSION + '\n');
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command === 'extract') return extract(paths, (values.locale as string).toLowerCase() === 'en' ? 'en' : 'zh-cn', io);
  const format = values.format as string;
  const locale = (values.locale as string).toLowerCase();
  // Words before the usage: which argument was wrong, in both languages (the locale may be the wrong one).
  const wrong: string[] = [];
  if (command !== 'check') wrong.push(command === undefined ? '缺少命令 check / missing command: check' : `未知命令 / unknown command: ${command}`);
  else if (paths.length === 0) wrong.push('缺少要检查的文件或目录 / no files or directories to check');
  if (!FORMATS.includes(format)) wrong.push(`--format 的值无效 / invalid --format: ${format} (${FORMATS.join(', ')})`);
  if (values.output === '') wrong.push('-o/--output 缺少文件名 / -o/--output needs a file name');
  if (!['zh-cn', 'zh', 'en'].includes(locale)) wrong.push(`--locale 的值无效 / invalid --locale: ${values.locale} (zh-cn, en)`);
  if (wrong.length) {
    io.err(wrong.map((w) => `ogi-report: ${w}\n`).join('') + `${USAGE}\n`);
    return 2;
  }
  const l: Locale = locale === 'en' ? 'en' : 'zh-cn';
  const fix = values.fix === true;
  const files: string[] = [];
  const problems: string[] = [];
  for (const p of paths) collect(p, files, problems, l);
  // Every output but SARIF is rendered file by file in the checking threads: only each file's rendering and
  // its findings' tally come back (the findings and analyses stay there). SARIF numbers the run's files, so
  // its findings come back whole and are rendered here as they come. Either way only the rendering is kept,
  // in the spool, until the output is written at the end.
  const render: RenderFormat | undefined = format === 'sarif' ? undefined : (format as RenderFormat);
  const spool = new Spool(io.spoolBudget);
  try {
    const checked = new Checked(format, spool);
    // Worker threads, outcomes in input order; each file read as a sequence of reports (core/document.ts).
    const summaries: { path: string; reports: ReportSummary[] }[] = [];
    let k = 0;
    await checkFiles(files, { locale: l, fix, analyze: io.analyze, render }, (o) => {
      // The path as given, not the outcome's copy of it: a run of many files keeps one string per path.
      const path = files[k++];
      if ('findings' in o) {
        checked.push(path, o);
        if (o.notes) problems.push(...o.notes);
        if (o.reports?.length) summaries.push({ path, reports: o.reports });
      } else problems.push(o.failure);
    });
    // Cross-year: a file whose last year's report (same agency, year − 1) is among the files given is
    // checked again with it; its results replace the first pass's.
    const previousOf = lastYearsFiles(summaries);
    const again = Object.keys(previousOf);
    if (again.length) {
      const at = new Map(checked.paths.map((p, i) => [p, i]));
      await checkFiles(again, { locale: l, analyze: io.analyze, render, previousOf }, (o) => {
        if ('findings' in o) checked.set(at.get(o.path)!, o);
      });
    }
    const problem = writeOutput((write) => {
      if (format === 'json') writeJsonDocument(checked.pieces(), write);
      else if (format === 'sarif') writeSarifDocument(checked.paths, checked.pieces(), VERSION, l, write);
      else if (format === 'csv') writeCsvDocument(checked.pieces(), write);
      else if (format === 'html') writeReviewPage(checked.entries(), l, write);
      else {
        for (const p of checked.pieces()) write(p);
        write(textSummary(checked.paths.length, checked.tally(), l));
      }
    }, values.output, io, l);
    if (problem) problems.push(problem);
    for (const p of problems) io.err(`ogi-report: ${p}\n`);
    if (problems.length) return 2;
    return checked.tally().error > 0 ? 1 : 0;
  } finally {
    spool.close();
  }
}

/**
 * The checked files in input order, each with its findings' tally and what it adds to the run's output,
 * kept in the spool. A run of many files keeps little more than each file's path here: the tallies are
 * one array of numbers, and each file's piece of the output is a number (its id in the spool).
 */
class Checked {
  readonly paths: string[] = [];
  /** Per file, the spool's id of its piece of the output; -1 when it adds nothing (no CSV line, no SARIF result). */
  private readonly pieceIds: number[] = [];
  /** Per file, the review page's entries (html only). */
  private readonly reviewEntries: ReviewEntry[][] = [];
  /** Per file, its findings' tally: one count per severity, in SEVERITIES order. */
  private readonly counts: number[] = [];

  constructor(
    private readonly format: string,
    private readonly spool: Spool,
  ) {}

  push(path: string, o: CheckedOutcome): void {
    this.paths.push(path);
    this.set(this.paths.length - 1, o);
  }

  /** The file's outcome (a second pass's replaces the first's). */
  set(i: number, o: CheckedOutcome): void {
    const spool = this.spool;
    const r = o.rendered;
    let piece = -1;
    if (this.format === 'sarif') {
      // Findings come back only when the output is made here.
      const items = sarifResultItems({ path: this.paths[i], findings: o.findings, ...(o.document ? { document: o.document } : {}) }, i);
      if (items) piece = spool.add(items);
    } else if (this.format === 'html') this.reviewEntries[i] = (r?.html ?? []).map((e) => spooledEntry(e, spool));
    else if (this.format === 'csv') piece = r?.csv?.length ? spool.add(r.csv.join('\r\n')) : -1;
    else piece = spool.add((this.format === 'json' ? r?.json : r?.text) ?? '');
    this.pieceIds[i] = piece;
    const tally = o.tally ?? tallyOf(o.findings);
    SEVERITIES.forEach((s, k) => (this.counts[SEVERITIES.length * i + k] = tally[s]));
  }

  /** Each file's piece of the output, in input order (the files that have one). */
  *pieces(): Iterable<string> {
    for (const id of this.pieceIds) if (id >= 0) yield this.spool.get(id);
  }

  /** The review page's entries, in input order, their summary rows and sections read from the spool when written. */
  entries(): ReviewEntry[] {
    return this.reviewEntries.flat();
  }

  tally(): Tally {
    const t = emptyTally();
    for (let i = 0; i < this.counts.length; i++) t[SEVERITIES[i % SEVERITIES.length]] += this.counts[i];
    return t;
  }
}

function spooledEntry(e: ReviewEntry, spool: Spool): ReviewEntry {
  const summary = spool.add(e.summary);
  const section = spool.add(e.section);
  return {
    path: e.path,
    errors: e.errors,
    warnings: e.warnings,
    get summary() {
      return spool.get(summary);
    },
    get section() {
      return spool.get(section);
    },
  };
}

const OUTPUT_CHUNK = 1 << 20;

/**
 * Writes the output that `writeDocument` makes to the file at `path` (stdout without one), in chunks of
 * about a megabyte, never the whole of it at once. Returns the problem when the file cannot be written.
 */
function writeOutput(writeDocument: (write: Write) => void, path: string | undefined, io: Io, l: Locale): string | null {
  let fd: number | undefined;
  let chunk = '';
  const flush = () => {
    if (fd === undefined) io.out(chunk);
    else writeAll(fd, Buffer.from(chunk, 'utf8'), null);
    chunk = '';
  };
  const write: Write = (s) => {
    chunk += s;
    if (chunk.length >= OUTPUT_CHUNK) flush();
  };
  if (path === undefined) {
    writeDocument(write);
    flush();
    return null;
  }
  try {
    fd = openSync(path, 'w');
    writeDocument(write);
    flush();
    return null;
  } catch (e) {
    return fsProblem(path, e, l, true);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * ogi-report extract FILE: the text rendering on stdout, the reader's problems on stderr. Exit 2 when
 * nothing could be read (a corrupt or encrypted file, a PDF without text) or the file cannot be opened.
 */
async function extract(paths: string[], l: Locale, io: Io): Promise<number> {
  if (paths.length !== 1) {
    io.err(`ogi-report: ${paths.length === 0 ? '缺少要读取的文件 / no file to extract' : 'extract 只读一个文件 / extract takes one file'}\n${USAGE}\n`);
    return 2;
  }
  const [path] = paths;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    io.err(`ogi-report: ${fsProblem(path, e, l)}\n`);
    return 2;
  }
  const read = await readDocument(bytes, path);
  for (const p of read.problems) io.err(`ogi-report: ${path}${l === 'en' ? ': ' : '：'}${p.message[l]}\n`);
  if (read.text.trim() === '') {
    if (read.problems.length === 0) io.err(`ogi-report: ${path}${l === 'en' ? ': no text could be read' : '：未读出任何文字'}\n`);
    return 2;
  }
  io.out(read.text.endsWith('\n') ? read.text : read.text + '\n');
  return 0;
}
