// .docx → text rendering. Tables come from the document's own structure (w:tbl rows and cells, with
// gridSpan and vMerge), prose from its paragraphs, in body order. Namespace-correct: Word, WPS and
// LibreOffice write the same WordprocessingML with different prefixes, and ISO strict uses another URI.
import { SaxesParser } from 'saxes';
import { MAX_DOCUMENT_BYTES, isLabelText, type ReadProblem, type ReadResult, Rendering, type SourceLocation, problem, tooLarge } from './types.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits, readZip } from './zip.js';

const W_URIS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MC_URI = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** A WordprocessingML element with the attributes and children the reader uses. */
export interface WNode {
  name: string;
  attrs: Record<string, string>;
  children: WNode[];
  text: string;
}

// Subtrees whose content is not text of the document: deleted text, properties, drawings.
const SKIP = new Set(['del', 'moveFrom', 'rPr', 'pPr', 'sectPr', 'tblPr', 'tblGrid', 'instrText', 'delText', 'delInstrText', 'footnoteReference', 'commentReference']);
const PICTURES = new Set(['drawing', 'pict', 'object']);
// Kept inside tcPr/trPr: the merge and span markers.
const KEEP_IN_PROPS = new Set(['tcPr', 'trPr', 'gridSpan', 'vMerge', 'gridBefore', 'gridAfter', 'hMerge']);

/** Element nesting beyond this is not read (real documents stay far below it). */
const MAX_DEPTH = 200;
/** Open elements beyond this stop the parse. */
const MAX_PARSE_DEPTH = 2000;

interface Parsed {
  body: WNode | null;
  pictures: number;
  error: boolean;
}

/**
 * The styles that hide their text (w:vanish in a style's run properties, or in a style it is based on),
 * by style id, from styles.xml; and the default paragraph style's id, which applies to paragraphs that
 * name none. A style's own w:vanish, on or off, wins over the one it is based on.
 */
export interface HiddenStyles {
  hidden: ReadonlySet<string>;
  defaultParagraph: string | null;
}

export const NO_HIDDEN_STYLES: HiddenStyles = { hidden: new Set(), defaultParagraph: null };

export function parseStylesXml(xml: string): HiddenStyles {
  const parser = new SaxesParser({ xmlns: true, position: false });
  interface StyleDecl {
    basedOn: string | null;
    vanish: boolean | null;
  }
  const styles = new Map<string, StyleDecl>();
  let defaultParagraph: string | null = null;
  // The style being read, and the names of the open elements within it.
  let current: StyleDecl | null = null;
  const path: string[] = [];
  parser.on('error', () => undefined);
  parser.on('opentag', (tag) => {
    const local = tag.local ?? tag.name;
    const w = W_URIS.has(tag.uri ?? '');
    path.push(w ? local : '');
    if (!w) return;
    if (local === 'style' && path.length === 2) {
      const id = wAttr(tag.attributes, 'styleId');
      current = { basedOn: null, vanish: null };
      if (id !== undefined) styles.set(id, current);
      if (id !== undefined && wAttr(tag.attributes, 'type') === 'paragraph' && ['1', 'true', 'on'].includes(wAttr(tag.attributes, 'default') ?? '')) defaultParagraph = id;
      return;
    }
    if (!current) return;
    if (local === 'basedOn' && path.length === 3) current.basedOn = wAttr(tag.attributes, 'val') ?? null;
    else if (local === 'vanish' && path.length === 4 && path[2] === 'rPr') current.vanish = !isOff(tag.attributes);
  });
  parser.on('closetag', () => {
    path.pop();
    if (path.length < 2) current = null;
  });
  try {
    parser.write(xml).close();
  } catch {
    // What was read before the damage stands.
  }
  const hidden = new Set<string>();
  for (const id of styles.keys()) {
    // The nearest declaration along basedOn, a cycle read as none.
    const seen = new Set<string>();
    for (let at: string | null = id; at !== null && !seen.has(at); at = styles.get(at)?.basedOn ?? null) {
      seen.add(at);
      const v = styles.get(at)?.vanish;
      if (v === undefined) break;
      if (v !== null) {
        if (v) hidden.add(id);
        break;
      }
    }
  }
  return { hidden, defaultParagraph };
}

