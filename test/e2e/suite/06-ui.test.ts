/// <reference types="mocha" />
// UI checks in the real workbench: only under the code-server harness, which can read the page's
// DOM and take screenshots (skipped under @vscode/test-electron). The selectors are VS Code's own
// DOM classes (1.100): .markers-panel, .outline-pane, .runtime-extensions-editor, .part.panel/.sidebar.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXT_ID, type HarnessClient, harness, ours, recordTiming, ruleOf, serverReady, setSetting, showReport, waitForDiagnostics } from './helpers';

const BROKEN = 'broken/两处总计错误-东城区.txt';
const SEED = 'seeds/000_ad0933fee798d3b4.txt';
const SECTIONS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、当前存在的主要问题及下一步改进措施',
  '六、其他需要报告的事项',
];
// the Explorer container's first pane is the file tree (the folder's name is its title)
const EXPLORER_HEADER = '.part.sidebar .split-view-view:first-child > .pane > .pane-header';
const TOGGLE_ACTIVE_FILE = 'workbench.actions.workbench.panel.markers.view.toggleActiveFile';

async function shot(h: HarnessClient, name: string, options: Parameters<HarnessClient['screenshot']>[1]) {
  const res = await h.screenshot(name, options);
  if (res === null) return; // the runner was started without --screenshots
  assert.ok(fs.existsSync(res.path), `${res.path} written`);
  assert.ok(fs.statSync(res.path).size > 1000, `${res.path} is a non-empty PNG`);
  assert.equal(fs.readFileSync(res.path).subarray(1, 4).toString('latin1'), 'PNG');
}

describe('workbench UI (code-server harness only)', function () {
  let h: HarnessClient;

  before(function () {
    const client = harness();
    if (!client) this.skip(); // not under the code-server harness
    else h = client;
  });
  before(() => serverReady());

  it('the Problems panel lists the errors of a broken sample', async () => {
    const editor = await showReport(BROKEN);
    const diags = ours(await waitForDiagnostics(editor.document.uri, (d) => ours(d).some((x) => x.severity === vscode.DiagnosticSeverity.Error), 'errors'));
    const first = diags.find((d) => d.severity === vscode.DiagnosticSeverity.Error)!;
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand(TOGGLE_ACTIVE_FILE); // show the active file's problems only
    try {
      const snippet = first.message.split('\n')[0].slice(0, 24);
      const position = `[Ln ${first.range.start.line + 1}, Col ${first.range.start.character + 1}]`;
      const texts = await h.waitForText('.markers-panel .monaco-list-row', [path.basename(BROKEN), snippet, position]);
      const row = texts!.find((t) => t.includes(snippet) && t.includes(position));
      assert.ok(row, `one row shows the error's message and position ${position}: ${JSON.stringify(texts)}`);
      assert.ok(row.includes(`ogi-report(${ruleOf(first)})`) || (row.includes('ogi-report') && row.includes(ruleOf(first)!)), `the row shows source and rule: ${row}`);
      console.log(`    Problems panel row: ${row.slice(0, 160)}`);
      await shot(h, 'problems-panel', { selector: '.part.panel', waitForSelector: '.markers-panel .monaco-list-row' });
      await shot(h, 'problems-window', {});
    } finally {
      await vscode.commands.executeCommand(TOGGLE_ACTIVE_FILE);
    }
  });

  it('the Outline view shows the six sections of a seed', async () => {
    await setSetting('outline', 'collapseItems', 'alwaysCollapse'); // top level only: all six fit
    let collapsed = false;
    try {
      await showReport(SEED);
      await vscode.commands.executeCommand('outline.focus');
      const texts = await h.waitForText('.outline-pane .monaco-list-row', SECTIONS);
      const order = SECTIONS.map((s) => texts!.findIndex((t) => t.includes(s)));
      assert.deepEqual([...order].sort((a, b) => a - b), order, `sections in order in the Outline: ${JSON.stringify(texts)}`);
      // collapse the Explorer (file tree) pane so the Outline gets the sidebar's height for the screenshots
      const header = `${EXPLORER_HEADER}[aria-expanded="true"]`;
      await h.click(header);
      collapsed = true;
      await h.textContent(`${EXPLORER_HEADER}[aria-expanded="false"]`, { waitForSelector: `${EXPLORER_HEADER}[aria-expanded="false"]` });
      await shot(h, 'outline-view', { selector: '.part.sidebar', waitForSelector: '.outline-pane .monaco-list-row' });
      await shot(h, 'outline-window', {});
    } finally {
      if (collapsed) await h.click(`${EXPLORER_HEADER}[aria-expanded="false"]`);
      await setSetting('outline', 'collapseItems', undefined);
    }
  });

  it('Running Extensions shows ogi-report activated, with VS Code\'s activation time', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // give the (virtualised) list the whole window
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
    const ROWS = '.runtime-extensions-editor .monaco-list-row';
    // the list is sorted by activation time and virtualised: page down until our row is rendered
    let rows = await h.waitForText(ROWS, ['Activation']);
    for (let page = 0; page < 6 && !rows!.some((t) => t.includes(EXT_ID)); page++) {
      await vscode.commands.executeCommand('list.focusPageDown');
      rows = await h.textContent(ROWS);
    }
    const row = rows!.find((t) => t.includes(EXT_ID));
    assert.ok(row, `${EXT_ID} in Running Extensions: ${JSON.stringify(rows!.map((t) => t.slice(0, 60)))}`);
    const m = /Activation: (\d+)ms/.exec(row);
    assert.ok(m, `an activation time in the row: ${JSON.stringify(row)}`);
    recordTiming('vscodeActivationTimeMs', Number(m[1]));
    await shot(h, 'running-extensions', { waitForSelector: '.runtime-extensions-editor .monaco-list-row' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
