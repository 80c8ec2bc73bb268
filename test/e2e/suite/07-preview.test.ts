/// <reference types="mocha" />
// The table preview, the language status item, inlay hints and Chinese messages in an English VS Code.
// The webview's DOM is out of the extension host's reach: the extension's API exposes (for tests) the
// HTML last drawn in a preview and the handler the page's messages reach, so a click is the message the
// page would post. Screenshots (preview, status item, hover) only under the code-server harness.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { OgiReportApi } from '../../../client/src/extension';
import { type HarnessClient, extension, fmtRange, harness, ours, ruleOf, serverReady, showReport, waitFor, waitForDiagnostics, revert } from './helpers';

const BROKEN = 'broken/表三单元格填错-东城区.txt';
const RECONCILIATION = 'broken/勾稽关系不平-PDF文本.txt';
const HAN = /[\u3400-\u9fff]/;

function api(): Required<OgiReportApi>['test'] {
  const test = (extension().exports as OgiReportApi | undefined)?.test;
  if (!test) throw new Error('the extension API has no test hooks (activate() did not return them)');
  return test;
}

/** Every <td> of the preview marked as the culprit, with its data-* attributes and title. */
function culpritCells(html: string) {
  const cells: { line: number; character: number; endLine: number; endCharacter: number; expected?: string; title: string; text: string }[] = [];
  for (const m of html.matchAll(/<td class="([^"]*)"([^>]*)>(.*?)<\/td>/g)) {
    if (!m[1].split(' ').includes('ogi-mark-culprit')) continue;
    const attr = (k: string) => new RegExp(`${k}="([^"]*)"`).exec(m[2])?.[1];
    cells.push({
      line: Number(attr('data-line')),
      character: Number(attr('data-character')),
      endLine: Number(attr('data-end-line')),
      endCharacter: Number(attr('data-end-character')),
      expected: attr('data-expected'),
      title: (attr('title') ?? '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
      text: m[3].replace(/<[^>]+>/g, ''),
    });
  }
  return cells;
}

/** The preview of `uri` once its drawn HTML satisfies `predicate`. */
function previewWhere(uri: vscode.Uri, predicate: (html: string) => boolean, what: string): Promise<string> {
  const t = api();
  return waitFor(
    t.onDidUpdatePreview,
    () => {
      const html = t.previewHtml(uri);
      return html !== undefined && predicate(html) ? html : undefined;
    },
    what,
    () => (t.previewHtml(uri) ?? '(no preview)').slice(0, 200),
  );
}

function statusWhere(predicate: (s: ReturnType<ReturnType<typeof api>['status']>) => boolean, what: string) {
  const t = api();
  return waitFor(t.onDidChangeStatus, () => (predicate(t.status()) ? t.status() : undefined), what, () => JSON.stringify(t.status()));
}

async function shot(h: HarnessClient | undefined, name: string, options: Parameters<HarnessClient['screenshot']>[1]) {
  if (!h) return;
  const res = await h.screenshot(name, options);
  if (res === null) return;
  assert.ok(fs.statSync(res.path).size > 1000, `${res.path} is a non-empty PNG`);
}

