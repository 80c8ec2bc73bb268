// ogi-report check [--fix] [--format text|json|sarif] [--locale zh-cn|en] <files or directories…>
// Exit 0: no errors; 1: errors found; 2: could not run (bad arguments, unreadable or unchecked files).
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Finding, analyze } from '../core/analyze.js';
import { decodeReport, encodingFinding } from '../core/decode.js';
import { fixAll } from '../core/fix.js';
import type { Locale } from '../core/rules.js';
import { type FileResult, toJson, toSarif, toText } from './output.js';

declare const PACKAGE_VERSION: string;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0';

const USAGE = `用法 / usage: ogi-report check [--fix] [--format text|json|sarif] [--locale zh-cn|en] <文件或目录 files or directories…>
  检查政府信息公开工作年度报告的章节与表格（总计、勾稽关系）。
  Checks the sections and tables (totals, reconciliation) of open-government-information annual reports.
  Directories are searched for *.txt and *.md files.
  --fix  应用所有确定的修复并写回文件，再报告剩余问题（只改 UTF-8 文件）。
         Applies every certain fix, writes the file back, then reports what is left (UTF-8 files only).
  Exit status: 0 no errors, 1 errors found, 2 could not run.`;

const REPORT_FILE = /\.(txt|md|markdown)$/i;

type Problem = (l: Locale) => string;

/** A file-system error in words, not an errno code. */
function fsProblem(path: string, e: unknown): Problem {
  const code = (e as NodeJS.ErrnoException).code;
  return (l) => {
    const en = l === 'en';
    if (code === 'ENOENT') return en ? `${path}: does not exist` : `${path}：文件或目录不存在`;
    if (code === 'EACCES' || code === 'EPERM') return en ? `${path}: permission denied` : `${path}：没有读写权限`;
    if (code === 'EISDIR') return en ? `${path}: is a directory` : `${path}：是目录`;
    const detail = (e as Error).message ?? String(e);
    return en ? `${path}: cannot read (${detail})` : `${path}：无法读取（${detail}）`;
  };
}

function collect(path: string, out: string[], problems: Problem[]): void {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    problems.push(fsProblem(path, e));
    return;
  }
  if (st.isDirectory()) {
    let entries: string[];
    try {
      entries = readdirSync(path).sort();
    } catch (e) {
      problems.push(fsProblem(path, e));
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
      if (isDir || REPORT_FILE.test(name)) collect(child, out, problems);
    }
  } else out.push(path);
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** The engine; replaceable so that a test can make one file's analysis fail. */
  analyze?: typeof analyze;
}

export function main(argv: string[], io: Io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) }): number {
  const check = io.analyze ?? analyze;
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
  const problems: Problem[] = [];
  for (const p of paths) collect(p, files, problems);
  const results: FileResult[] = [];
  for (const path of files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      problems.push(fsProblem(path, e));
      continue;
    }
    // One file's failure never costs another file its result: it is reported as not checked.
    try {
      const decoded = decodeReport(bytes);
      let text = decoded.text;
      if (fix) {
        const refusal = fixRefusal(path, decoded.encoding, decoded.invalidSequences ?? 0);
        if (refusal) problems.push(refusal);
        else {
          const fixed = fixAll(text, { locale: l }, check);
          if (fixed.text !== text) {
            const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\ufeff' : '';
            writeFileSync(path, bom + fixed.text, 'utf8');
            text = fixed.text;
          }
        }
      }
      const findings: Finding[] = check(text, { locale: l }).findings;
      const damaged = encodingFinding(decoded, l);
      if (damaged) findings.unshift(damaged);
      results.push({ path, findings });
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      problems.push((loc) => (loc === 'en' ? `${path}: not checked: the checker failed (${detail})` : `${path}：未检查，检查程序出错（${detail}）`));
    }
  }
  if (format === 'json') io.out(JSON.stringify(toJson(results)) + '\n');
  else if (format === 'sarif') io.out(JSON.stringify(toSarif(results, VERSION, l), null, 2) + '\n');
  else io.out(toText(results, l));
  for (const p of problems) io.err(`ogi-report: ${p(l)}\n`);
  if (problems.length) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/**
 * --fix writes UTF-8 only: Node has no GB18030 or UTF-16 encoder that would give back the file's own
 * bytes, and a damaged UTF-8 file would lose its damaged bytes for replacement characters.
 */
function fixRefusal(path: string, encoding: string, invalid: number): Problem | null {
  if (encoding !== 'utf-8') {
    return (l) => (l === 'en' ? `${path}: not fixed: the file is ${encoding.toUpperCase()}, --fix writes UTF-8 files only (save it as UTF-8 first)` : `${path}：未修复：文件编码为 ${encoding.toUpperCase()}，--fix 只改写 UTF-8 文件（请先另存为 UTF-8）`);
  }
  if (invalid > 0) {
    return (l) => (l === 'en' ? `${path}: not fixed: the file holds invalid UTF-8 bytes` : `${path}：未修复：文件含有无效的 UTF-8 字节`);
  }
  return null;
}
