/// <reference types="mocha" />
// "Check as report" on a .docx and a .pdf: the text rendering opens beside as a read-only
// ogi-report-view: document in the ogi-report language, with diagnostics and an outline;
// "Save as text report" writes it to a .txt report; a change of the file on disk re-checks the view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LANGUAGE, SOURCE, describeDiagnostics, harness, documentSymbols, ours, recordTiming, serverReady, waitForDiagnostics, wsUri } from './helpers';

const VIEW_SCHEME = 'ogi-report-view';
const errorsOf = (diags: readonly vscode.Diagnostic[]) => ours(diags).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);

/** The lines of table 三 in a rendering: after its section heading, before section 四's. */
function table3Lines(doc: vscode.TextDocument): [number, number] {
  const lines = doc.getText().split('\n');
  const from = lines.findIndex((l) => l.startsWith('三、收到和处理'));
  const to = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
  assert.ok(from >= 0 && to > from, `sections 三 and 四 in the rendering: ${from}, ${to}`);
  return [from, to];
}

async function checkAsReport(relative: string): Promise<{ doc: vscode.TextDocument; errors: vscode.Diagnostic[]; ms: number }> {
  const t0 = Date.now();
  const doc = await vscode.commands.executeCommand<vscode.TextDocument>('ogiReport.checkAsReport', wsUri(relative));
  assert.ok(doc, 'the command returns the opened view');
  assert.equal(doc.uri.scheme, VIEW_SCHEME);
  assert.equal(doc.languageId, LANGUAGE);
  assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the view is shown');
  const diags = await waitForDiagnostics(doc.uri, (d) => errorsOf(d).length > 0, 'an error on the raised cell');
  return { doc, errors: errorsOf(diags), ms: Date.now() - t0 };
}

describe('Check as report (.docx, .pdf, .doc)', () => {
  before(() => serverReady());

  it('a .docx with a raised cell: an ogi-report view with the error on table 三 and an outline', async () => {
    const { doc, errors, ms } = await checkAsReport('e2e/documents/seed-000-raised.docx');
    recordTiming('checkAsReport docx → diagnostics', ms);
    const [from, to] = table3Lines(doc);
    for (const e of errors) assert.ok(e.range.start.line > from && e.range.start.line < to, `error outside table 三: ${describeDiagnostics(errors)}`);
    assert.equal(errors[0].source, SOURCE);
    const symbols = await documentSymbols(doc.uri);
    assert.ok(symbols.some((s) => s.name.startsWith('三、收到和处理')), JSON.stringify(symbols.map((s) => s.name)));
    assert.ok(symbols.length >= 4);
  });

  it('a .pdf with a raised cell: the error on table 三', async () => {
    const { doc, errors, ms } = await checkAsReport('e2e/documents/broken-003-raised-cell.pdf');
    recordTiming('checkAsReport pdf → diagnostics', ms);
    const [from, to] = table3Lines(doc);
    for (const e of errors) assert.ok(e.range.start.line > from && e.range.start.line < to, `error outside table 三: ${describeDiagnostics(errors)}`);
  });

  it('Save as text report writes the rendering to a .txt and opens it as a report', async () => {
    const view = (await vscode.commands.executeCommand<vscode.TextDocument>('ogiReport.checkAsReport', wsUri('e2e/documents/seed-000-raised.docx')))!;
    const target = wsUri('e2e/documents/saved-report.txt');
    const written = await vscode.commands.executeCommand<vscode.Uri>('ogiReport.saveAsText', view.uri, target);
    assert.equal(written?.toString(), target.toString());
    const bytes = await vscode.workspace.fs.readFile(target);
    assert.equal(new TextDecoder().decode(bytes), view.getText());
    const opened = vscode.window.activeTextEditor?.document;
    assert.equal(opened?.uri.toString(), target.toString(), 'the .txt is opened');
    assert.equal(opened?.languageId, LANGUAGE);
    const diags = await waitForDiagnostics(target, (d) => errorsOf(d).length > 0, 'the saved report checked');
    assert.equal(errorsOf(diags).length, errorsOf(vscode.languages.getDiagnostics(view.uri)).length, 'the same errors as the view');
  });

  it('a corrupt .docx: the reader\'s problem in the Problems panel of the view, no crash', async () => {
    const corrupt = wsUri('e2e/documents/corrupt.docx');
    await vscode.workspace.fs.writeFile(corrupt, new TextEncoder().encode('PK\u0003\u0004 not a zip'));
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('ogiReport.checkAsReport', corrupt);
    assert.equal(doc?.uri.scheme, VIEW_SCHEME);
    const diags = await waitForDiagnostics(doc!.uri, (d) => ours(d).some((x) => x.severity === vscode.DiagnosticSeverity.Warning && x.range.start.line === 0 && /^docx-|^zip-/.test(String(x.code))), 'the reader problem');
    assert.equal(doc!.getText(), '');
    assert.ok(ours(diags).length >= 1, describeDiagnostics(diags));
  });

  it('a .doc is read by its bytes: a .docx saved under that name is checked, the old binary format says to save it as .docx', async () => {
    const { errors } = await checkAsReport('e2e/documents/saved-as.doc');
    assert.ok(errors.length > 0, 'the raised cell of the .docx inside');
    const legacy = await vscode.commands.executeCommand<vscode.TextDocument>('ogiReport.checkAsReport', wsUri('e2e/documents/legacy.doc'));
    assert.equal(legacy?.uri.scheme, VIEW_SCHEME);
    const diags = await waitForDiagnostics(legacy!.uri, (d) => ours(d).some((x) => x.code === 'legacy-format'), 'the legacy-format problem');
    assert.equal(legacy!.getText(), '');
    assert.match(ours(diags).find((x) => x.code === 'legacy-format')!.message, /\.docx/);
  });

  it('hover on the error cell of the view explains the sum', async () => {
    const { doc, errors } = await checkAsReport('e2e/documents/seed-000-raised.docx');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, errors[0].range.start);
    const text = (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(text.length > 0, 'a hover on the error cell');
  });

  it('(harness) the view\'s title bar offers Save as text report; screenshot', async function () {
    const h = harness();
    if (!h) return this.skip();
    await checkAsReport('e2e/documents/seed-000-raised.docx');
    const labels = await h.waitForText('.editor-actions .action-label', 'Save as text report', { attribute: 'aria-label' });
    assert.ok(labels?.some((l) => l.includes('Save as text report')), JSON.stringify(labels));
    await h.screenshot('check-as-report', {});
  });

  it('re-checks when the file changes on disk', async () => {
    const watched = wsUri('e2e/documents/watched.docx');
    const { doc } = await checkAsReport('e2e/documents/watched.docx');
    const t0 = Date.now();
    await vscode.workspace.fs.writeFile(watched, await vscode.workspace.fs.readFile(wsUri('e2e/documents/seed-000.docx')));
    await waitForDiagnostics(doc.uri, (d) => errorsOf(d).length === 0, 'the errors gone after the file was replaced by the clean report');
    recordTiming('docx changed on disk → diagnostics', Date.now() - t0);
  });
});
