// A web page saved as one file (MHTML, RFC 2557: a browser's "Webpage, single file" .mhtml, Word's and
// WPS's 单个文件网页 .mht): a MIME message whose root part is the page, in quoted-printable or base64,
// with its images and styles as further parts. The page part is read as a web page (html.ts).
import { decodeHtml, readHtmlText } from './html.js';
import { type ReadResult, problem } from './types.js';

interface Part {
  headers: Map<string, string>;
  body: Uint8Array;
}

const CRLF_BLANK = /\r?\n\r?\n/;
/** How far the message's own headers may run before they must have ended (a saved page's are short). */
const HEADER_REACH = 16 * 1024;

/** The first bytes as Latin-1: MIME headers are ASCII, and each byte is one character, so offsets are byte offsets. */
const LATIN1 = new TextDecoder('latin1');
function latin1(bytes: Uint8Array, from = 0, to = bytes.length): string {
  return LATIN1.decode(bytes.subarray(from, to));
}

/** Header lines (folded lines joined) up to the first blank line, names lower-cased. */
function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  let last = '';
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) headers.set(last, `${headers.get(last)} ${line.trim()}`);
    else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(last)) headers.set(last, line.slice(colon + 1).trim());
    }
  }
  return headers;
}

/** A parameter of a header value (boundary, type, charset, start), quoted or not. */
function parameter(value: string | undefined, name: string): string | null {
  if (!value) return null;
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : null;
}

const mediaType = (headers: Map<string, string>) => (headers.get('content-type') ?? 'text/plain').split(';')[0].trim().toLowerCase();

/**
 * The message's headers when the bytes are one (MIME-Version, or a multipart or HTML Content-Type, before
 * the first blank line), else null.
 */
function messageHeaders(bytes: Uint8Array): { headers: Map<string, string>; bodyStart: number } | null {
  const head = latin1(bytes, 0, Math.min(bytes.length, HEADER_REACH));
  const end = CRLF_BLANK.exec(head);
  if (!end) return null;
  const block = head.slice(0, end.index);
  // Every line of the block is a header or its continuation: prose or a page never reads so.
  if (!/^[!-9;-~]+:/.test(block) || block.split(/\r?\n/).some((l) => l !== '' && !/^[ \t]/.test(l) && !/^[!-9;-~]+:/.test(l))) return null;
  const headers = parseHeaders(block);
  const type = mediaType(headers);
  if (!headers.has('mime-version') && !type.startsWith('multipart/')) return null;
  if (!type.startsWith('multipart/') && type !== 'text/html') return null;
  return { headers, bodyStart: end.index + end[0].length };
}

/** Whether the bytes are a web page saved as one MIME file. */
export function isMhtml(bytes: Uint8Array): boolean {
  return messageHeaders(bytes) !== null;
}

/** The parts of a multipart body, split at its boundary lines (the preamble and epilogue dropped). */
function splitParts(bytes: Uint8Array, from: number, boundary: string): Part[] {
  const text = latin1(bytes, from);
  const delimiter = `--${boundary}`;
  const parts: Part[] = [];
  let at = text.indexOf(delimiter);
  while (at >= 0) {
    const lineEnd = text.indexOf('\n', at);
    // The closing delimiter (--boundary--) ends the parts.
    if (text.startsWith('--', at + delimiter.length) || lineEnd < 0) break;
    const next = text.indexOf(`\n${delimiter}`, lineEnd);
    const stop = next < 0 ? text.length : next > 0 && text[next - 1] === '\r' ? next - 1 : next;
    const whole = text.slice(lineEnd + 1, stop);
    const blank = CRLF_BLANK.exec(whole);
    // Headers, then a blank line, then the body (a part may have no headers at all: RFC 2046 defaults).
    const headerText = blank ? whole.slice(0, blank.index) : '';
    const bodyStart = blank ? blank.index + blank[0].length : /^\r?\n/.exec(whole)?.[0].length ?? 0;
    parts.push({ headers: parseHeaders(headerText), body: bytes.subarray(from + lineEnd + 1 + bodyStart, from + stop) });
    at = next < 0 ? -1 : next + 1;
  }
  return parts;
}

/** Quoted-printable (=XX, and = at a line's end joining it to the next) to its bytes. */
export function fromQuotedPrintable(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length);
  let n = 0;
  const hex = (c: number) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== 0x3d) {
      out[n++] = c;
      continue;
    }
    // A soft line break: "=" before CRLF or LF (white space allowed before it).
    let j = i + 1;
    while (j < body.length && (body[j] === 0x20 || body[j] === 0x09)) j++;
    if (body[j] === 0x0d && body[j + 1] === 0x0a) {
      i = j + 1;
      continue;
    }
    if (body[j] === 0x0a || j === body.length) {
      i = j;
      continue;
    }
    const hi = hex(body[i + 1]);
    const lo = hex(body[i + 2]);
    if (hi >= 0 && lo >= 0) {
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = c; // A stray "=" is kept, as readers do.
  }
  return out.subarray(0, n);
}

function decodeBody(part: Part): Uint8Array {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();
  if (encoding === 'quoted-printable') return fromQuotedPrintable(part.body);
  if (encoding === 'base64') return new Uint8Array(Buffer.from(latin1(part.body).replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
  return part.body;
}

/** The page of the message: the part `start` names, else the first text/html part. */
function pagePart(headers: Map<string, string>, parts: Part[]): Part | null {
  const start = parameter(headers.get('content-type'), 'start');
  if (start) {
    const id = start.replace(/^<|>$/g, '');
    const named = parts.find((p) => (p.headers.get('content-id') ?? '').replace(/^<|>$/g, '') === id);
    if (named) return named;
  }
  return parts.find((p) => mediaType(p.headers) === 'text/html') ?? null;
}

/**
 * Reads a web page saved as one file; null when the bytes are not one (a page of its own, read by html.ts).
 * Never throws; what could not be read is a problem.
 */
export function readMhtml(bytes: Uint8Array): ReadResult | null {
  const message = messageHeaders(bytes);
  if (!message) return null;
  const { headers, bodyStart } = message;
  let page: Part | null;
  if (mediaType(headers).startsWith('multipart/')) {
    const boundary = parameter(headers.get('content-type'), 'boundary');
    page = boundary ? pagePart(headers, splitParts(bytes, bodyStart, boundary)) : null;
  } else page = { headers, body: bytes.subarray(bodyStart) };
  if (!page) return { kind: 'html', text: '', spans: [], problems: [problem('mhtml-no-page', '该网页存档中没有网页正文，无法检查。', 'The web archive holds no page to check.')] };
  // The part's charset comes before the page's own <meta>, as an HTTP header's would.
  return readHtmlText(decodeHtml(decodeBody(page), parameter(page.headers.get('content-type'), 'charset')?.toLowerCase() ?? null));
}
