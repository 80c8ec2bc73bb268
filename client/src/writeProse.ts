// "Write the prose from the tables" as a command: the server's write-prose code action for part 三 or 四
// at the cursor (kind refactor.rewrite.prose), applied. Two parts under the selection: the user picks.
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../server/src/protocol.js';
import { t } from './l10n.js';

const WRITE_PROSE = vscode.CodeActionKind.RefactorRewrite.append('prose');

export function registerWriteProse(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ogiReport.writeProse', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
      const actions =
        (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, editor.selection, WRITE_PROSE.value)) ?? [];
      const found = actions.filter((a) => a.kind && WRITE_PROSE.contains(a.kind) && a.edit);
      if (!found.length) {
        void vscode.window.showInformationMessage(t('Put the cursor in part 3 or 4 (its heading, table or prose) of a report whose table can be read.'));
        return;
      }
      const chosen = found.length === 1 ? found[0] : (await vscode.window.showQuickPick(found.map((a) => ({ label: a.title, a }))))?.a;
      if (chosen?.edit) await vscode.workspace.applyEdit(chosen.edit);
    }),
  );
}
