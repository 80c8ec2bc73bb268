import { main } from './main.js';

// A failure of the run itself (not of one file, which is reported as not checked) exits 2, "could not run",
// with its words: left unhandled it would exit 1, which reads as "errors found".
void main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`ogi-report: 运行失败 / the run failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
