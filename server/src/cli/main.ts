// ogi-report check [--fix] [--format text|json|sarif] [--locale zh-cn|en] <files or directories…>
// ogi-report extract <file>: the text rendering of a .docx, .pdf or .html report (or of flattened text).
// Exit 0: no errors; 1: errors found; 2: could not run (bad arguments, unreadable or unchecked files).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Locale } from '../core/rules.js';
import { type FileOptions, fsProblem } from './check-file.js';
import { type FileResult, toJson, toSarif, toText } from './output.js';
import { checkFiles } from './pool.js';
import { DOCUMENT_FILE, readDocument } from '../readers/index.js';

declare const PACKAGE_VERSION: string;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0';

const USAGE = `用法 / usage: ogi-report check [--fix] [--format text|json|sarif] [--locale zh-cn|en] <文件或目录 files or directories…>
       ogi-report extract <文件 file>
  检查政府信息公开工作年度报告的章节与表格（总计、勾稽关系）：.docx、.pdf、.html/.htm、.txt、.md。
  Checks the sections and tables (totals, reconciliation) of open-government-information annual reports:
  .docx, .pdf, .html/.htm, .txt and .md files. Directories are searched for them.
  extract  输出文档的文本形式（表格为制表符分隔的行），可在 VS Code 中继续编辑。
           Prints the document's text rendering (tables as tab-separated rows), to keep editing as text.
  --fix  应用所有确定的修复并写回文件，再报告剩余问题（只改 UTF-8 文件）。
         Applies every certain fix, writes the file back, then reports what is left (UTF-8 files only).
  Exit status: 0 no errors, 1 errors found, 2 could not run.`;

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
    let entries: string[];
    try {
      entries = readdirSync(path).sort();
    } catch (e) {
      problems.push(fsProblem(path, e, l));
      return;
    }
    for (const name of entries) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const child = join(path, name);
      let isDir = false;
      try {
        isDir = statSync(child).isDirectory();
      } catch {
        /* reported when read */
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
  if (!['text', 'json', 'sarif'].includes(format)) wrong.push(`--format 的值无效 / invalid --format: ${format} (text, json, sarif)`);
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
  const results: FileResult[] = [];
  // Worker threads, outcomes in input order; each file read as a sequence of reports (core/document.ts).
  await checkFiles(files, { locale: l, fix, analyze: io.analyze }, (o) => {
    if ('findings' in o) {
      results.push({ path: o.path, findings: o.findings, ...(o.document ? { document: o.document } : {}) });
      if (o.notes) problems.push(...o.notes);
    } else problems.push(o.failure);
  });
  if (format === 'json') io.out(JSON.stringify(toJson(results)) + '\n');
  else if (format === 'sarif') io.out(JSON.stringify(toSarif(results, VERSION, l), null, 2) + '\n');
  else io.out(toText(results, l));
  for (const p of problems) io.err(`ogi-report: ${p}\n`);
  if (problems.length) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
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
