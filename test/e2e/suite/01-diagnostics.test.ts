/// <reference types="mocha" />
// Diagnostics: the first test file, so its `before` also measures activation (nothing has opened
// a document before it).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  SOURCE,
  describeDiagnostics,
  extension,
  fmtRange,
  openReport,
  ours,
  recordTiming,
  ruleOf,
  waitForDiagnostics,
  workspaceRoot,
} from './helpers';

const CULPRIT = 'broken/表三单元格填错-东城区.txt';

interface CliFinding {
  rule: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** What the bundled CLI (same engine, default settings) reports for a file. */
function cliFindings(file: string): CliFinding[] {
  const cli = path.join(extension().extensionPath, 'dist', 'cli.js');
  // process.execPath is node under code-server and Electron under test-electron (hence ELECTRON_RUN_AS_NODE)
  const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', file], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    timeout: 60_000,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`ogi-report check failed (${r.status}): ${r.stderr || r.error}`);
  const out = JSON.parse(r.stdout) as { files: { diagnostics: CliFinding[] }[] };
  return out.files.flatMap((f) => f.diagnostics);
}

const SEVERITY: Record<CliFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const key = (rule: string | undefined, severity: vscode.DiagnosticSeverity, range: string) =>
  `${rule} ${vscode.DiagnosticSeverity[severity]} ${range}`;

describe('diagnostics', () => {
  let culprit: vscode.TextDocument;
  let culpritDiags: vscode.Diagnostic[];

  before(async () => {
    const ext = extension();
    const activeBefore = ext.isActive;
    const t0 = Date.now();
    // The first document of the run: opening it must activate the extension (onLanguage:plaintext),
    // which switches it to ogi-report (content detection) and starts the language server.
    culprit = await openReport(CULPRIT);
    const detectedMs = Date.now() - t0;
    await vscode.window.showTextDocument(culprit, { preview: false });
    culpritDiags = await waitForDiagnostics(culprit.uri, (d) => ours(d).length > 0, 'the first diagnostics');
    const firstDiagnosticsMs = Date.now() - t0;
    assert.ok(ext.isActive, 'extension is active after opening a report');
    const api = ext.exports as { activationMs?: number; ready?: Promise<void> } | undefined;
    if (api?.ready) await api.ready;
    recordTiming('activation', {
      activeBeforeFirstDocument: activeBefore,
      openToOgiReportLanguageMs: detectedMs,
      openToFirstDiagnosticsMs: firstDiagnosticsMs,
      activateToServerReadyMs: api?.activationMs,
    });
  });

  it(`${CULPRIT}: exactly one error, likely-culprit at 47:27, source ogi-report, with related cells`, async () => {
    const diags = ours(culpritDiags);
    assert.equal(diags.length, 1, `one finding expected, got ${describeDiagnostics(diags)}`);
    const [d] = diags;
    assert.equal(d.source, SOURCE);
    assert.equal(typeof d.code === 'object' ? typeof d.code.value : typeof d.code, 'string', 'code is the rule id string');
    assert.equal(ruleOf(d), 'likely-culprit');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error, 'arithmetic rules are errors');
    assert.equal(fmtRange(d.range), '47:27-47:28');
    assert.equal(culprit.getText(d.range), '4', 'the range covers the wrong cell (4, should be 3)');
    assert.ok(d.message.length > 0);
    const related = d.relatedInformation ?? [];
    assert.ok(related.length > 0, 'relatedInformation points at the operand cells');
    for (const r of related) {
      assert.equal(r.location.uri.toString(), culprit.uri.toString(), 'operand cells are in the same document');
      assert.ok(r.location.range.start.line < culprit.lineCount, `operand range ${fmtRange(r.location.range)} inside the document`);
      assert.ok(r.message.length > 0);
    }
  });

  it('every sample gets the same findings (rule, severity, range) as the ogi-report CLI', async function () {
    const root = workspaceRoot().fsPath;
    const files = ['seeds', 'broken'].flatMap((dir) =>
      fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.txt')).sort().map((f) => `${dir}/${f}`),
    );
    assert.ok(files.length >= 11, `samples copied into the workspace (${files.length})`);
    for (const rel of files) {
      const expected = cliFindings(path.join(root, rel))
        .map((f) => key(f.rule, SEVERITY[f.severity], fmtRange(new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character))))
        .sort();
      if (rel.startsWith('broken/')) assert.ok(expected.length > 0, `${rel} has at least one finding`);
      const doc = await openReport(rel);
      const actual = () => ours(vscode.languages.getDiagnostics(doc.uri)).map((d) => key(ruleOf(d), d.severity, fmtRange(d.range))).sort();
      if (expected.length > 0) {
        await waitForDiagnostics(doc.uri, () => JSON.stringify(actual()) === JSON.stringify(expected), `${JSON.stringify(expected)}`);
      } else {
        // nothing will be published for a clean file; a document-symbol round trip proves the server
        // has the document, then there must be no findings
        await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
        assert.deepEqual(actual(), [], `${rel} is clean for the CLI`);
      }
      if (rel.includes('001_')) assert.equal(actual().filter((k) => k.startsWith('cell-blank Warning')).length, 5, 'seed 001 has 5 cell-blank warnings');
    }
  });
});
