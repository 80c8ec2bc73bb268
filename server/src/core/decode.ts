// Bytes → text as real report files come: UTF-8 with or without a BOM, UTF-16 with a BOM, and the
// GB18030/GBK that Chinese Windows tools still write. A UTF-8 file damaged in a few places (cut
// mid-character, one bad byte) stays UTF-8: it is decoded with replacement characters and the damage is
// reported (checks/document/encoding.ts), rather than the whole file being read as GB18030 mojibake and
// dismissed as "not a report".

import { isAscii, isUtf8, transcode } from 'node:buffer';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** UTF-8 byte sequences that were not valid and were decoded as U+FFFD. */
  invalidSequences?: number;
}

/** Valid multi-byte sequences and invalid sequences of UTF-8 in the bytes (WHATWG decoder's error rules). */
function utf8Census(bytes: Uint8Array): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      invalid++;
      i++;
      continue;
    }
    let k = 1;
    for (; k <= need && i + k < n; k++) {
      const c = bytes[i + k];
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) break;
    }
    if (k === need + 1) {
      multibyte++;
      i += k;
    } else {
      // The maximal valid prefix is one error, as the WHATWG decoder counts it.
      invalid++;
      i += k;
    }
  }
  return { multibyte, invalid };
}

/**
 * UTF-8 damaged in a few places rather than another encoding: at most a handful of bad sequences, far
 * outnumbered by valid multi-byte characters. GBK text decoded as UTF-8 fails on nearly every character.
 */
function mostlyUtf8(c: { multibyte: number; invalid: number }): boolean {
  return c.invalid <= 16 && c.multibyte >= 20 * c.invalid;
}

// Decoders keep no state between whole-buffer calls: one each serves every file.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * transcode needs Node's own ICU binding (Electron's Node has been seen without it, electron/electron#11270: VS Code
 * desktop may decode as before), isUtf8 and isAscii Node 18.15; else the decoder alone.
 */
const CAN_TRANSCODE = (() => {
  if (typeof isUtf8 !== 'function' || typeof isAscii !== 'function' || typeof transcode !== 'function') return false;
  try {
    return transcode(new Uint8Array([0xe4, 0xb8, 0xad, 0xf0, 0xa0, 0xae, 0xb7]), 'utf8', 'ucs2').toString('ucs2') === '中𠮷';
  } catch {
    return false;
  }
})();
/** Above this the UTF-16 copy transcode makes would add twice the file to a large report's peak memory. */
const TRANSCODE_MAX = 8 << 20;

/**
 * Valid UTF-8 as text, or null. Node's UTF-8 decoders (TextDecoder, Buffer#toString) build a string of
 * Chinese text at 5–8 ns a byte, 40–55 µs for a 7 KB report, more than the rest of reading it; validating
 * with isUtf8 and transcoding to UTF-16 with ICU takes a tenth of that. ASCII text the decoder reads fast.
 */
function validUtf8(bytes: Uint8Array): string | null {
  if (!CAN_TRANSCODE || bytes.length > TRANSCODE_MAX || isAscii(bytes)) return null;
  if (!isUtf8(bytes)) return null;
  // The decoder drops a UTF-8 BOM (ignoreBOM false), as editors do: so does this.
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  return transcode(body, 'utf8', 'ucs2').toString('ucs2');
}

export function decodeReport(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const fast = validUtf8(bytes);
  if (fast !== null) return { text: fast, encoding: 'utf-8' };
  try {
    // ignoreBOM false: the decoder drops a UTF-8 BOM, as editors do.
    return { text: STRICT_UTF8.decode(bytes), encoding: 'utf-8' };
  } catch {
    const census = utf8Census(bytes);
    if (mostlyUtf8(census)) {
      const text = new TextDecoder('utf-8').decode(bytes);
      return { text, encoding: 'utf-8', invalidSequences: census.invalid };
    }
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
