// "Start this year's report from last year's": asks the server to write next year's report from the
// active one (ogiReport/nextYearReport) and opens it as a new, unsaved ogi-report document.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID, NextYearReportRequest, type NextYearReportResult } from '../../server/src/protocol.js';

const en = () => vscode.env.language.toLowerCase().startsWith('en');

export function registerCrossYear(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ogiReport.nextYearReport', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || doc.languageId !== LANGUAGE_ID) return;
      const result = await client.sendRequest<NextYearReportResult | null>(NextYearReportRequest.method, { uri: doc.uri.toString() });
      if (!result) {
        void vscode.window.showWarningMessage(en() ? 'This report names no year: cannot start next year’s from it.' : '此报告未写明年度，无法据此生成下一年度报告。');
        return;
      }
      // Untitled, named beside last year's file: saving asks where, starting there.
      const folder = doc.uri.scheme === 'file' ? vscode.Uri.joinPath(doc.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = folder ? vscode.Uri.joinPath(folder, result.suggestedName).with({ scheme: 'untitled' }) : vscode.Uri.parse(`untitled:${result.suggestedName}`);
      const created = await vscode.workspace.openTextDocument(target);
      const editor = await vscode.window.showTextDocument(created);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), result.text));
      if (created.languageId !== LANGUAGE_ID) await vscode.languages.setTextDocumentLanguage(created, LANGUAGE_ID);
    }),
  );
}
