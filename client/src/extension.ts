// The VS Code client: starts the bundled language server, switches plain-text reports to the
// ogi-report language, and registers the preview, the status item, document views and the commands.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { looksLikeReport } from '../../server/src/core/detect.js';
import { effectiveLocale } from './l10n.js';
import { registerPreview } from './preview.js';
import { registerStatus } from './status.js';
import { type TestHooks, testHooks } from './testHooks.js';
import { CONFIGURATION_SECTION, LANGUAGE_ID as LANGUAGE, FIX_ALL_KIND as FIX_ALL, REPORT_VIEW_SCHEME, TableTemplateRequest, type TableTemplateResult } from '../../server/src/protocol.js';
import { registerDocumentReports } from './reports.js';
import { registerCrossYear } from './crossyear.js';
import { registerCheckFolder } from './folder.js';
import { registerWriteProse } from './writeProse.js';

const FIX_ALL_KIND = vscode.CodeActionKind.Empty.append(FIX_ALL);
const TABLES = [
  { table: 'applications', format: '2021', zh: '表三 收到和处理政府信息公开申请情况（2021 格式）', en: 'Table 3 Applications received and handled (2021 format)' },
  { table: 'applications', format: '2019', zh: '表三 收到和处理政府信息公开申请情况（2019 格式）', en: 'Table 3 Applications received and handled (2019 format)' },
  { table: 'activeDisclosure', format: '2021', zh: '表二 主动公开政府信息情况（2021 格式）', en: 'Table 2 Proactive disclosure (2021 format)' },
  { table: 'activeDisclosure', format: '2019', zh: '表二 主动公开政府信息情况（2019 格式）', en: 'Table 2 Proactive disclosure (2019 format)' },
  { table: 'reviewLitigation', format: '2021', zh: '表四 政府信息公开行政复议、行政诉讼情况', en: 'Table 4 Administrative review and litigation' },
];

// The client's own strings follow ogiReport.locale (Chinese by default): l10n.ts.
const en = () => effectiveLocale() === 'en';

export interface OgiReportApi {
  /** Milliseconds from activation to the language server being ready. */
  readonly activationMs: number | undefined;
  readonly ready: Promise<void>;
  /** For the extension-host tests only (preview.ts). */
  test?: TestHooks;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): OgiReportApi {
  const started = Date.now();
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE }, { scheme: REPORT_VIEW_SCHEME, language: LANGUAGE }],
    synchronize: { configurationSection: CONFIGURATION_SECTION },
    // This client shows .docx/.pdf/… as `ogi-report-view:` documents (reports.ts): the server may point into them.
    initializationOptions: { reportViews: true },
  };
  client = new LanguageClient('ogiReport', 'OGI Report', serverOptions, clientOptions);
  const api: { activationMs: number | undefined; ready: Promise<void>; test?: TestHooks } = { activationMs: undefined, ready: Promise.resolve() };
  api.ready = client.start().then(() => {
    api.activationMs = Date.now() - started;
    client?.outputChannel.appendLine(`ogi-report: language server ready ${api.activationMs} ms after activation`);
  });

  registerDocumentReports(context, client, api.ready);

  // Plain .txt files that read like a report become ogi-report documents.
  const detect = (doc: vscode.TextDocument) => {
    if (doc.languageId !== 'plaintext') return;
    if (!vscode.workspace.getConfiguration(CONFIGURATION_SECTION, doc.uri).get<boolean>('detectLanguage', true)) return;
    if (looksLikeReport(doc.getText(new vscode.Range(0, 0, 400, 0)))) void vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
  };
  vscode.workspace.textDocuments.forEach(detect);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(detect));

  // 勾稽关系 ✓ / 勾稽关系 ✗ 2 / 表三 ✗ 1 for the report in the active editor (status.ts).
  const status = registerStatus(context, client, api.ready);
  const previews = registerPreview(context, client, api.ready);
  api.test = testHooks(previews, status, client);

  context.subscriptions.push(
    vscode.commands.registerCommand('ogiReport.insertTable', async (arg?: { table: string; format?: string }) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      let pick = arg;
      if (!pick) {
        const chosen = await vscode.window.showQuickPick(
          TABLES.map((t) => ({ label: en() ? t.en : t.zh, t })),
          { placeHolder: en() ? 'Statutory table to insert' : '选择要插入的法定表格' },
        );
        if (!chosen) return;
        pick = chosen.t;
      }
      await api.ready;
      const result = await client.sendRequest<TableTemplateResult | null>(TableTemplateRequest.method, {
        uri: editor.document.uri.toString(),
        table: pick.table,
        format: pick.format,
      });
      if (!result) return;
      const at = editor.selection.active;
      const lead = editor.document.lineAt(at.line).text.trim() === '' ? '' : '\n';
      await editor.insertSnippet(new vscode.SnippetString(lead + result.snippet + '\n'), at);
    }),
    vscode.commands.registerCommand('ogiReport.fixAll', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || doc.languageId !== LANGUAGE) return;
      const whole = new vscode.Range(0, 0, doc.lineCount, 0);
      const actions =
        // The server computes fix-all's edit on resolve: ask VS Code to resolve the one action.
        (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND.value, 1)) ?? [];
      const fixAll = actions.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind) && a.edit);
      if (fixAll?.edit) await vscode.workspace.applyEdit(fixAll.edit);
      else void vscode.window.showInformationMessage(en() ? 'Nothing to fix with certainty.' : '没有可确定修复的问题。');
    }),
    vscode.commands.registerCommand('ogiReport.restartServer', async () => {
      await client?.restart();
    }),
  );
  registerCrossYear(context, client);
  registerCheckFolder(context, client, api.ready);
  registerWriteProse(context);
  return api;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
