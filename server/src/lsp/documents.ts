// The server's copies of the open documents, kept in step with the client's didOpen/didChange/didClose.
// Unlike vscode-languageserver's TextDocuments, a change is checked before it is applied: a position that
// is not a non-negative integer, a line past the end, or a range whose end precedes its start would
// otherwise be applied as best it can and leave the server checking a text the user never wrote.
//
// What happens to a change that cannot be applied: it is refused whole (the text stays as it was, the
// error goes to the log) and the document is marked out of sync. LSP gives a server no way to ask for the
// text again, so while out of sync the document is not served (no diagnostics, hovers, fixes: a fix
// computed on the wrong text would corrupt the file) until the client sends a full-text change or closes
// and reopens it. A didOpen without a text is refused the same way: the document is not tracked.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver';
import { isPosition } from './params.js';

interface Entry {
  doc: TextDocument;
  inSync: boolean;
}

export type ChangeOutcome = 'applied' | 'lostSync' | 'ignored';

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

/** Why a change cannot be applied to doc, or null. A character past the line's end is allowed: LSP says it means the end. */
export function changeProblem(doc: TextDocument, change: unknown): string | null {
  if (!change || typeof change !== 'object') return 'a change that is not an object';
  const c = change as { range?: unknown; text?: unknown };
  if (typeof c.text !== 'string') return 'a change without text';
  if (c.range === undefined) return null;
  const r = c.range as { start?: unknown; end?: unknown };
  if (!r || typeof r !== 'object' || !isPosition(r.start) || !isPosition(r.end)) return `a range with a position that is not a non-negative integer: ${JSON.stringify(c.range)}`;
  // The end of the document may also be written as the line after the last one, character 0.
  const inside = (p: Position) => p.line < doc.lineCount || (p.line === doc.lineCount && p.character === 0);
  if (!inside(r.start) || !inside(r.end)) return `a range past the end of the document (${doc.lineCount} lines): ${JSON.stringify(c.range)}`;
  if (!before(r.start, r.end)) return `a range that ends before it starts: ${JSON.stringify(c.range)}`;
  return null;
}

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly log: (message: string) => void) {}

  /** The document as the client has it; undefined when not open or out of sync. */
  get(uri: string): TextDocument | undefined {
    const e = this.entries.get(uri);
    return e?.inSync ? e.doc : undefined;
  }

  state(uri: string): Entry | undefined {
    return this.entries.get(uri);
  }

  all(): TextDocument[] {
    return [...this.entries.values()].filter((e) => e.inSync).map((e) => e.doc);
  }

  /** Returns the opened document, or undefined when the open was refused. */
  open(params: { textDocument?: { uri?: unknown; languageId?: unknown; version?: unknown; text?: unknown } }): TextDocument | undefined {
    const td = params?.textDocument;
    const uri = td?.uri;
    if (typeof uri !== 'string') return void this.log(`didOpen without a uri ignored`);
    if (typeof td!.text !== 'string' || !Number.isSafeInteger(td!.version)) {
      this.entries.delete(uri);
      return void this.log(`didOpen of ${uri} without ${typeof td!.text !== 'string' ? 'a text' : 'an integer version'} ignored: the document is not checked`);
    }
    const doc = TextDocument.create(uri, typeof td!.languageId === 'string' ? td!.languageId : '', td!.version as number, td!.text);
    this.entries.set(uri, { doc, inSync: true });
    return doc;
  }

  change(params: { textDocument?: { uri?: unknown; version?: unknown }; contentChanges?: unknown }): { uri: string; outcome: ChangeOutcome } {
    const uri = params?.textDocument?.uri;
    const entry = typeof uri === 'string' ? this.entries.get(uri) : undefined;
    if (!entry) return { uri: String(uri), outcome: 'ignored' };
    const version = params.textDocument!.version;
    const changes = params.contentChanges;
    if (!Array.isArray(changes) || !Number.isSafeInteger(version)) {
      return this.lose(entry, `a didChange without ${Array.isArray(changes) ? 'an integer version' : 'a list of changes'}`);
    }
    // Changes apply in order, each to the result of the ones before it, so a later change is checked
    // against the text the earlier ones made. TextDocument.update edits in place: a batch of several is
    // applied to a copy and kept only if all of it applies. A full text restores sync.
    const original = entry.doc;
    let doc = changes.length > 1 ? TextDocument.create(original.uri, original.languageId, original.version, original.getText()) : original;
    let inSync = entry.inSync;
    let problem: string | null = null;
    for (const change of changes) {
      const full = !!change && typeof change === 'object' && !('range' in change) && typeof change.text === 'string';
      if (full && !inSync) doc = TextDocument.create(original.uri, original.languageId, original.version, '');
      if (!inSync && !full) continue;
      const p = changeProblem(doc, change);
      if (p) {
        problem ??= p;
        inSync = false;
        continue;
      }
      doc = TextDocument.update(doc, [change as TextDocumentContentChangeEvent], version as number);
      inSync = true;
    }
    if (!inSync) return this.lose(entry, problem ?? 'a change to a document already out of sync');
    entry.doc = TextDocument.update(doc, [], version as number);
    entry.inSync = true;
    return { uri: original.uri, outcome: 'applied' };
  }

  close(uri: unknown): boolean {
    return typeof uri === 'string' && this.entries.delete(uri);
  }

  private lose(entry: Entry, problem: string): { uri: string; outcome: ChangeOutcome } {
    const was = entry.inSync;
    entry.inSync = false;
    this.log(`${entry.doc.uri}: refused ${problem}; the server's copy stays at version ${entry.doc.version} and waits for a full text`);
    return { uri: entry.doc.uri, outcome: was ? 'lostSync' : 'ignored' };
  }
}
