// Display width of text in a monospace editor: East Asian wide and full-width characters take two
// columns, combining marks and zero-width characters none. Counted per code point, so a character
// outside the BMP (𠮷, two UTF-16 units) counts once, as two columns.

function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) || // combining diacritical marks
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space, joiners, direction marks
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    cp === 0xfeff ||
    cp === 0x00ad
  );
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals, ideographic punctuation and space
    (cp >= 0x3041 && cp <= 0x33ff) || // kana, bopomofo, CJK compatibility
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms （）：，
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B… (𠮷)
  );
}

/** Columns the text takes in a monospace font. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    if (isZeroWidth(cp) || /\p{Mn}|\p{Me}/u.test(ch)) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

/** The text padded with spaces on the right to `width` display columns. */
export function padDisplay(s: string, width: number): string {
  const missing = width - displayWidth(s);
  return missing > 0 ? s + ' '.repeat(missing) : s;
}

/** The text padded with spaces on the left to `width` display columns (numbers, right-aligned). */
export function padDisplayStart(s: string, width: number): string {
  const missing = width - displayWidth(s);
  return missing > 0 ? ' '.repeat(missing) + s : s;
}
