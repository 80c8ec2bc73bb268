// ogi-report check [--format text|json|sarif] [--locale zh-cn|en] <files or directories…>
// Exit 0: no errors; 1: errors found; 2: could not run (bad arguments, unreadable files).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Locale } from '../core/rules.js';
import { type FileResult, toJson, toSarif, toText } from './output.js';
import { checkFiles, describeFailure } from './pool.js';

declare const PACKAGE_VERSION: string;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0';

const USAGE = `用法 / usage: ogi-report check [--format text|json|sarif] [--locale zh-cn|en] <文件或目录 files or directories…>
  检查政府信息公开工作年度报告的章节与表格（总计、勾稽关系）。
  Checks the sections and tables (totals, reconciliation) of open-government-information annual reports.
  Directories are searched for *.txt and *.md files.
  Exit status: 0 no errors, 1 errors found, 2 could not run.`;

const REPORT_FILE = /\.(txt|md|markdown)$/i;

function collect(path: string, out: string[], problems: string[]): void {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    problems.push(`${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return;
  }
  if (st.isDirectory()) {
    let entries: string[];
    try {
      entries = readdirSync(path).sort();
    } catch (e) {
      problems.push(`${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
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

export async function main(argv: string[], io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
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
  if (command !== 'check' || paths.length === 0 || !['text', 'json', 'sarif'].includes(format) || !['zh-cn', 'zh', 'en'].includes(locale)) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  const l: Locale = locale === 'en' ? 'en' : 'zh-cn';
  const files: string[] = [];
  const problems: string[] = [];
  for (const p of paths) collect(p, files, problems);
  const results: FileResult[] = [];
  const failed: string[] = [];
  // Worker threads, outcomes in input order; each file read as a sequence of reports (core/document.ts).
  await checkFiles(files, { locale: l }, (o) => {
    if ('findings' in o) results.push(o);
    else (o.unreadable ? problems : failed).push(describeFailure(o, l));
  });
  if (format === 'json') io.out(JSON.stringify(toJson(results)) + '\n');
  else if (format === 'sarif') io.out(JSON.stringify(toSarif(results, VERSION, l), null, 2) + '\n');
  else io.out(toText(results, l));
  for (const p of problems) io.err(`ogi-report: ${l === 'en' ? 'cannot read' : '无法读取'} ${p}\n`);
  for (const f of failed) io.err(`ogi-report: ${f}\n`);
  if (problems.length || failed.length) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}