function wAttr(attributes: Record<string, unknown>, name: string): string | undefined {
  for (const a of Object.values(attributes)) {
    const at = a as { local?: string; uri?: string; value?: string };
    if (at.local === name && (at.uri === '' || at.uri === undefined || W_URIS.has(at.uri))) return at.value;
  }
  return undefined;
}

/**
 * Whether a run's text is hidden: its own w:vanish, on or off, decides; else its character style and its
 * paragraph's style, each of which toggles it (a toggle property set in both styles is off again).
 */
function runHidden(run: WNode, paragraph: WNode | null, styles: HiddenStyles): boolean {
  const own = run.attrs.vanish;
  if (own !== undefined) return own === 'true';
  if (styles.hidden.size === 0) return false;
  const byCharacter = run.attrs.rStyle !== undefined && styles.hidden.has(run.attrs.rStyle);
  const pStyle = paragraph?.attrs.pStyle ?? styles.defaultParagraph;
  const byParagraph = pStyle !== null && styles.hidden.has(pStyle);
  return byCharacter !== byParagraph;
}

/** Parses document.xml into the WordprocessingML elements the reader needs; text hidden by `styles` is not read. */
export function parseDocumentXml(xml: string, styles: HiddenStyles = NO_HIDDEN_STYLES): Parsed {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const root: WNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: (WNode | null)[] = [root];
  let skipDepth = 0;
  let pictures = 0;
  let error = false;
  let tooDeep = false;
  parser.on('error', () => {
    error = true;
  });
  let open = 0;
  // The run or paragraph whose properties are being skipped: what among them bears on hidden text
  // (a run's w:vanish and w:rStyle, a paragraph's w:pStyle) is kept on it.
  let propertiesOf: WNode | null = null;
  parser.on('opentag', (tag) => {
    open += 1;
    if (skipDepth > 0) {
      if (skipDepth === 1 && propertiesOf && W_URIS.has(tag.uri ?? '')) {
        const local = tag.local ?? tag.name;
        if (propertiesOf.name === 'r' && local === 'vanish') propertiesOf.attrs.vanish = isOff(tag.attributes) ? 'false' : 'true';
        else if ((propertiesOf.name === 'r' && local === 'rStyle') || (propertiesOf.name === 'p' && local === 'pStyle')) {
          const id = wAttr(tag.attributes, 'val');
          if (id !== undefined) propertiesOf.attrs[local] = id;
        }
      }
      skipDepth += 1;
      return;
    }
    const uri = tag.uri ?? '';
    const local = tag.local ?? tag.name;
    if (uri === MC_URI && local === 'Fallback') {
      // mc:Choice holds the same content; reading both would double it.
      skipDepth = 1;
      return;
    }
    if (!W_URIS.has(uri)) {
      // Foreign elements (mc:AlternateContent, wps shapes, custom XML) are looked through.
      stack.push(null);
      return;
    }
    if (PICTURES.has(local)) {
      pictures += 1;
      skipDepth = 1;
      return;
    }
    const parent = nearest(stack);
    if (stack.length > MAX_DEPTH) {
      // Nesting no document has: not read, so that the tree walks stay shallow.
      tooDeep = true;
      skipDepth = 1;
      return;
    }
    // Hidden text (w:vanish, 隐藏文字) is neither shown nor printed: the run's text is not the document's.
    // Decided once per run, at its first content (its properties come first).
    if (parent.name === 'r' && local !== 'rPr') {
      parent.attrs.hidden ??= runHidden(parent, nearestParagraph(stack), styles) ? 'true' : 'false';
      if (parent.attrs.hidden === 'true') {
        skipDepth = 1;
        return;
      }
    }
    if (SKIP.has(local) || (parent.name === 'tcPr' && !KEEP_IN_PROPS.has(local)) || (parent.name === 'trPr' && !KEEP_IN_PROPS.has(local))) {
      propertiesOf = (local === 'rPr' && parent.name === 'r') || (local === 'pPr' && parent.name === 'p') ? parent : null;
      skipDepth = 1;
      return;
    }
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      const at = a as { local?: string; uri?: string; value: string };
      // w:val normally; a bare val from some writers.
      if (at.uri === '' || at.uri === undefined || W_URIS.has(at.uri)) attrs[at.local ?? ''] = at.value;
    }
    const node: WNode = { name: local, attrs, children: [], text: '' };
    parent.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    open -= 1;
    if (skipDepth > 0) {
      if (--skipDepth === 0) propertiesOf = null;
      return;
    }
    stack.pop();
  });
  parser.on('text', (t) => {
    if (skipDepth > 0) return;
    const top = stack[stack.length - 1];
    if (top && top.name === 't') top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (skipDepth === 0 && top && top.name === 't') top.text += t;
  });
  try {
    // In slices, stopping where the nesting passes any real document's: the parser's cost per element
    // grows with the depth, so an absurdly nested file would otherwise take quadratic time.
    const slice = 16 * 1024;
    for (let at = 0; at < xml.length && !error; at += slice) {
      parser.write(xml.slice(at, at + slice));
      if (open > MAX_PARSE_DEPTH) {
        tooDeep = true;
        break;
      }
    }
    if (!tooDeep && !error) parser.close();
  } catch {
    error = true;
  }
  const doc = root.children.find((c) => c.name === 'document');
  const body = doc?.children.find((c) => c.name === 'body') ?? null;
  return { body, pictures, error: error || tooDeep };
}

