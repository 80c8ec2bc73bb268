// ogi-report check [--fix] [--format text|json|sarif|csv|html] [-o file] [--locale zh-cn|en] <files or directories…>
// ogi-report extract <file>: the text rendering of a .docx, .pdf or .html report (or of flattened text).
// Exit 0: no errors; 1: errors found; 2: could not run (bad arguments, unreadable or unchecked files).
import { type Dirent, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Locale } from '../core/rules.js';
import { type FileOptions, fsProblem } from './check-file.js';
import { csvDocument } from '../outputs/csv.js';
import { reviewPage } from '../outputs/review.js';
import { type FileResult, type Tally, addTally, emptyTally, jsonDocument, tallyOf, textSummary, toSarif } from './output.js';
import type { Outcome, RenderFormat, Rendered, ReportSummary } from './check-file.js';

type CheckedOutcome = Extract<Outcome, { findings: unknown }>;
import { lastYearsFiles } from './pairs.js';
import { checkFiles } from './pool.js';
import { DOCUMENT_FILE, readDocument } from '../readers/index.js';

declare const PACKAGE_VERSION: string;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0';

const USAGE = `用法 / usage: ogi-report check [--fix] [--format text|json|sarif|csv|html] [-o 输出文件] [--locale zh-cn|en] <文件或目录 files or directories…>
       ogi-report extract <文件 file>
  检查政府信息公开工作年度报告的章节与表格（总计、勾稽关系）：.docx、.pdf、.html/.htm、.txt、.md。
  Checks the sections and tables (totals, reconciliation) of open-government-information annual reports:
  .docx, .pdf, .html/.htm, .txt and .md files. Directories are searched for them.
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

function collect(path: string, out: string[], problems: string[], l: Locale): void {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    problems.push(fsProblem(path, e, l));
    return;
  }
  if (st.isDirectory()) {
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
      if (isDir || REPORT_FILE.test(name)) collect(child, out, problems, l);
    }
  } else out.push(path);
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** The engine for one report; replaceable so that a test can make one file's analysis fail. */
  analyze?: FileOptions['analyze'];
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
  // its findings come back whole and it is made here at the end.
  const render: RenderFormat | undefined = format === 'sarif' ? undefined : (format as RenderFormat);
  const checked = new Checked();
  // Worker threads, outcomes in input order; each file read as a sequence of reports (core/document.ts).
  const summaries: { path: string; reports: ReportSummary[] }[] = [];
  await checkFiles(files, { locale: l, fix, analyze: io.analyze, render }, (o) => {
    if ('findings' in o) {
      checked.push(o);
      if (o.notes) problems.push(...o.notes);
      if (o.reports?.length) summaries.push({ path: o.path, reports: o.reports });
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
  const text =
    format === 'json'
      ? jsonDocument(checked.rendered.map((r) => r!.json!))
      : format === 'sarif'
        ? JSON.stringify(toSarif(checked.results, VERSION, l), null, 2) + '\n'
        : format === 'csv'
          ? csvDocument(checked.rendered.flatMap((x) => x?.csv ?? []))
          : format === 'html'
            ? reviewPage(checked.rendered.flatMap((x) => x?.html ?? []), l)
            : checked.rendered.map((r) => r!.text!).join('') + textSummary(checked.paths.length, checked.tally(), l);
  if (values.output === undefined) io.out(text);
  else {
    try {
      writeFileSync(values.output, text, 'utf8');
    } catch (e) {
      problems.push(fsProblem(values.output, e, l));
    }
  }
  for (const p of problems) io.err(`ogi-report: ${p}\n`);
  if (problems.length) return 2;
  return checked.tally().error > 0 ? 1 : 0;
}

/** The checked files in input order: each one's rendering and tally, or (SARIF) its findings. */
class Checked {
  readonly paths: string[] = [];
  readonly rendered: (Rendered | undefined)[] = [];
  readonly results: FileResult[] = [];
  private readonly tallies: Tally[] = [];

  push(o: CheckedOutcome): void {
    this.paths.push(o.path);
    this.set(this.paths.length - 1, o);
  }

  /** The file's outcome (a second pass's replaces the first's). */
  set(i: number, o: CheckedOutcome): void {
    this.rendered[i] = o.rendered;
    this.tallies[i] = o.tally ?? tallyOf(o.findings);
    // Findings come back only when the output is made here (SARIF).
    this.results[i] = { path: o.path, findings: o.findings, ...(o.document ? { document: o.document } : {}) };
  }

  tally(): Tally {
    const t = emptyTally();
    for (const x of this.tallies) addTally(t, x);
    return t;
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
