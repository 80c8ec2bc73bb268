/// <reference types="mocha" />
// Last year's report as published, a PDF of the workspace folder that is not open: this year's report
// (a .txt) gets carry-over errors once the server has read it in the background, their related location is
// in the PDF's read-only view, and following it opens that view (the client's content provider) at
// last year's 结转下年度 row.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostics, ours, openReport, recordTiming, serverReady, waitForDiagnostics } from './helpers';

const VIEW_SCHEME = 'ogi-report-view';
const carry = (ds: readonly vscode.Diagnostic[]) => ours(ds).filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'carry-over');

describe("Last year's report in a PDF of the workspace", () => {
  before(() => serverReady());

  it("carry-over on this year's report once the PDF is read; its related cell opens in the PDF's view", async () => {
    const t0 = Date.now();
    const doc = await openReport('e2e/crossyear/2023年度报告.txt');
    const ds = carry(await waitForDiagnostics(doc.uri, (d) => carry(d).length === 2, 'carry-over against last year’s PDF'));
    recordTiming('open → carry-over against an unopened PDF', Date.now() - t0);
    const rel = ds[0].relatedInformation?.[0]?.location;
    assert.ok(rel, describeDiagnostics(ds));
    assert.equal(rel.uri.scheme, VIEW_SCHEME);
    assert.match(rel.uri.path, /大渡口区司法局2022年度报告\.pdf$/);
    // Named by its place in the PDF too: the rendering's lines are not the PDF's.
    assert.match(ds[0].relatedInformation![0].message, /（第\d+页 表三「四、结转下年度」·/);
    const view = await vscode.workspace.openTextDocument(rel.uri);
    assert.match(view.lineAt(rel.range.start.line).text, /四、结转下年度继续办理/);
  });

  it('checked as a report, the PDF’s view is last year’s report: the related cell in it, named by its page', async () => {
    const pdf = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'e2e/crossyear/大渡口区司法局2022年度报告.pdf');
    const view = await vscode.commands.executeCommand<vscode.TextDocument>('ogiReport.checkAsReport', pdf);
    assert.ok(view);
    const doc = await openReport('e2e/crossyear/2023年度报告.txt');
    const ds = carry(
      await waitForDiagnostics(doc.uri, (d) => carry(d).length === 2 && carry(d).every((x) => x.relatedInformation?.[0]?.location.uri.toString() === view.uri.toString()), 'carry-over related in the view'),
    );
    for (const d of ds) assert.match(d.relatedInformation![0].message, /（第\d+页 表三「四、结转下年度」·/);
  });
});
