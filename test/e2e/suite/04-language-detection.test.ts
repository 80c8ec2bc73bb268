/// <reference types="mocha" />
// Content detection: plain .txt files that read like a report become ogi-report documents on open.
// A file that must NOT switch gives no event to wait for, so those tests open a second document
// afterwards and wait for the extension to finish with that one (a barrier): the extension handles
// onDidOpenTextDocument in order, so by then it has long decided about the first one.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LANGUAGE, openReport, ours, setSetting, waitForDiagnostics, wsUri } from './helpers';

const REPORT_CONTENT = 'e2e/detect/report-content.txt'; // copy of seed 003, a name no pattern matches
const REPORT_CONTENT_2 = 'e2e/detect/report-content-2.txt'; // copy of seed 004
const NOT_A_REPORT = 'e2e/detect/not-a-report.txt';
const DETECTION_OFF = 'e2e/detect/detection-off.txt'; // copy of seed 000
const BY_NAME = ['e2e/detect/by-name.ogi.txt', 'e2e/detect/2023年度报告-按名称.txt', 'e2e/detect/区政府年报.txt']; // not-a-report content
const BARRIER = 'e2e/barrier.ogi.txt'; // copy of the likely-culprit sample: has a finding

const PATTERNS = [/\.ogi\.txt$/, /年度报告.*\.txt$/, /年报.*\.txt$/];

describe('language detection', () => {
  it('a plain .txt file with a non-matching name whose content is a report opens as ogi-report', async () => {
    assert.ok(!PATTERNS.some((re) => re.test(path.basename(REPORT_CONTENT))), 'no file name pattern matches');
    const doc = await openReport(REPORT_CONTENT);
    assert.equal(doc.languageId, LANGUAGE);
  });

  it('a plain .txt file that is not a report stays plaintext', async () => {
    const doc = await vscode.workspace.openTextDocument(wsUri(NOT_A_REPORT));
    assert.equal(doc.languageId, 'plaintext', 'opens as plaintext');
    await openReport(REPORT_CONTENT_2); // barrier: detection has run for a later document
    const now = vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString());
    assert.equal(now?.languageId, 'plaintext', 'still plaintext after the extension handled later documents');
  });

  it('file name patterns *.ogi.txt, *年度报告*.txt and *年报*.txt open as ogi-report whatever the content', async () => {
    for (const rel of BY_NAME) {
      const doc = await vscode.workspace.openTextDocument(wsUri(rel));
      assert.equal(doc.languageId, LANGUAGE, rel);
    }
  });

  describe('with ogiReport.detectLanguage: false', () => {
    before(() => setSetting('ogiReport', 'detectLanguage', false));
    after(() => setSetting('ogiReport', 'detectLanguage', undefined));

    it('a report-like plaintext file is left alone', async () => {
      const doc = await vscode.workspace.openTextDocument(wsUri(DETECTION_OFF));
      assert.equal(doc.languageId, 'plaintext');
      // barrier: a later document the extension has fully handled (its diagnostics came back)
      const barrier = await openReport(BARRIER);
      await waitForDiagnostics(barrier.uri, (d) => ours(d).length > 0, 'the barrier document\'s diagnostics');
      const now = vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString());
      assert.equal(now?.languageId, 'plaintext', 'not switched while detection is off');
    });
  });
});