/** Whether a toggle property is set off (w:val="false", "0" or "off"); present without w:val it is on. */
function isOff(attributes: Record<string, unknown>): boolean {
  const v = wAttr(attributes, 'val');
  return v === 'false' || v === '0' || v === 'off';
}

function nearestParagraph(stack: (WNode | null)[]): WNode | null {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]?.name === 'p') return stack[i];
  return null;
}

function nearest(stack: (WNode | null)[]): WNode {
  for (let i = stack.length - 1; i >= 0; i--) {
    const n = stack[i];
    if (n) return n;
  }
  return stack[0]!;
}

/** The text of a paragraph-like subtree: runs, tabs and breaks; fields keep their result text. */
function inlineText(node: WNode, out: string[], tab: string, br: string): void {
  for (const c of node.children) {
    switch (c.name) {
      case 't':
        out.push(c.text);
        break;
      case 'tab':
      case 'ptab':
        out.push(tab);
        break;
      case 'br':
      case 'cr':
        out.push(br);
        break;
      case 'noBreakHyphen':
        out.push('-');
        break;
      case 'p':
      case 'tbl':
        break; // not inline; handled by the caller
      default:
        inlineText(c, out, tab, br);
    }
  }
}

function paragraphText(p: WNode, inCell: boolean): string {
  const out: string[] = [];
  inlineText(p, out, inCell ? ' ' : '\t', inCell ? '' : '\n');
  return out.join('');
}

function intAttr(node: WNode | undefined, fallback: number): number {
  const v = node?.attrs.val;
  const n = v === undefined ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 && n <= 1000 ? n : fallback;
}

function child(node: WNode | undefined, name: string): WNode | undefined {
  return node?.children.find((c) => c.name === name);
}

/** Paragraphs and tables in body order, looking through content controls, custom XML and insertions. */
function blocks(node: WNode, out: WNode[]): WNode[] {
  for (const c of node.children) {
    if (c.name === 'p' || c.name === 'tbl') out.push(c);
    else if (c.name !== 'tr' && c.name !== 'tc') blocks(c, out);
  }
  return out;
}

