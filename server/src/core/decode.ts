// Bytes → text as real report files come: UTF-8 with or without a BOM, UTF-16 with a BOM, and the
// GB18030/GBK that Chinese Windows tools still write. A UTF-8 file damaged in a few places (cut
// mid-character, one bad byte) stays UTF-8: it is decoded with replacement characters and the damage is
// reported, rather than the whole file being read as GB18030 mojibake and dismissed as "not a report".
import type { Finding } from './analyze.js';
import type { Locale } from './rules.js';
import type { Position } from './text.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** UTF-8 byte sequences that were not valid and were decoded as U+FFFD. */
  invalidSequences?: number;
  /** Where in the text the first replacement stands (UTF-16 offset). */
  firstInvalidOffset?: number;
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

export function decodeReport(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    // ignoreBOM false: the decoder drops a UTF-8 BOM, as editors do.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const census = utf8Census(bytes);
    if (mostlyUtf8(census)) {
      const text = new TextDecoder('utf-8').decode(bytes);
      return { text, encoding: 'utf-8', invalidSequences: census.invalid, firstInvalidOffset: firstReplacement(bytes, text) };
    }
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** The offset of the first U+FFFD that stands for a bad sequence (not one the file itself holds). */
function firstReplacement(bytes: Uint8Array, text: string): number {
  // Decode growing prefixes is quadratic; instead find the first bad byte and decode what precedes it.
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > n) break;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + len));
    } catch {
      break;
    }
    i += len;
  }
  return Math.min(text.length, new TextDecoder('utf-8').decode(bytes.subarray(0, i)).length);
}

function positionAt(text: string, offset: number): Position {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

/** The `encoding` finding for a file decoded with replacements, or null when it decoded cleanly. */
export function encodingFinding(d: Decoded, l: Locale): Finding | null {
  if (!d.invalidSequences) return null;
  const at = positionAt(d.text, d.firstInvalidOffset ?? 0);
  const end = { line: at.line, character: Math.min(at.character + 1, lineLength(d.text, at.line)) };
  const n = d.invalidSequences;
  return {
    rule: 'encoding',
    severity: 'warning',
    message:
      l === 'en'
        ? `The file is UTF-8 with ${n} invalid byte sequence(s) (shown as �; the file may be cut off or damaged); the rest was checked`
        : `文件为 UTF-8 编码，但有 ${n} 处无效字节（显示为 �，文件可能被截断或损坏）；其余内容已检查`,
    range: { start: at, end },
    related: [],
  };
}

function lineLength(text: string, line: number): number {
  const lines = text.split(/\r\n|\n|\r/);
  return lines[line]?.length ?? 0;
}
