// Checking many files at once: worker threads (one per core) that read, decode and analyse files sent
// to them in batches, with the outcomes handed back in input order as they complete. At most a few
// batches per worker are in flight, so memory stays bounded whatever the number of files; an
// exception while checking one file makes that file "not checked", never the run fail.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Finding } from '../core/analyze.js';
import { decodeReport } from '../core/decode.js';
import { analyzeDocument } from '../core/document.js';
import type { Locale } from '../core/rules.js';

export type Outcome =
  | { path: string; findings: Finding[] }
  /** unreadable: the file could not be read (a problem of the input); otherwise checking it failed. */
  | { path: string; failure: string; unreadable: boolean };

export interface CheckOptions {
  locale: Locale;
  /** Worker threads to use; default one per core, none for a handful of files. */
  workers?: number;
  /** The worker script (tests); default the bundled cli-worker.js beside this bundle. */
  workerScript?: string;
}

/** Reads, decodes and checks one file; never throws. */
export function checkOne(path: string, locale: Locale): Outcome {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { path, failure: (e as NodeJS.ErrnoException).code ?? String(e), unreadable: true };
  }
  try {
    return { path, findings: analyzeDocument(decodeReport(bytes).text, { locale }).findings };
  } catch (e) {
    return { path, failure: String((e as Error)?.message ?? e), unreadable: false };
  }
}

/** The line the CLI writes for a file it could not read or check. */
export function describeFailure(o: Extract<Outcome, { failure: string }>, l: Locale): string {
  if (o.unreadable) return `${o.path}: ${o.failure}`;
  return l === 'en' ? `${o.path}: not checked (internal error: ${o.failure})` : `${o.path}: 未能检查（内部错误：${o.failure}）`;
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
  if (count < 1 || (options.workers === undefined && paths.length < MIN_FILES_FOR_WORKERS) || !existsSync(script)) {
    for (const p of paths) onOutcome(checkOne(p, options.locale));
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
      slot.worker.postMessage({ id, paths: b.paths, locale: options.locale });
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
          if (b.retry) settle(b.first, [{ path: b.paths[0], failure: why, unreadable: false }]);
          else b.paths.forEach((path, k) => retries.push({ first: b.first + k, paths: [path], retry: true }));
        }
        retries.sort((x, y) => x.first - y.first);
        slot.busy.clear();
        // A worker that cannot even start would die again and again: past a few deaths the rest is
        // checked in this thread.
        if (++deaths <= 4 * count + 32) workers.push(spawn());
        if (workers.length === 0) {
          for (const b of retries.splice(0)) settle(b.first, b.paths.map((p) => checkOne(p, options.locale)));
          flush();
          for (let b = nextBatch(); b; b = nextBatch()) {
            settle(b.first, b.paths.map((p) => checkOne(p, options.locale)));
            flush();
          }
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
