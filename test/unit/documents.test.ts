// The server's copies of open documents (lsp/documents.ts): a run of keystrokes within one line is folded
// into one edit and applied when the text is asked for. Generated: bursts of typing (inserts, deletions,
// replacements inside what was typed, with CJK and 𠮷), mixed with edits elsewhere, line breaks, edits
// across lines and a character past a line's end, the text and version asked for at random points —
// always the text and version the changes applied one by one give.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore } from '../../server/src/lsp/documents.js';

const URI = 'file:///typing.txt';
const START = '一、本年新收\t3\t0\n（一）予以公开\t2\n𠮷\t\t5\n\n总计 10';

/** A change for `doc` from random numbers: typing at the last place typed (most of the time) or anywhere. */
function changeFor(doc: TextDocument, last: { line: number; character: number }, pick: number[], texts: string[]): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } {
  const [kind, a, b, c] = pick;
  const lines = doc.getText().split('\n');
  const clampLine = (n: number) => Math.min(n, lines.length - 1);
  const text = texts[c % texts.length];
  if (kind < 6) {
    // At or just around the caret: insert, delete back, replace.
    const line = clampLine(last.line);
    const at = Math.min(last.character, lines[line].length);
    const back = Math.min(at, a % 3);
    return { range: { start: { line, character: at - back }, end: { line, character: at } }, text: kind < 4 ? text : '' };
  }
  const line = clampLine(a % lines.length);
  if (kind === 6) return { range: { start: { line, character: b % (lines[line].length + 1) }, end: { line, character: b % (lines[line].length + 1) } }, text: '\n' };
  if (kind === 7) return { range: { start: { line, character: 0 }, end: { line: clampLine(line + 1), character: 1 } }, text };
  // Anywhere on a line, or past its end (LSP: the end), from there or from within the line.
  const ch = b % (lines[line].length + 3);
  return { range: { start: { line, character: a % 2 ? ch : Math.min(ch, lines[line].length) }, end: { line, character: ch } }, text };
}

describe('typing folded into one edit (lsp/documents.ts)', () => {
  it('the text and version are always those of the changes applied one by one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.tuple(fc.nat(9), fc.nat(50), fc.nat(50), fc.nat(10)), fc.boolean()), { minLength: 1, maxLength: 80 }),
        (steps) => {
          const store = new DocumentStore(() => undefined);
          store.open({ textDocument: { uri: URI, languageId: 'ogi-report', version: 1, text: START } });
          let expected = TextDocument.create(URI, 'ogi-report', 1, START);
          let caret = { line: 0, character: 2 };
          let version = 1;
          for (const [pick, ask] of steps) {
            const change = changeFor(expected, caret, pick, ['1', '0', '汉', '𠮷', '12', ' ']);
            version++;
            assert.equal(store.change({ textDocument: { uri: URI, version }, contentChanges: [change] }).outcome, 'applied');
            expected = TextDocument.update(expected, [change], version);
            const typed = change.text.includes('\n') ? { line: change.range.start.line + 1, character: 0 } : { line: change.range.start.line, character: change.range.start.character + change.text.length };
            caret = typed;
            assert.equal(store.version(URI), version);
            if (ask) assert.equal(store.get(URI)!.getText(), expected.getText());
          }
          const doc = store.get(URI)!;
          assert.equal(doc.getText(), expected.getText());
          assert.equal(doc.version, version);
          assert.equal(doc.lineCount, expected.lineCount);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('typing at the document’s end written as the line after the last is applied, and a keystroke placed past it is refused as it would be unfolded', () => {
    const store = new DocumentStore(() => undefined);
    store.open({ textDocument: { uri: URI, languageId: 'ogi-report', version: 1, text: 'ab' } });
    const at = (line: number, character: number, text: string, version: number) =>
      store.change({ textDocument: { uri: URI, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }] }).outcome;
    assert.equal(at(1, 0, 'x', 2), 'applied');
    assert.equal(store.get(URI)!.getText(), 'abx');
    assert.equal(at(1, 1, 'y', 3), 'lostSync');
    assert.equal(store.state(URI)!.doc.getText(), 'abx');
  });

  it('a burst of keystrokes into a 5 MB document is applied once: the text is asked for in well under the time of one application per keystroke', () => {
    const big = `${START}\n`.repeat(200_000);
    const store = new DocumentStore(() => undefined);
    store.open({ textDocument: { uri: URI, languageId: 'ogi-report', version: 1, text: big } });
    const one = TextDocument.create(URI, 'ogi-report', 1, big);
    const t0 = performance.now();
    let reference = one;
    for (let v = 2; v < 42; v++) reference = TextDocument.update(reference, [{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, text: '1' }], v);
    reference.getText().charCodeAt(0);
    const eachApplied = performance.now() - t0;
    const t1 = performance.now();
    for (let v = 2; v < 42; v++) store.change({ textDocument: { uri: URI, version: v }, contentChanges: [{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, text: '1' }] });
    const text = store.get(URI)!.getText();
    text.charCodeAt(0);
    const folded = performance.now() - t1;
    assert.equal(text, reference.getText());
    assert.ok(folded < eachApplied / 4, `folded ${folded.toFixed(1)} ms, applied one by one ${eachApplied.toFixed(1)} ms`);
  });
});
