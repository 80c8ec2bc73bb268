// The pieces of a run's output (one file's lines, its JSON object, a review page's section), kept until
// the run can write them: a file's rendering is final only once the cross-year pass is done, so nothing can
// be written before the last file is checked. Past a budget the pieces go to a temporary file, so a run's
// memory does not grow with its output, whatever the number of files.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** UTF-16 code units of pieces held in memory before they go to disk (at most 4 MB of strings). */
export const SPOOL_BUDGET = 2 << 20;

export class Spool {
  /** A piece in memory, or null once it is on disk (at starts[id], bytes[id] long). */
  private readonly held: (string | null)[] = [];
  private readonly starts: number[] = [];
  private readonly bytes: number[] = [];
  private heldUnits = 0;
  /** The pieces from this id on are in memory (a spill moves them all, unless the disk is full). */
  private firstHeld = 0;
  private fd: number | null = null;
  private dir: string | null = null;
  private end = 0;

  constructor(private budget = SPOOL_BUDGET) {}

  /** Keeps `piece`; its id gives it back. */
  add(piece: string): number {
    const id = this.held.length;
    this.held.push(piece);
    this.starts.push(-1);
    this.bytes.push(0);
    // Counted in UTF-16 code units, what a string's length gives for free: 1 or 2 bytes each in memory.
    this.heldUnits += piece.length;
    if (this.heldUnits > this.budget) this.spill();
    return id;
  }

  get(id: number): string {
    const piece = this.held[id];
    if (piece !== null) return piece;
    const buffer = Buffer.allocUnsafe(this.bytes[id]);
    for (let read = 0; read < buffer.length; ) {
      const n = readSync(this.fd!, buffer, read, buffer.length - read, this.starts[id] + read);
      if (n === 0) throw new Error('spool: the temporary file is shorter than what was written to it');
      read += n;
    }
    return buffer.toString('utf8');
  }

  /** Opens the temporary file; false when the system gives none. */
  private open(): boolean {
    try {
      this.dir = mkdtempSync(join(tmpdir(), 'ogi-report-'));
      const path = join(this.dir, 'output');
      this.fd = openSync(path, 'w+', 0o600);
      // Unlinked at once where the system allows it, so that no file is left behind if the run is killed.
      try {
        unlinkSync(path);
      } catch {
        /* removed with its directory by close() */
      }
      return true;
    } catch {
      this.close();
      return false;
    }
  }

  /** Removes the temporary file, if there is one. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.fd = this.dir = null;
  }

  /** Moves every piece held in memory to the temporary file. */
  private spill(): void {
    if (this.fd === null && !this.open()) {
      // No temporary file to be had (a read-only or full temporary directory): the run goes on in memory.
      this.budget = Infinity;
      return;
    }
    const fd = this.fd!;
    for (let id = this.firstHeld; id < this.held.length; id++) {
      const buffer = Buffer.from(this.held[id]!, 'utf8');
      try {
        writeAll(fd, buffer, this.end);
      } catch {
        // The disk is full: the pieces written stay there, this one and the rest stay in memory.
        this.firstHeld = id;
        this.budget = Infinity;
        return;
      }
      this.starts[id] = this.end;
      this.bytes[id] = buffer.length;
      this.end += buffer.length;
      this.held[id] = null;
    }
    this.heldUnits = 0;
    this.firstHeld = this.held.length;
  }
}

/** Writes all of `buffer` to `fd` at `position` (null: where the file is), however many calls that takes. */
export function writeAll(fd: number, buffer: Uint8Array, position: number | null): void {
  for (let written = 0; written < buffer.length; ) written += writeSync(fd, buffer, written, buffer.length - written, position === null ? null : position + written);
}