function cellBlocks(tc: WNode): WNode[] {
  return blocks(tc, []);
}

interface Counters {
  paragraph: number;
  table: number;
}

function renderBlocks(list: WNode[], r: Rendering, n: Counters): void {
  for (const b of list) {
    if (b.name === 'p') {
      n.paragraph += 1;
      const text = paragraphText(b, false);
      if (text.trim() === '') r.blank();
      else r.paragraph(text, { kind: 'docx', paragraph: n.paragraph });
    } else {
      renderTable(b, r, n);
    }
  }
}

function rowsOf(tbl: WNode): WNode[] {
  const rows: WNode[] = [];
  const walk = (n: WNode) => {
    for (const c of n.children) {
      if (c.name === 'tr') rows.push(c);
      else if (c.name !== 'tbl' && c.name !== 'tc') walk(c);
    }
  };
  walk(tbl);
  return rows;
}

function cellsOf(tr: WNode): WNode[] {
  const cells: WNode[] = [];
  const walk = (n: WNode) => {
    for (const c of n.children) {
      if (c.name === 'tc') cells.push(c);
      else if (c.name !== 'tbl' && c.name !== 'tr' && c.name !== 'trPr') walk(c);
    }
  };
  walk(tr);
  return cells;
}

/**
 * A table as tab-separated rows: a cell's text, then an empty field for each further grid column it
 * spans; a vertically merged continuation is an empty field. A table whose cells hold tables is a layout
 * table: its inner tables and paragraphs are rendered in order instead.
 */
function renderTable(tbl: WNode, r: Rendering, n: Counters): void {
  const rows = rowsOf(tbl);
  const nested = rows.some((tr) => cellsOf(tr).some((tc) => cellBlocks(tc).some((b) => b.name === 'tbl')));
  if (nested) {
    for (const tr of rows) for (const tc of cellsOf(tr)) renderBlocks(cellBlocks(tc), r, n);
    return;
  }
  n.table += 1;
  const table = n.table;
  r.blank();
  // Per grid column, whether the vertically merged cell that started above is a label.
  const labelAbove = new Map<number, boolean>();
  rows.forEach((tr, ri) => {
    const fields: { text: string; source: SourceLocation | null }[] = [];
    const trPr = child(tr, 'trPr');
    const before = intAttr(child(trPr, 'gridBefore'), 0);
    let col = 1;
    for (let i = 0; i < before; i++, col++) fields.push({ text: '', source: null });
    for (const tc of cellsOf(tr)) {
      const tcPr = child(tc, 'tcPr');
      const span = intAttr(child(tcPr, 'gridSpan'), 1);
      const vMerge = child(tcPr, 'vMerge');
      const continues = vMerge !== undefined && vMerge.attrs.val !== 'restart';
      const source: SourceLocation = { kind: 'docx', table, row: ri + 1, cell: col };
      const text = continues
        ? ''
        : cellBlocks(tc)
            .filter((b) => b.name === 'p')
            .map((p) => paragraphText(p, true).trim())
            .filter((s) => s !== '')
            .join('');
      const label = continues ? (labelAbove.get(col) ?? false) : isLabelText(text);
      if (vMerge !== undefined && !continues) labelAbove.set(col, label);
      // A label's merged extent (spanned columns, continued rows) adds no fields; a value's does.
      if (!(continues && label)) {
        fields.push({ text, source });
        if (!label) for (let i = 1; i < span; i++) fields.push({ text: '', source: null });
      }
      col += span;
    }
    r.row(fields);
  });
  r.blank();
}

function failed(problems: ReadProblem[]): ReadResult {
  return { kind: 'docx', text: '', spans: [], problems };
}

export interface DocxOptions {
  zipLimits?: ZipLimits;
}

