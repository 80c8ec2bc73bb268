// "Check the whole folder": asks the server to check every report file of the workspace folders
// (ogiReport/checkFolder); their problems appear in the Problems panel without opening each file. The
// server reports progress itself (window/workDoneProgress); the summary is shown when it is done.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CheckFolderRequest, type CheckFolderResult } from '../../server/src/protocol.js';
import { t } from './l10n.js';

export function registerCheckFolder(context: vscode.ExtensionContext, client: LanguageClient, ready: Promise<void>): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ogiReport.checkFolder', async () => {
      if (!vscode.workspace.workspaceFolders?.length) {
        void vscode.window.showInformationMessage(t('Open a folder to check its reports.'));
        return;
      }
      await ready;
      const r = await client.sendRequest<CheckFolderResult>(CheckFolderRequest.method, {});
      const summary = t('Checked {0} report file(s): {1} with errors.', r.files, r.withErrors);
      const skipped = r.skipped ? t('{0} file(s) skipped (too large, unreadable or not a report).', r.skipped) : '';
      const show = r.withErrors ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      const open = t('Show problems');
      const choice = await show(skipped ? `${summary} ${skipped}` : summary, ...(r.withErrors ? [open] : []));
      if (choice === open) await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
  );
}
