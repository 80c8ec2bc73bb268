// .html/.htm → text rendering. Data tables become tab-separated rows on a grid built from rowspan and
// colspan; a table whose cells hold tables is page layout and is looked through; scripts, styles and
// the site's navigation are left out.
import { Parser } from 'htmlparser2';
import { type ChildNode, type Document, DomHandler, type Element } from 'domhandler';
import { decodeReport } from '../core/decode.js';
import { MAX_DOCUMENT_BYTES, isLabelText, type ReadProblem, type ReadResult, Rendering, type SourceLocation, problem, tooLarge } from './types.js';

const IGNORED = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'iframe', 'select', 'button', 'head', 'svg', 'object', 'map']);
// class/id words that mark site furniture around the report.
const FURNITURE_WORDS = ['nav', 'menu', 'footer', 'header', 'logo', 'banner', 'breadcrumb', 'crumb', 'sidebar', 'toolbar', 'share', 'copyright'];
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'blockquote', 'pre', 'center', 'form', 'fieldset', 'address', 'figure', 'figcaption', 'caption', 'hr', 'body', 'html',
]);

function isFurniture(el: Element): boolean {
  if (IGNORED.has(el.name)) return true;
  const words = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase().split(/[\s_-]+/);
  return words.some((w) => w !== '' && FURNITURE_WORDS.some((f) => w === f || w.startsWith(f)));
}

/** Whether an element is left out as hidden from the reader of the page. */
type Hides = (el: Element) => boolean;
const HIDES_NOTHING: Hides = () => false;

/**
 * A compound selector of the page's own style sheet (tag, id, classes; no combinators) whose rule hides
 * what it selects.
 */
interface HidingSelector {
  tag: string | null;
  id: string | null;
  classes: string[];
}

/**
 * Hidden from the reader of the page: the hidden attribute, an inline display:none or visibility:hidden
 * (Word's HTML writes its hidden text so, CMS pages their copies for other layouts), or a rule of the
 * page's <style> that hides it by class or id, unless its inline style shows it.
 */
function isHidden(el: Element, sheet: HidingSheet): boolean {
  if (el.attribs.hidden !== undefined) return true;
  const style = el.attribs.style;
  if (style !== undefined) {
    if (HIDDEN_STYLE.test(style)) return true;
    if (SHOWN_STYLE.test(style)) return false;
  }
  if (sheet.size === 0 || (el.attribs.class === undefined && el.attribs.id === undefined)) return false;
  const classes = (el.attribs.class ?? '').split(/\s+/);
  const matches = (sel: HidingSelector) => (sel.tag === null || sel.tag === el.name) && (sel.id === null || sel.id === el.attribs.id) && sel.classes.every((c) => classes.includes(c));
  // Only the selectors keyed by the element's id or one of its own classes can select it.
  if (el.attribs.id !== undefined && sheet.get(`#${el.attribs.id}`)?.some(matches)) return true;
  return classes.some((c) => sheet.get(`.${c}`)?.some(matches) === true);
}

/** The hiding selectors by a key each must hold: `#id` if it has an id, else `.class` of its first class. */
type HidingSheet = ReadonlyMap<string, readonly HidingSelector[]>;

