// Editing documents cell by cell, for the fixture generator and the mutation tests: a .docx cell by its
// (table, row, grid column), an HTML cell by the element path the HTML reader reports.
import { unzipSync, zipSync } from 'fflate';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { SaxesParser } from 'saxes';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

interface CellPlace {
  /** Where a run can be inserted: just before the cell's first paragraph closes. */
  insertAt: number;
  /** The inner ranges of the cell's w:t elements. */
  texts: [number, number][];
}

/** Every table cell of document.xml by "table:row:gridColumn" (1-based, tables counted in body order). */
export function docxCells(xml: string): Map<string, CellPlace> {
  const out = new Map<string, CellPlace>();
  const p = new SaxesParser({ xmlns: true });
  let table = 0;
  const rowStack: { row: number; col: number }[] = [];
  let cell: CellPlace | null = null;
  let cellKey = '';
  let span = 1;
  let inT = -1;
  let pDepth = 0;
  let firstPClosed = false;
  p.on('opentag', (t) => {
    if (t.uri !== W) return;
    if (t.local === 'tbl') {
      table += 1;
      rowStack.push({ row: 0, col: 1 });
    } else if (t.local === 'tr') {
      const top = rowStack[rowStack.length - 1];
      top.row += 1;
      top.col = 1;
    } else if (t.local === 'gridBefore' && rowStack.length) {
      rowStack[rowStack.length - 1].col += Number(Object.values(t.attributes).find((a) => (a as { local: string }).local === 'val')?.value ?? 0);
    } else if (t.local === 'tc') {
      const top = rowStack[rowStack.length - 1];
      cellKey = `${table}:${top.row}:${top.col}`;
      cell = { insertAt: -1, texts: [] };
      span = 1;
      firstPClosed = false;
    } else if (t.local === 'gridSpan' && cell) {
      span = Number(Object.values(t.attributes).find((a) => (a as { local: string }).local === 'val')?.value ?? 1);
    } else if (t.local === 't' && cell && !t.isSelfClosing) {
      inT = p.position;
    } else if (t.local === 'p') pDepth += 1;
  });
  p.on('closetag', (t) => {
    if (t.uri !== W) return;
    const tagLen = t.isSelfClosing ? 0 : t.name.length + 3;
    if (t.local === 't' && cell && inT >= 0) {
      cell.texts.push([inT, p.position - tagLen]);
      inT = -1;
    } else if (t.local === 'p') {
      pDepth -= 1;
      if (cell && !firstPClosed && !t.isSelfClosing) {
        cell.insertAt = p.position - tagLen;
        firstPClosed = true;
      }
    } else if (t.local === 'tc' && cell) {
      out.set(cellKey, cell);
      rowStack[rowStack.length - 1].col += span;
      cell = null;
    } else if (t.local === 'tbl') rowStack.pop();
  });
  p.write(xml).close();
  return out;
}

/** document.xml with the cells' texts replaced (each cell's old text emptied, the new one as a run). */
export function setDocxCells(xml: string, values: Map<string, string>, cells: Map<string, CellPlace> = docxCells(xml)): string {
  const edits: { at: number; end: number; text: string }[] = [];
  for (const [key, value] of values) {
    const c = cells.get(key);
    if (!c || c.insertAt < 0) throw new Error(`no cell ${key}`);
    for (const [a, b] of c.texts) edits.push({ at: a, end: b, text: '' });
    edits.push({ at: c.insertAt, end: c.insertAt, text: `<w:r><w:t>${value}</w:t></w:r>` });
  }
  edits.sort((a, b) => b.at - a.at || b.end - a.end);
  let s = xml;
  for (const e of edits) s = s.slice(0, e.at) + e.text + s.slice(e.end);
  return s;
}

export function docxXml(docx: Uint8Array): string {
  return new TextDecoder().decode(unzipSync(docx, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']);
}

/** The .docx with its document.xml replaced; the other parts as they were. */
export function withDocxXml(docx: Uint8Array, xml: string, level: 1 | 6 = 6): Uint8Array {
  const files = unzipSync(docx);
  files['word/document.xml'] = new TextEncoder().encode(xml);
  return zipSync(files, { level });
}

const tags = (nodes: ChildNode[]) => nodes.filter((n): n is Element => n.type === 'tag');

/** The source range of the inner HTML of the element at `path` (the HTML reader's path syntax). */
export function htmlElementInner(html: string, path: string): [number, number] | null {
  const doc = parseDocument(html, { withStartIndices: true, withEndIndices: true, lowerCaseTags: true });
  let cur: Element | undefined = tags(doc.children).find((e) => e.name === 'html');
  let nodes: ChildNode[] = cur ? cur.children : doc.children;
  cur = undefined;
  for (const seg of path.split('>')) {
    const m = /^([a-z0-9]+)\[(\d+)\]$/.exec(seg) ?? /^([a-z0-9]+)$/.exec(seg);
    if (!m) return null;
    const [name, k] = [m[1], Number(m[2] ?? 1)];
    let pool: Element[];
    if (cur?.name === 'table' && name === 'tr') {
      pool = [];
      for (const c of tags(cur.children)) {
        if (c.name === 'tr') pool.push(c);
        else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') pool.push(...tags(c.children).filter((r) => r.name === 'tr'));
      }
    } else pool = tags(nodes).filter((e) => e.name === name);
    cur = pool[k - 1];
    if (!cur) return null;
    nodes = cur.children;
  }
  if (!cur) return null;
  const first = cur.children[0];
  const last = cur.children[cur.children.length - 1];
  if (!first || !last) return null;
  return [first.startIndex!, last.endIndex! + 1];
}
