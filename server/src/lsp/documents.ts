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
import type { Position, Range } from 'vscode-languageserver';
import { isPosition } from './params.js';

interface Entry {
  doc: TextDocument;
  inSync: boolean;
  /**
   * Typing not yet applied to `doc`: one edit of one line (its range in `doc`, its text with no line break)
   * into which the changes since were folded, each inside the text the edit writes, and the version they
   * made. Applying a change copies the whole text and moves every line offset after it (milliseconds on a
   * 5 MB file): a burst of keystrokes costs one application, made when the text is asked for.
   */
  typing: { range: Range; text: string; version: number } | null;
}

/** A change that may start or join a typing run: an edit within one line that writes no line break. */
function typingEdit(change: unknown): { range: Range; text: string } | null {
  if (!change || typeof change !== 'object') return null;
  const c = change as { range?: unknown; text?: unknown };
  if (typeof c.text !== 'string' || c.range === undefined || /[\r\n]/.test(c.text)) return null;
  const r = c.range as Range;
  if (!r || typeof r !== 'object' || !isPosition(r.start) || !isPosition(r.end) || r.start.line !== r.end.line || r.start.character > r.end.character) return null;
  return { range: r, text: c.text };
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

/** The length of a line of doc, without its line break. */
function lineLength(doc: TextDocument, line: number): number {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/\r?\n$|\r$/, '').length;
}

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly log: (message: string) => void) {}

  /** The document as the client has it; undefined when not open or out of sync. */
  get(uri: string): TextDocument | undefined {
    const e = this.entries.get(uri);
    return e?.inSync ? this.typed(e) : undefined;
  }

  /** The document's version as the client has it, without applying the typing (what a wait for the end of a burst asks). */
  version(uri: string): number | undefined {
    const e = this.entries.get(uri);
    return e?.inSync ? (e.typing?.version ?? e.doc.version) : undefined;
  }

  state(uri: string): Entry | undefined {
    const e = this.entries.get(uri);
    if (e) this.typed(e);
    return e;
  }

  all(): TextDocument[] {
    return [...this.entries.values()].filter((e) => e.inSync).map((e) => this.typed(e));
  }

  /** The entry's document with its typing applied. */
  private typed(e: Entry): TextDocument {
    if (e.typing) {
      e.doc = TextDocument.update(e.doc, [{ range: e.typing.range, text: e.typing.text }], e.typing.version);
      e.typing = null;
    }
    return e.doc;
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
    this.entries.set(uri, { doc, inSync: true, typing: null });
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
    // A keystroke inside what the typing so far wrote (or the first of a run) is folded into it, unapplied.
    if (entry.inSync && changes.length === 1 && this.fold(entry, changes[0], version as number)) return { uri: entry.doc.uri, outcome: 'applied' };
    this.typed(entry);
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

  /**
   * Folds one change into the entry's typing: it starts a run when none is pending (an edit within one line
   * that writes no line break, checked as any change is), or joins it when its range lies within the text
   * the run writes, on its line. False when it does neither (the caller applies the run, then the change).
   */
  private fold(entry: Entry, change: unknown, version: number): boolean {
    const edit = typingEdit(change);
    if (!edit) return false;
    const t = entry.typing;
    if (!t) {
      if (changeProblem(entry.doc, change) !== null) return false;
      // Later keystrokes are placed against the run's range: it must be where its text lands. A character
      // past the line's end (read as the end) or the line after the last one (the document's end) is not.
      if (edit.range.start.line >= entry.doc.lineCount || edit.range.end.character > lineLength(entry.doc, edit.range.start.line)) return false;
      entry.typing = { ...edit, version };
      return true;
    }
    const line = t.range.start.line;
    const from = t.range.start.character;
    const to = from + t.text.length;
    const { start, end } = edit.range;
    if (start.line !== line || start.character < from || end.character > to) return false;
    t.text = t.text.slice(0, start.character - from) + edit.text + t.text.slice(end.character - from);
    t.version = version;
    return true;
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
