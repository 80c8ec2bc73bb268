import { main } from './main.js';

// The reader of the output went away (ogi-report check … | head): the rest of the output has nowhere to
// go, but the run's status still says what was found. Without this, Node prints an EPIPE stack trace.
// Any other failure to write the output (a full disk) is said in words and exits 2, "could not run".
let readerGone = false;
let outputFailed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  const already = readerGone;
  readerGone = true;
  if (e.code === 'EPIPE' || (already && e.code === 'ERR_STREAM_DESTROYED')) return;
  if (!outputFailed) process.stderr.write(`ogi-report: 无法写入输出 / cannot write the output (${e.message})\n`);
  outputFailed = true;
  process.exitCode = 2;
});
const io = { out: (s: string) => void (readerGone || process.stdout.write(s)), err: (s: string) => void process.stderr.write(s) };

// A failure of the run itself (not of one file, which is reported as not checked) exits 2, "could not run",
// with its words: left unhandled it would exit 1, which reads as "errors found".
void main(process.argv.slice(2), io).then(
  (code) => (process.exitCode = outputFailed ? 2 : code),
  (e: unknown) => {
    process.stderr.write(`ogi-report: 运行失败 / the run failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
