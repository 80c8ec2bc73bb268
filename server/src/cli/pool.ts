// Checking many files at once: worker threads (one per core) that read, decode and analyse files sent
// to them in batches, with the outcomes handed back in input order as they complete. At most a few
// batches per worker are in flight, so memory stays bounded whatever the number of files; an
// exception while checking one file makes that file "not checked", never the run fail.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type FileOptions, type Outcome, checkOne } from './check-file.js';

export type { Outcome } from './check-file.js';

export interface CheckOptions extends FileOptions {
  /** Worker threads to use; default one per core, none for a handful of files (or an injected engine). */
  workers?: number;
  /** The worker script (tests); default the bundled cli-worker.js beside this bundle. */
  workerScript?: string;
}

const BATCH = 32;
const IN_FLIGHT_PER_WORKER = 2;
// Below this many files starting threads costs more than it saves.
const MIN_FILES_FOR_WORKERS = 24;

interface Batch {
  /** Index of the batch's first path in the input. */
  first: number;
  paths: string[];
  /** A single file sent again after a worker died with it in flight. */
  retry: boolean;
}

/**
 * Checks `paths`, calling `onOutcome` once per path, in input order. Resolves when every path has
 * had its outcome.
 */
export async function checkFiles(paths: readonly string[], options: CheckOptions, onOutcome: (o: Outcome) => void): Promise<void> {
  const script = options.workerScript ?? join(__dirname, 'cli-worker.js');
  const count = Math.min(options.workers ?? availableParallelism(), Math.ceil(paths.length / BATCH));
  const file: FileOptions = { locale: options.locale, fix: options.fix, analyze: options.analyze, render: options.render, previousOf: options.previousOf };
  // An injected engine cannot cross into a worker thread: it runs here.
  if (count < 1 || options.analyze || (options.workers === undefined && paths.length < MIN_FILES_FOR_WORKERS) || !existsSync(script)) {
    for (const p of paths) onOutcome(await checkOne(p, file));
    return;
  }

  // Outcomes that arrived ahead of their turn, by input index; at most the window's worth.
  const done = new Map<number, Outcome>();
  const retries: Batch[] = [];
  const window = count * IN_FLIGHT_PER_WORKER * BATCH * 2;
  let nextFile = 0;
  let nextToEmit = 0;
  let finished = false;
  let deaths = 0;
  let nextId = 0;

  interface Slot {
    worker: Worker;
    busy: Map<number, Batch>;
  }
  const workers: Slot[] = [];

  await new Promise<void>((resolve) => {
    const settle = (first: number, outcomes: Outcome[]) => outcomes.forEach((o, k) => done.set(first + k, o));
    const flush = () => {
      for (let o = done.get(nextToEmit); o; o = done.get(nextToEmit)) {
        done.delete(nextToEmit++);
        onOutcome(o);
      }
      if (nextToEmit === paths.length && !finished) {
        finished = true;
        for (const w of workers) void w.worker.terminate();
        resolve();
      }
    };
    const nextBatch = (): Batch | null => {
      // Batches far ahead of the next outcome to write would pile up in memory: wait for it.
      if (nextFile >= paths.length || nextFile - nextToEmit >= window) return null;
      const b = { first: nextFile, paths: paths.slice(nextFile, nextFile + BATCH), retry: false };
      nextFile += b.paths.length;
      return b;
    };
    const send = (slot: Slot, b: Batch) => {
      const id = nextId++;
      slot.busy.set(id, b);
      slot.worker.postMessage({ id, paths: b.paths, options: { locale: options.locale, fix: options.fix, render: options.render, previousOf: pairsOf(b.paths, options.previousOf) } });
    };
    const feed = () => {
      for (const slot of workers) {
        // A file sent again travels alone to an idle worker, so that a second death names it.
        if (retries.length) {
          if (slot.busy.size === 0) send(slot, retries.shift()!);
          continue;
        }
        while (slot.busy.size < IN_FLIGHT_PER_WORKER) {
          const b = nextBatch();
          if (!b) break;
          send(slot, b);
        }
      }
    };
    const spawn = (): Slot => {
      const slot: Slot = { worker: new Worker(script), busy: new Map() };
      slot.worker.on('message', (m: { id: number; outcomes: Outcome[] }) => {
        const b = slot.busy.get(m.id);
        if (!b) return;
        slot.busy.delete(m.id);
        settle(b.first, m.outcomes);
        flush();
        feed();
      });
      const lost = (why: string) => {
        const i = workers.indexOf(slot);
        if (finished || i < 0) return;
        workers.splice(i, 1);
        // The worker died (an exception outside any one file's try, out of memory): the files it
        // held are sent again one by one; a file it dies on alone is not checked.
        for (const b of slot.busy.values()) {
          if (b.retry) settle(b.first, [{ path: b.paths[0], failure: threadStopped(b.paths[0], why, options.locale), unreadable: false }]);
          else b.paths.forEach((path, k) => retries.push({ first: b.first + k, paths: [path], retry: true }));
        }
        retries.sort((x, y) => x.first - y.first);
        slot.busy.clear();
        // A worker that cannot even start would die again and again: past a few deaths the rest is
        // checked in this thread.
        if (++deaths <= 4 * count + 32) workers.push(spawn());
        if (workers.length === 0) {
          void (async () => {
            for (const b of retries.splice(0)) settle(b.first, await checkAll(b.paths, file));
            flush();
            // The window bounds nextBatch; here every outcome is flushed as it comes, so it never waits.
            for (let b = nextBatch(); b; b = nextBatch()) {
              settle(b.first, await checkAll(b.paths, file));
              flush();
            }
          })();
          return;
        }
        flush();
        feed();
      };
      slot.worker.on('error', (e) => lost(String(e?.message ?? e)));
      slot.worker.on('exit', (code) => lost(`worker exited (${code})`));
      return slot;
    };
    for (let i = 0; i < count; i++) workers.push(spawn());
    feed();
  });
}

/** The pairs of a batch's paths only, so that a batch carries what it needs (the map can be large). */
function pairsOf(paths: readonly string[], all: FileOptions['previousOf']): FileOptions['previousOf'] {
  if (!all) return undefined;
  const out: Record<string, Readonly<Record<string, string>>> = {};
  for (const p of paths) if (all[p] !== undefined) out[p] = all[p];
  return out;
}

/** Files one after another (a PDF's pdf.js document is large: one at a time). */
export async function checkAll(paths: readonly string[], options: FileOptions): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const p of paths) out.push(await checkOne(p, options));
  return out;
}

function threadStopped(path: string, why: string, l: FileOptions['locale']): string {
  return l === 'en' ? `${path}: not checked: the checking thread stopped (${why})` : `${path}：未检查，检查线程中止（${why}）`;
}
