// Bounded reading of zip entries (the .docx container). A zip bomb declares small sizes and expands
// without end, so sizes are counted as bytes actually come out of the inflater, not taken from headers.
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';

export interface ZipLimits {
  /** Total uncompressed bytes over the entries read. */
  maxBytes: number;
  /** Entries seen in the archive (read or not). */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxBytes: 64 * 1024 * 1024, maxEntries: 2000 };

export interface ZipRead {
  entries: Map<string, Uint8Array>;
  /** Why reading stopped early or failed; null when the archive was read through. */
  failure: null | 'corrupt' | 'too-many-entries' | 'too-large';
}

/** Reads the entries `wanted` accepts, stopping at the limits. Never throws. */
export function readZip(bytes: Uint8Array, wanted: (name: string) => boolean, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipRead {
  const entries = new Map<string, Uint8Array>();
  let failure: ZipRead['failure'] = null;
  // Local file header signature: anything else is not a zip at all.
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    return { entries, failure: 'corrupt' };
  }
  let total = 0;
  let count = 0;
  let stop = false;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  unzip.onfile = (file) => {
    if (stop) return;
    count += 1;
    if (count > limits.maxEntries) {
      failure = 'too-many-entries';
      stop = true;
      return;
    }
    if (!wanted(file.name)) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, data, final) => {
      if (stop) return;
      if (err) {
        failure = 'corrupt';
        stop = true;
        return;
      }
      size += data.length;
      total += data.length;
      if (total > limits.maxBytes) {
        failure = 'too-large';
        stop = true;
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) entries.set(file.name, concat(chunks, size));
    };
    file.start();
  };
  try {
    // Pushed in slices so that a stop takes effect before the rest of the archive is looked at.
    const slice = 1 << 16;
    for (let at = 0; at < bytes.length && !stop; at += slice) {
      const end = Math.min(bytes.length, at + slice);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch {
    if (!failure) failure = 'corrupt';
  }
  return { entries, failure };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