describe('table preview, status item, inlay hints', function () {
  this.timeout(120_000);
  before(() => serverReady());
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('VS Code runs in English and the messages are Chinese', async () => {
    assert.match(vscode.env.language, /^en/, `the suite runs VS Code in English (${vscode.env.language})`);
    const editor = await showReport(BROKEN);
    const diags = ours(await waitForDiagnostics(editor.document.uri, (d) => ours(d).length > 0));
    for (const d of diags) assert.ok(HAN.test(d.message) && !/\b(expected|actual|total|should)\b/i.test(d.message), `Chinese message: ${d.message}`);
  });

  it('opens beside the report with the culprit cell marked; a click selects the cell in the text', async () => {
    const editor = await showReport(BROKEN);
    const uri = editor.document.uri;
    const diag = ours(await waitForDiagnostics(uri, (d) => ours(d).some((x) => ruleOf(x) === 'likely-culprit'))).find((x) => ruleOf(x) === 'likely-culprit')!;
    const drawn = previewWhere(uri, (html) => html.includes('ogi-table'), 'the preview to be drawn');
    await vscode.commands.executeCommand('ogiReport.showPreview', uri);
    const html = await drawn;
    const previewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('ogiReport.preview'));
    // the tab model reaches the extension host a little after the panel
    const tab = await waitFor(vscode.window.tabGroups.onDidChangeTabs, () => previewTabs()[0], 'a preview tab', () =>
      JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => [t.label, (t.input as { viewType?: string })?.viewType])));
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'the preview is beside the report');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the report keeps the focus (preserveFocus)');

    const cells = culpritCells(html);
    assert.equal(cells.length, 1, `one culprit cell: ${JSON.stringify(cells)}`);
    const [cell] = cells;
    assert.equal(fmtRange(new vscode.Range(cell.line, cell.character, cell.endLine, cell.endCharacter)), fmtRange(diag.range), 'at the diagnostic');
    assert.equal(cell.expected, '3');
    assert.match(cell.text, /4\s*→\s*3/, 'found → expected written in the cell');
    assert.ok(cell.title.includes(diag.message.split('\n')[0]), `tooltip carries the finding: ${cell.title}`);
    assert.ok(html.includes('表三'), 'Chinese table names');

    // the same command again reveals the one panel instead of opening a second
    await vscode.commands.executeCommand('ogiReport.showPreview', uri);
    assert.equal(previewTabs().length, 1, 'one preview per document');

    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const after = await api().postFromPreview(uri, { type: 'reveal', line: cell.line, character: cell.character, endLine: cell.endLine, endCharacter: cell.endCharacter });
    assert.ok(after, 'the click revealed an editor');
    assert.equal(after.document.uri.toString(), uri.toString());
    assert.equal(fmtRange(after.selection), fmtRange(diag.range), 'the cell is selected in the text');
    assert.equal(editor.document.getText(after.selection), '4');
    // messages the page never sends are ignored
    assert.equal(await api().postFromPreview(uri, { type: 'reveal', line: -1, character: 'x' }), undefined);

    await shot(harness(), 'preview-opened', {});
  });

  it('is live: fixing the cell redraws the preview without the mark', async () => {
    const editor = await showReport(BROKEN);
    const uri = editor.document.uri;
    const [cell] = culpritCells(api().previewHtml(uri) ?? '');
    assert.ok(cell, 'the preview of the previous test is open');
    try {
      const redrawn = previewWhere(uri, (html) => culpritCells(html).length === 0 && html.includes('ogi-table'), 'the preview redrawn without a culprit');
      await editor.edit((b) => b.replace(new vscode.Range(cell.line, cell.character, cell.endLine, cell.endCharacter), '3'));
      await redrawn;
      const back = previewWhere(uri, (html) => culpritCells(html).length === 1, 'the culprit back after the revert');
      await revert(uri);
      await back;
    } finally {
      await revert(uri);
    }
  });

  it('the status item reads 表三 ✗ 1 on a wrong cell and 勾稽关系 ✗ 2 when the 勾稽关系 fails; a click opens the preview', async () => {
    const editor = await showReport(BROKEN);
    const s = await statusWhere((x) => x.text === '表三 ✗ 1', 'the status item to read 表三 ✗ 1');
    assert.ok(s.detail?.includes('可能填错的单元格 ✗'), `detail lists the failing check: ${s.detail}`);
    assert.ok(!s.detail?.includes('勾稽关系 ✗'), s.detail);
    assert.equal(s.command, 'ogiReport.showPreview');
    assert.equal(String(s.arguments?.[0]), String(editor.document.uri));

    const other = await showReport(RECONCILIATION);
    await waitForDiagnostics(other.document.uri, (d) => ours(d).filter((x) => ruleOf(x) === 'reconciliation').length === 2);
    const r = await statusWhere((x) => x.text === '勾稽关系 ✗ 2', 'the status item to read 勾稽关系 ✗ 2');
    assert.ok(r.detail?.includes('勾稽关系 ✗'), r.detail);

    const h = harness();
    if (h) {
      // the language status hover ({} in the status bar) with our item
      await showReport(BROKEN);
      await statusWhere((x) => x.text === '表三 ✗ 1', 'the status item back on 表三 ✗ 1');
      const opened = await h.click('[id="status.languageStatus"] a');
      assert.ok(opened !== false, 'the language status entry is in the status bar');
      await h.waitForText('.monaco-hover', ['表三 ✗ 1']);
      await shot(h, 'status-item', { waitForSelector: '.monaco-hover:visible' });
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    }
  });

  it('the hover on the culprit cell leads with the verdict', async () => {
    const editor = await showReport(BROKEN);
    const diag = ours(await waitForDiagnostics(editor.document.uri, (d) => ours(d).some((x) => ruleOf(x) === 'likely-culprit'))).find((x) => ruleOf(x) === 'likely-culprit')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, diag.range.start);
    const text = hovers.flatMap((x) => x.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(HAN.test(text) && text.includes('3'), `a Chinese hover naming the expected value: ${text.slice(0, 200)}`);
    const h = harness();
    if (h) {
      editor.selection = new vscode.Selection(diag.range.start, diag.range.start);
      await shot(h, 'preview', {}); // the preview scrolled to the cursor's cell by now
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await vscode.commands.executeCommand('editor.action.showHover');
      await h.waitForText('.monaco-hover', [diag.message.split('\n')[0].slice(0, 12)]);
      await shot(h, 'hover', { waitForSelector: '.monaco-hover:visible' });
    }
  });

  it('inlay hints on the culprit cell: → 3', async function () {
    const caps = api().serverCapabilities();
    assert.ok(caps, 'the server answered initialize');
    if (!caps.inlayHintProvider) {
      this.skip(); // the server of this branch does not advertise inlayHintProvider (the server engineer's branch adds them)
    }
    const editor = await showReport(BROKEN);
    const doc = editor.document;
    const diag = ours(await waitForDiagnostics(doc.uri, (d) => ours(d).some((x) => ruleOf(x) === 'likely-culprit'))).find((x) => ruleOf(x) === 'likely-culprit')!;
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
    const label = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    const at = hints.filter((h) => h.position.line === diag.range.start.line);
    assert.ok(at.some((h) => /→\s*3/.test(label(h))), `→ 3 on line ${diag.range.start.line + 1}: ${JSON.stringify(hints.map((h) => [h.position.line, label(h)]))}`);
  });
});
