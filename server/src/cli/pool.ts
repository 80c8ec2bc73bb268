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
  id: number;
  paths: string[];
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

  const batches: Batch[] = [];
  for (let i = 0, id = 0; i < paths.length; i += BATCH, id++) batches.push({ id, paths: paths.slice(i, i + BATCH) });
  const done = new Map<number, Outcome[]>();
  let nextToSend = 0;
  let nextToEmit = 0;

  let finished = false;
  let deaths = 0;
  await new Promise<void>((resolve) => {
    const flush = () => {
      for (let o = done.get(nextToEmit); o; o = done.get(nextToEmit)) {
        done.delete(nextToEmit++);
        for (const outcome of o) onOutcome(outcome);
      }
      if (nextToEmit === batches.length && !finished) {
        finished = true;
        for (const w of workers) void w.worker.terminate();
        resolve();
      }
    };
    interface Slot {
      worker: Worker;
      busy: Set<number>;
    }
    const workers: Slot[] = [];
    const feed = (slot: Slot) => {
      // Keep the window small: batches far ahead of the next one to emit would pile up in memory.
      while (slot.busy.size < IN_FLIGHT_PER_WORKER && nextToSend < batches.length && nextToSend - nextToEmit < count * IN_FLIGHT_PER_WORKER * 2) {
        const b = batches[nextToSend++];
        slot.busy.add(b.id);
        slot.worker.postMessage({ id: b.id, paths: b.paths, locale: options.locale });
      }
    };
    const spawn = (): Slot => {
      const slot: Slot = { worker: new Worker(script), busy: new Set() };
      slot.worker.on('message', (m: { id: number; outcomes: Outcome[] }) => {
        slot.busy.delete(m.id);
        done.set(m.id, m.outcomes);
        flush();
        for (const s of workers) feed(s);
      });
      const lost = (why: string) => {
        // The worker died (out of memory, a crash outside any one file): its batches are not checked.
        const i = workers.indexOf(slot);
        if (finished || i < 0) return;
        workers.splice(i, 1);
        for (const id of slot.busy) done.set(id, batches[id].paths.map((path) => ({ path, failure: why, unreadable: false })));
        slot.busy.clear();
        // A worker that cannot even start would die again: past a few deaths the rest is checked here.
        if (++deaths <= 2 * count) workers.push(spawn());
        else if (workers.length === 0) {
          for (; nextToSend < batches.length; nextToSend++) done.set(nextToSend, batches[nextToSend].paths.map((p) => checkOne(p, options.locale)));
        }
        flush();
        for (const s of workers) feed(s);
      };
      slot.worker.on('error', (e) => lost(String(e?.message ?? e)));
      slot.worker.on('exit', (code) => lost(`worker exited (${code})`));
      return slot;
    };
    for (let i = 0; i < count; i++) workers.push(spawn());
    for (const s of workers) feed(s);
  });
}
