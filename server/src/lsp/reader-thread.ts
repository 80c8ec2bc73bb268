// Documents (.pdf, .docx, web pages) read on a thread of their own. pdf.js parses a whole file without
// giving the event loop a turn (100–600 ms for a report PDF here, seconds for a long one), so reading the
// workspace's documents in the background on the server's thread would hold every keystroke's diagnostics
// behind it. One thread, started on the first read and let go when idle; a read that fails there (the
// thread died, or overran its deadline) rejects, as a reader that threw would, and the next read starts a
// fresh thread. The thread runs the server's own bundle (server.ts), which serves reads when it is not the
// main thread.
import { existsSync } from 'node:fs';
import { Worker, parentPort } from 'node:worker_threads';
import { type ReadResult, readDocument } from '../readers/index.js';

/** Bytes of a file and its name → its reading (readers/index.ts readDocument's contract: never throws). */
export type DocumentReader = (bytes: Uint8Array, fileName: string) => Promise<ReadResult>;

export interface ReaderThreadOptions {
  /** How long one read may take before its thread is stopped: a reader caught in a loop must not hold the others. */
  deadlineMs?: number;
  /**
   * An idle thread is let go after this long (measured: about 100 MB with pdf.js loaded). Starting one again
   * costs a document view about 0.2 s and loading pdf.js in it 0.5 s more: minutes, so that a reviewer opening
   * one PDF after another does not pay that for each.
   */
  idleMs?: number;
}

export interface ReaderThread {
  read: DocumentReader;
  /** Stops the thread (a read in flight rejects). */
  close(): Promise<void>;
  /** Whether a thread is running now (tests). */
  readonly running: boolean;
}

interface Request {
  id: number;
  bytes: Uint8Array;
  fileName: string;
}
type Reply = { id: number; result: ReadResult } | { id: number; error: string };

interface Pending {
  resolve: (r: ReadResult) => void;
  reject: (e: Error) => void;
  deadline: NodeJS.Timeout;
}

/**
 * Reads documents on a thread running `script` (a module that calls serveReads() off the main thread).
 * Without the script (the server run from source, in the tests' own process) documents are read here.
 */
export function readerThread(script: string | undefined, options: ReaderThreadOptions = {}): ReaderThread {
  const deadlineMs = options.deadlineMs ?? 120_000;
  const idleMs = options.idleMs ?? 600_000;
  if (!script || !existsSync(script)) return { read: readDocument, close: async () => undefined, running: false };

  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let idle: NodeJS.Timeout | null = null;

  /** The thread is gone (or is being stopped): every read in flight rejects with why. */
  const stop = (why: Error): Promise<number> | undefined => {
    const w = worker;
    worker = null;
    for (const p of pending.values()) {
      clearTimeout(p.deadline);
      p.reject(why);
    }
    pending.clear();
    return w?.terminate();
  };
  const start = (): Worker => {
    // A heap of its own bounds what one document may take: out of memory ends the thread, not the server.
    const w = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    w.on('message', (m: Reply) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.deadline);
      if ('error' in m) p.reject(new Error(m.error));
      else p.resolve(m.result);
      if (pending.size === 0 && worker === w) {
        // Idle: it keeps the process alive no longer, and goes after a while.
        w.unref();
        idle = setTimeout(() => worker === w && pending.size === 0 && void stop(new Error('idle')), idleMs);
        idle.unref();
      }
    });
    w.on('error', (e) => worker === w && void stop(new Error(`the document reader thread failed: ${e.message}`)));
    w.on('exit', (code) => worker === w && void stop(new Error(`the document reader thread stopped (exit code ${code})`)));
    return w;
  };

  const read: DocumentReader = (bytes, fileName) =>
    new Promise<ReadResult>((resolve, reject) => {
      if (idle) clearTimeout(idle);
      idle = null;
      worker ??= start();
      worker.ref();
      const id = nextId++;
      const deadline = setTimeout(() => void stop(new Error(`reading ${fileName} took longer than ${deadlineMs / 1000} s: stopped`)), deadlineMs);
      deadline.unref();
      pending.set(id, { resolve, reject, deadline });
      // The bytes are handed over, not copied, when they are the whole of their buffer (a file's own read).
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      const message: Request = { id, bytes, fileName };
      worker.postMessage(message, whole ? [bytes.buffer as ArrayBuffer] : []);
    });

  return {
    read,
    close: async () => {
      if (idle) clearTimeout(idle);
      await stop(new Error('the document reader thread was closed'));
    },
    get running() {
      return worker !== null;
    },
  };
}

/** The thread's side: reads each document it is sent and sends its reading back. */
export function serveReads(): void {
  const port = parentPort;
  if (!port) throw new Error('serveReads runs on a worker thread');
  // The thread's standard output is the process's, and over stdio that is the protocol's channel: a library's
  // console.log here would corrupt it (the server's own console is patched into the protocol's log). To stderr.
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  port.on('message', async ({ id, bytes, fileName }: Request) => {
    let reply: Reply;
    try {
      reply = { id, result: await readDocument(bytes, fileName) };
    } catch (e) {
      reply = { id, error: String((e as Error)?.message ?? e) };
    }
    port.postMessage(reply);
  });
}
