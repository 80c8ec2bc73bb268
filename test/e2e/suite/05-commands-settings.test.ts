/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SOURCE, describeDiagnostics, revert, ruleOf, serverReady, setSetting, showReport, waitForDiagnostics, wsUri } from './helpers';

const INSERT = 'e2e/insert-table.ogi.txt'; // "前文\n\n后文\n"
const RULES = 'e2e/rules.ogi.txt'; // copies of the likely-culprit sample
const RESTART = 'e2e/restart.ogi.txt';

const culprit = (diags: vscode.Diagnostic[]) => diags.find((d) => d.source === SOURCE && ruleOf(d) === 'likely-culprit');

describe('commands and settings', () => {
  before(() => serverReady());
  afterEach(async () => {
    for (const rel of [INSERT, RULES, RESTART]) await revert(wsUri(rel));
  });

  describe('ogiReport.insertTable with an argument inserts at the cursor without asking', () => {
    after(() => setSetting('ogiReport', 'templateShape', undefined));

    const insert = async (arg: { table: string; format?: string }) => {
      const editor = await showReport(INSERT);
      const doc = editor.document;
      assert.equal(doc.getText(), '前文\n\n后文\n', 'fixture as expected');
      editor.selection = new vscode.Selection(1, 0, 1, 0);
      await vscode.commands.executeCommand('ogiReport.insertTable', arg);
      const text = doc.getText();
      assert.ok(text.startsWith('前文\n'), 'text before the cursor kept');
      assert.ok(text.endsWith('后文\n'), 'text after the cursor kept');
      const inserted = text.slice('前文\n'.length, text.length - '后文\n'.length);
      assert.ok(inserted.trim().split('\n').length >= 3, `a table was inserted: ${JSON.stringify(inserted.slice(0, 200))}`);
      return inserted;
    };

    it('reviewLitigation as TSV (templateShape: tsv)', async () => {
      await setSetting('ogiReport', 'templateShape', 'tsv');
      const t = await insert({ table: 'reviewLitigation' });
      assert.match(t, /行政复议/);
      assert.match(t, /行政诉讼/);
      assert.match(t, /\t/, 'tab-separated');
      assert.ok(!t.split('\n').some((l) => l.trimStart().startsWith('|')), 'no markdown rows');
    });

    it('applications, format 2021, as a markdown table (templateShape: markdown)', async () => {
      await setSetting('ogiReport', 'templateShape', 'markdown');
      const t = await insert({ table: 'applications', format: '2021' });
      assert.match(t, /本年新收/);
      assert.ok(t.split('\n').filter((l) => l.trimStart().startsWith('|')).length >= 10, 'markdown rows');
    });

    it('activeDisclosure, format 2019', async () => {
      const t = await insert({ table: 'activeDisclosure', format: '2019' });
      assert.match(t, /规章|规范性文件/);
    });
  });

  it('ogiReport.rules changes a rule\'s severity and turns it off', async () => {
    const { document: doc } = await showReport(RULES);
    const sev = (s: vscode.DiagnosticSeverity) => (d: vscode.Diagnostic[]) => culprit(d)?.severity === s;
    try {
      await waitForDiagnostics(doc.uri, sev(vscode.DiagnosticSeverity.Error), 'likely-culprit as an error (default)');
      await setSetting('ogiReport', 'rules', { 'likely-culprit': 'warning' });
      await waitForDiagnostics(doc.uri, sev(vscode.DiagnosticSeverity.Warning), 'likely-culprit as a warning');
      await setSetting('ogiReport', 'rules', { 'likely-culprit': 'off' });
      const off = await waitForDiagnostics(doc.uri, (d) => !culprit(d), 'likely-culprit to be off');
      assert.ok(!culprit(off), describeDiagnostics(off));
    } finally {
      await setSetting('ogiReport', 'rules', undefined);
    }
    await waitForDiagnostics(doc.uri, sev(vscode.DiagnosticSeverity.Error), 'likely-culprit back to an error');
  });

  it('ogiReport.restartServer: the restarted server checks edits again', async () => {
    const editor = await showReport(RESTART);
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (d) => !!culprit(d), 'the likely-culprit error');
    await vscode.commands.executeCommand('ogiReport.restartServer');
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(47, 27, 47, 28), '3')), 'edit applied');
    await waitForDiagnostics(doc.uri, (d) => !culprit(d), 'the error to go after the edit (new server)');
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(47, 27, 47, 28), '4')), 'edit applied');
    await waitForDiagnostics(doc.uri, (d) => !!culprit(d), 'the error to come back');
  });
});
