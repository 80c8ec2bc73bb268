/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FIX_ALL_KIND, SOURCE, describeDiagnostics, fmtRange, ours, revert, ruleOf, serverReady, showReport, waitForDiagnostics, wsUri } from './helpers';

const CULPRIT = 'broken/表三单元格填错-东城区.txt';
const FIX_ALL_COPY = 'e2e/fix-all.ogi.txt'; // same content, so the two tests do not share a document

const isCulprit = (d: vscode.Diagnostic) => d.source === SOURCE && ruleOf(d) === 'likely-culprit';
const noErrors = (diags: vscode.Diagnostic[]) => !ours(diags).some((d) => d.severity === vscode.DiagnosticSeverity.Error);

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
    // Fix-all's edit is computed on codeAction/resolve: let VS Code resolve the actions, as the lightbulb does on choosing.
    10,
  );
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

describe('code actions', () => {
  before(() => serverReady());
  afterEach(async () => {
    for (const rel of [CULPRIT, FIX_ALL_COPY]) {
      await revert(wsUri(rel));
    }
  });

  it('the likely-culprit quick fix sets the cell to 3 and the error goes away', async () => {
    const editor = await showReport(CULPRIT);
    const doc = editor.document;
    const [diag] = (await waitForDiagnostics(doc.uri, (d) => d.some(isCulprit), 'the likely-culprit error')).filter(isCulprit);
    const actions = await codeActions(doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fixes = actions.filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && a.edit);
    assert.ok(fixes.length > 0, `a quick fix with an edit; got ${JSON.stringify(actions.map((a) => [a.title, a.kind?.value, !!a.edit]))}`);
    const fix = fixes.find((a) => a.diagnostics?.some((d) => ruleOf(d) === 'likely-culprit')) ?? fixes[0];
    const before = doc.version;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'applyEdit succeeded');
    assert.ok(doc.version > before, 'the document changed');
    assert.equal(doc.getText(new vscode.Range(47, 27, 47, 28)), '3', `cell 47:27 is now 3 (line: ${doc.lineAt(47).text})`);
    const after = await waitForDiagnostics(doc.uri, (d) => !d.some(isCulprit), 'the error to go after the quick fix');
    assert.ok(noErrors(after), `no errors left: ${describeDiagnostics(ours(after))}`);
  });

  it('fix-all: a source.fixAll.ogi-report action, and the ogiReport.fixAll command, fix the document', async () => {
    const editor = await showReport(FIX_ALL_COPY);
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (d) => d.some(isCulprit), 'the likely-culprit error');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await codeActions(doc.uri, whole, FIX_ALL_KIND.value);
    const fixAll = actions.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind));
    assert.ok(fixAll, `a ${FIX_ALL_KIND.value} action; got ${JSON.stringify(actions.map((a) => [a.title, a.kind?.value]))}`);
    assert.equal(fixAll.kind!.value, FIX_ALL_KIND.value);
    assert.ok(fixAll.edit && fixAll.edit.size > 0, 'the fix-all action carries a WorkspaceEdit');
    const edits = fixAll.edit.get(doc.uri);
    assert.ok(edits.length > 0, 'the fix-all edit changes this document');
    assert.ok(edits.every((e) => e.range.end.line < doc.lineCount + 1), `edits inside the document: ${JSON.stringify(edits.map((e) => fmtRange(e.range)))}`);

    // the command applies it to the active editor
    await vscode.commands.executeCommand('ogiReport.fixAll');
    assert.equal(doc.getText(new vscode.Range(47, 27, 47, 28)), '3', 'ogiReport.fixAll changed the cell');
    const after = await waitForDiagnostics(doc.uri, (d) => !d.some(isCulprit), 'the error to go after ogiReport.fixAll');
    assert.ok(noErrors(after), `no errors left: ${describeDiagnostics(ours(after))}`);
  });
});