/** Reads a .docx file's bytes. Never throws; what could not be read is a problem. */
export function readDocx(bytes: Uint8Array, options: DocxOptions = {}): ReadResult {
  try {
    return readDocxUnguarded(bytes, options);
  } catch {
    // A last resort: no input may crash the caller.
    return failed([problem('docx-corrupt', '无法读取该 .docx 文件：文件已损坏。', 'The .docx file cannot be read: it is damaged.')]);
  }
}

function readDocxUnguarded(bytes: Uint8Array, options: DocxOptions): ReadResult {
  if (bytes.length > MAX_DOCUMENT_BYTES) return tooLarge('docx', bytes.length);
  // The names seen say what a zip that is no .docx is instead (an OFD document is a zip too).
  let ofd = false;
  const zip = readZip(
    bytes,
    (name) => {
      if (name === 'OFD.xml') ofd = true;
      return name === 'word/document.xml' || name === 'word/styles.xml';
    },
    options.zipLimits ?? DEFAULT_ZIP_LIMITS,
  );
  if (zip.failure === 'too-large' || zip.failure === 'too-many-entries') {
    return failed([
      problem(
        'docx-zip-limit',
        zip.failure === 'too-large' ? '文件解压后过大（疑似压缩炸弹），已停止读取。' : '压缩包内条目过多（疑似压缩炸弹），已停止读取。',
        zip.failure === 'too-large' ? 'The file expands too far when unzipped (a zip bomb?); reading stopped.' : 'The archive holds too many entries (a zip bomb?); reading stopped.',
      ),
    ]);
  }
  const entry = zip.entries.get('word/document.xml');
  if (!entry && ofd) {
    return failed([
      problem(
        'ofd-format',
        '该文件为 OFD 版式文件（GB/T 33190），暂不能读取：请在 OFD 阅读器（如数科、福昕）中另存或打印为 PDF 后再检查。',
        'The file is an OFD document (GB/T 33190), which cannot be read yet: save or print it as PDF in an OFD reader, then check it.',
      ),
    ]);
  }
  if (!entry) {
    return failed([problem('docx-corrupt', '无法读取该 .docx 文件：文件已损坏或不是 Word 文档。', 'The .docx file cannot be read: it is damaged or not a Word document.')]);
  }
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: false }).decode(entry);
  } catch {
    return failed([problem('docx-corrupt', '无法读取该 .docx 文件：文件已损坏或不是 Word 文档。', 'The .docx file cannot be read: it is damaged or not a Word document.')]);
  }
  const stylesEntry = zip.entries.get('word/styles.xml');
  const parsed = parseDocumentXml(xml, stylesEntry ? parseStylesXml(new TextDecoder('utf-8', { fatal: false }).decode(stylesEntry)) : NO_HIDDEN_STYLES);
  const problems: ReadProblem[] = [];
  if (!parsed.body) {
    return failed([problem('docx-corrupt', '无法读取该 .docx 文件：文档内容已损坏。', 'The .docx file cannot be read: its document part is damaged.')]);
  }
  if (parsed.error) problems.push(problem('docx-damaged', '该 .docx 文件的内容有损坏，只读出了损坏之前的部分。', 'Part of the .docx file is damaged; only what comes before the damage was read.'));
  const r = new Rendering();
  const n: Counters = { paragraph: 0, table: 0 };
  renderBlocks(blocks(parsed.body, []), r, n);
  if (n.table === 0) {
    problems.push(
      parsed.pictures > 0
        ? { ...problem('tables-as-images', '文档中没有表格，只有图片：表格可能以图片形式插入，无法核对其中的数字。', 'The document has no tables, only pictures: the tables may be images, whose numbers cannot be checked.'), allTables: true }
        : problem('no-tables', '文档中没有表格。', 'The document has no tables.'),
    );
  }
  return { kind: 'docx', text: r.text(), spans: r.spans, problems };
}