function hidingSheet(selectors: readonly HidingSelector[]): HidingSheet {
  const sheet = new Map<string, HidingSelector[]>();
  for (const sel of selectors) {
    const key = sel.id !== null ? `#${sel.id}` : `.${sel.classes[0]}`;
    const list = sheet.get(key);
    if (list) list.push(sel);
    else sheet.set(key, [sel]);
  }
  return sheet;
}
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;
/** An inline display or visibility that is not hiding: it wins over the style sheet. */
const SHOWN_STYLE = /(?:^|;)\s*(?:display|visibility)\s*:/i;
const COMPOUND = /^([a-z][a-z0-9]*)?((?:[.#][\w\u00a0-\uffff-]+)+)$/i;

/**
 * The selectors of the page's style sheets (<style> for every medium or the screen) whose rules hide
 * what they select. Only compound selectors with a class or an id are taken: a rule on a tag alone, or
 * one inside an @-block (@media: another screen size, or print), says nothing certain of this page.
 */
export function hidingSelectors(css: string): HidingSelector[] {
  const text = withoutComments(css);
  const out: HidingSelector[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    const prelude = text.slice(i, open).trim();
    // The block's end, nested blocks included.
    let depth = 1;
    let j = open + 1;
    for (; j < text.length && depth > 0; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x7b) depth++;
      else if (c === 0x7d) depth--;
    }
    const body = text.slice(open + 1, j - 1);
    i = j;
    // A statement before the block (@charset "x";) is not part of its prelude.
    const selectors = prelude.slice(prelude.lastIndexOf(';') + 1).trim();
    if (selectors.startsWith('@') || body.includes('{') || !HIDDEN_STYLE.test(body)) continue;
    for (const sel of selectors.split(',')) {
      const m = COMPOUND.exec(sel.trim());
      if (!m) continue;
      const parts = m[2].match(/[.#][^.#]+/g)!;
      const ids = parts.filter((x) => x.startsWith('#')).map((x) => x.slice(1));
      if (ids.length > 1) continue;
      out.push({ tag: m[1]?.toLowerCase() ?? null, id: ids[0] ?? null, classes: parts.filter((x) => x.startsWith('.')).map((x) => x.slice(1)) });
    }
  }
  return out;
}

/** CSS without its comments (an unclosed one runs to the end), in one pass: a regex retried at every unclosed one would be quadratic. */
function withoutComments(css: string): string {
  const parts: string[] = [];
  let at = 0;
  for (let open = css.indexOf('/*'); open >= 0; open = css.indexOf('/*', at)) {
    parts.push(css.slice(at, open), ' ');
    const close = css.indexOf('*/', open + 2);
    if (close < 0) return parts.join('');
    at = close + 2;
  }
  parts.push(css.slice(at));
  return parts.join('');
}

/** The text of the page's style sheets that apply to its screen. */
function styleSheets(nodes: ChildNode[], out: string[] = [], depth = 0): string[] {
  if (depth > MAX_DEPTH) return out;
  for (const n of nodes) {
    if (n.type !== 'tag' && n.type !== 'style') continue;
    const el = n as Element;
    if (el.name === 'style') {
      const media = (el.attribs.media ?? 'all').trim().toLowerCase();
      if (media === '' || media === 'all' || media === 'screen') for (const c of el.children) if (c.type === 'text') out.push(c.data);
    } else styleSheets(el.children, out, depth + 1);
  }
  return out;
}

/** Element nesting beyond this is not read (pages stay far below it; the walks are recursive). */
const MAX_DEPTH = 200;

const GBK_NAMES = new Set(['gbk', 'gb2312', 'gb_2312-80', 'gb18030', 'x-gbk', 'cp936', 'euc-cn', 'csgb2312', 'chinese', 'iso-ir-58', 'windows-936']);

/** The charset a page declares in its first bytes (<meta charset> or http-equiv), if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  let found: string | null = null;
  const parser = new Parser({
    onopentag(name, attribs) {
      if (found || name !== 'meta') return;
      if (attribs.charset) found = attribs.charset.trim().toLowerCase();
      else if ((attribs['http-equiv'] ?? '').toLowerCase() === 'content-type') {
        for (const part of (attribs.content ?? '').split(';')) {
          const [k, v] = part.split('=');
          if (k?.trim().toLowerCase() === 'charset' && v) found = v.trim().replace(/^["']|["']$/g, '').toLowerCase();
        }
      }
    },
  });
  parser.write(head);
  parser.end();
  return found;
}

/**
 * A page's bytes as text: by its byte-order mark, else the charset its container states (`transport`: a
 * MIME part's, as HTTP's header would), else the one the page declares, else as a text file is sniffed.
 */
export function decodeHtml(bytes: Uint8Array, transport: string | null = null): string {
  if ((bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return decodeReport(bytes).text;
  }
  for (const declared of [transport, declaredCharset(bytes)]) {
    if (!declared) continue;
    if (GBK_NAMES.has(declared)) return new TextDecoder('gb18030').decode(bytes);
    if (declared === 'utf-8' || declared === 'utf8') break;
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An unknown label: the next statement of the charset, or sniffing.
    }
  }
  return decodeReport(bytes).text;
}

const elements = (nodes: ChildNode[]): Element[] => nodes.filter((n): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style');

/** Whitespace as HTML collapses it; &nbsp; becomes a space (a blank cell stays blank). */
function collapse(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ');
}

function cellText(el: Element, hides: Hides): string {
  const out: string[] = [];
  const walk = (nodes: ChildNode[], depth = 0) => {
    if (depth > MAX_DEPTH) return;
    for (const n of nodes) {
      if (n.type === 'text') out.push(collapse(n.data));
      else if (n.type === 'tag') {
        const e = n as Element;
        if ((isFurniture(e) && e.name !== 'header') || hides(e)) continue;
        if (e.name === 'br' || BLOCK.has(e.name)) out.push('\u0000');
        walk(e.children, depth + 1);
        if (BLOCK.has(e.name)) out.push('\u0000');
      }
    }
  };
  walk(el.children);
  // Paragraphs and breaks inside a cell are wrapped pieces of one value or label: joined.
  return out
    .join('')
    .split('\u0000')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join('');
}

/** The rows of a table, through thead/tbody/tfoot, not into nested tables. */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const c of elements(table.children)) {
    if (c.name === 'tr') rows.push(c);
    else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') for (const r of elements(c.children)) if (r.name === 'tr') rows.push(r);
  }
  return rows;
}

const rowCells = (tr: Element) => elements(tr.children).filter((c) => c.name === 'td' || c.name === 'th');

function hasNestedTable(el: Element, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  for (const c of elements(el.children)) {
    if (c.name === 'table' || hasNestedTable(c, depth + 1)) return true;
  }
  return false;
}

function span(v: string | undefined, max: number): number {
  const n = v === undefined ? 1 : Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/** A cell holding a count: what tells a table of numbers from the page's layout and link tables. */
const DIGITS = /^\s*[\d０-９]+\s*$/;

class Walker {
  readonly r = new Rendering();
  /** Hidden elements left out (by `hides`). */
  hidden = 0;
  tables = 0;
  /** Tables with a number in a cell (not the page's layout or link tables). */
  dataTables = 0;
  layoutTables = 0;
  images = 0;
  private inline: { text: string; path: string }[] = [];

  flush(): void {
    const text = this.inline
      .map((p) => p.text)
      .join('')
      .replace(/ +/g, ' ')
      .trim();
    if (text !== '') this.r.paragraph(text, { kind: 'html', path: this.inline.find((p) => p.text.trim() !== '')!.path });
    this.inline = [];
  }

  tooDeep = false;
  private depth = 0;

  constructor(private readonly hides: Hides) {}

  walk(nodes: ChildNode[], path: string): void {
    if (this.depth > MAX_DEPTH) {
      this.tooDeep = true;
      return;
    }
    this.depth += 1;
    try {
      this.walkChildren(nodes, path);
    } finally {
      this.depth -= 1;
    }
  }

  private walkChildren(nodes: ChildNode[], path: string): void {
    const counts = new Map<string, number>();
    for (const n of nodes) {
      if (n.type === 'text') {
        this.inline.push({ text: collapse(n.data), path });
        continue;
      }
      if (n.type !== 'tag') continue;
      const el = n as Element;
      const k = (counts.get(el.name) ?? 0) + 1;
      counts.set(el.name, k);
      if (isFurniture(el)) continue;
      if (this.hides(el)) {
        this.hidden += 1;
        continue;
      }
      const here = path ? `${path}>${el.name}[${k}]` : `${el.name}[${k}]`;
      if (el.name === 'img') this.images += 1;
      if (el.name === 'br') {
        this.flush();
        continue;
      }
      if (el.name === 'table') {
        this.flush();
        this.table(el, here);
        continue;
      }
      const block = BLOCK.has(el.name) || el.name === 'tr' || el.name === 'td' || el.name === 'th';
      if (block) this.flush();
      this.walk(el.children, here);
      if (block) this.flush();
    }
  }

  table(el: Element, path: string): void {
    if (hasNestedTable(el)) {
      // Layout: each cell is a region of the page.
      this.layoutTables += 1;
      this.walk(el.children, path);
      return;
    }
    const rows = tableRows(el);
    if (rows.length === 0) return;
    this.tables += 1;
    let numbers = false;
    // The grid: rowspans carry down as occupied slots, rendered as empty fields.
    const occupied: Map<number, boolean>[] = [];
    this.r.blank();
    rows.forEach((tr, ri) => {
      const taken = occupied[ri] ?? new Map<number, boolean>();
      const fields: { text: string; source: SourceLocation | null }[] = [];
      let col = 0;
      const trPath = `${path}>tr[${ri + 1}]`;
      const counts = new Map<string, number>();
      // Slots covered from above: an empty field for a value, nothing for a label.
      const fillTaken = () => {
        while (taken.has(col)) {
          if (!taken.get(col)) fields.push({ text: '', source: null });
          col += 1;
        }
      };
      for (const td of rowCells(tr)) {
        fillTaken();
        const k = (counts.get(td.name) ?? 0) + 1;
        counts.set(td.name, k);
        const colspan = span(td.attribs.colspan, 100);
        const rowspan = span(td.attribs.rowspan, 1000);
        const text = cellText(td, this.hides);
        const label = isLabelText(text);
        fields.push({ text, source: { kind: 'html', path: `${trPath}>${td.name}[${k}]` } });
        if (!label) for (let i = 1; i < colspan; i++) fields.push({ text: '', source: null });
        for (let dr = 1; dr < rowspan && ri + dr < rows.length; dr++) {
          const m = (occupied[ri + dr] ??= new Map());
          for (let i = 0; i < colspan; i++) m.set(col + i, label);
        }
        col += colspan;
      }
      // Slots merged from above at the row's end.
      const last = Math.max(-1, ...taken.keys());
      while (col <= last) {
        if (!taken.get(col)) fields.push({ text: '', source: null });
        col += 1;
      }
      this.r.row(fields);
      if (!numbers && fields.some((f) => DIGITS.test(f.text))) numbers = true;
    });
    if (numbers) this.dataTables += 1;
    this.r.blank();
  }
}

/** Reads an HTML page's bytes. Never throws; what could not be read is a problem. */
export function readHtml(bytes: Uint8Array): ReadResult {
  if (bytes.length > MAX_DOCUMENT_BYTES) return tooLarge('html', bytes.length);
  return readHtmlText(decodeHtml(bytes));
}

export function readHtmlText(html: string): ReadResult {
  try {
    return readHtmlUnguarded(html);
  } catch {
    // A last resort: no input may crash the caller.
    return { kind: 'html', text: '', spans: [], problems: [problem('html-unreadable', '无法读取该网页。', 'The page cannot be read.')] };
  }
}

/** Open elements beyond this stop the parse: the parser's cost per tag grows with the nesting depth. */
const MAX_PARSE_DEPTH = 2000;
/**
 * Elements beyond this stop the parse: an element costs the DOM and the reading some 900 bytes whatever its
 * length, and 47 MB of <td>1</td> (4.8 million) took 3.6 GB, near the heap's end. LibreOffice's page of 300
 * reports (35 MB) has 790,000, so a page of Word's or LibreOffice's within MAX_DOCUMENT_BYTES stays below it.
 */
const MAX_ELEMENTS = 1_200_000;

class DepthHandler extends DomHandler {
  depth = 0;
  elements = 0;
  override onopentag(name: string, attribs: Record<string, string>): void {
    this.depth += 1;
    this.elements += 1;
    super.onopentag(name, attribs);
  }
  override onclosetag(): void {
    this.depth -= 1;
    super.onclosetag();
  }
}

/** The DOM, parsed in slices so that a page nested beyond any real one, or larger, is cut short in linear time. */
function parseBounded(html: string): { doc: Document; truncated: 'deep' | 'many' | null } {
  const handler = new DepthHandler();
  const parser = new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const slice = 16 * 1024;
  let truncated: 'deep' | 'many' | null = null;
  for (let at = 0; at < html.length && !truncated; at += slice) {
    parser.write(html.slice(at, at + slice));
    truncated = handler.depth > MAX_PARSE_DEPTH ? 'deep' : handler.elements > MAX_ELEMENTS ? 'many' : null;
  }
  parser.end();
  return { doc: handler.root, truncated };
}

function readHtmlUnguarded(html: string): ReadResult {
  const problems: ReadProblem[] = [];
  const { doc, truncated } = parseBounded(html);
  if (truncated === 'deep') problems.push(problem('html-too-deep', '网页的元素嵌套过深，过深之后的部分未读取。', 'The page nests elements too deeply; what follows the deepest point was not read.'));
  if (truncated === 'many')
    problems.push(problem('html-too-many-elements', `网页的元素超过 ${MAX_ELEMENTS} 个，之后的部分未读取。`, `The page has more than ${MAX_ELEMENTS} elements; what follows them was not read.`));
  const html_ = elements(doc.children).find((e) => e.name === 'html');
  const body = html_ ? elements(html_.children).find((e) => e.name === 'body') : undefined;
  const sheet = hidingSheet(hidingSelectors(styleSheets(doc.children).join('\n')));
  const pageHides: Hides = (el) => isHidden(el, sheet);
  const walked = (hides: Hides) => {
    const w = new Walker(hides);
    if (body) w.walk(body.children, 'body');
    else w.walk(doc.children, '');
    w.flush();
    return w;
  };
  // What the page shows; but a page whose tables of numbers are all hidden shows them when asked (a tab,
  // a "show all" link): then it is read whole.
  let w = walked(pageHides);
  if (w.dataTables === 0 && w.hidden > 0) {
    const whole = walked(HIDES_NOTHING);
    if (whole.dataTables > 0) w = whole;
  }
  if (w.tooDeep && truncated !== 'deep') problems.push(problem('html-too-deep', '网页的元素嵌套过深，过深的部分未读取。', 'The page nests elements too deeply; the deepest parts were not read.'))
  if (w.tables === 0) {
    problems.push(
      w.images > 0
        ? { ...problem('tables-as-images', '网页中没有表格，只有图片：表格可能以图片形式发布，无法核对其中的数字。', 'The page has no tables, only images: the tables may be pictures, whose numbers cannot be checked.'), allTables: true }
        : problem('no-tables', '网页中没有表格。', 'The page has no tables.'),
    );
  }
  return { kind: 'html', text: w.r.text(), spans: w.r.spans, problems };
}
