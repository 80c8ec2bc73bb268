import { main } from './main.js';

// The reader of the output went away (ogi-report check … | head): the rest of the output has nowhere to
// go, but the run's status still says what was found. Without this, Node prints an EPIPE stack trace.
let readerGone = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE' || (readerGone && e.code === 'ERR_STREAM_DESTROYED')) readerGone = true;
  else throw e;
});
const io = { out: (s: string) => void (readerGone || process.stdout.write(s)), err: (s: string) => void process.stderr.write(s) };

// A failure of the run itself (not of one file, which is reported as not checked) exits 2, "could not run",
// with its words: left unhandled it would exit 1, which reads as "errors found".
void main(process.argv.slice(2), io).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`ogi-report: 运行失败 / the run failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
