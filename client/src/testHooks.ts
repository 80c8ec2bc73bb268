// What the extension-host tests reach through the extension's API (activate's return value): the
// webview's DOM and the language status item are out of their reach otherwise. Nothing here changes state
// except postFromPreview, which does what a click in the page does.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PreviewManager } from './preview.js';
import type { StatusHandle } from './status.js';

export interface TestHooks {
  /** The HTML last drawn in the preview of `uri`; undefined when it has none. */
  previewHtml(uri: vscode.Uri): string | undefined;
  /** Fires with a document's uri each time its preview is drawn. */
  onDidUpdatePreview: vscode.Event<vscode.Uri>;
  /** Delivers a message to the preview of `uri` as its page would (a click posts {type:'reveal', …}). */
  postFromPreview(uri: vscode.Uri, message: unknown): Promise<vscode.TextEditor | undefined>;
  /** The language status item's words now. */
  status(): { text: string; detail: string | undefined; command: string | undefined; arguments: unknown[] | undefined };
  onDidChangeStatus: vscode.Event<void>;
  /** What the language server advertised in its initialize result. */
  serverCapabilities(): Record<string, unknown> | undefined;
}

export function testHooks(previews: PreviewManager, status: StatusHandle, client: LanguageClient): TestHooks {
  return {
    previewHtml: (uri) => previews.get(uri)?.html,
    onDidUpdatePreview: previews.onDidUpdate,
    postFromPreview: async (uri, message) => {
      const p = previews.get(uri);
      if (!p) throw new Error(`no preview open for ${uri.toString()}`);
      return p.onMessage(message);
    },
    status: () => ({ text: status.item.text, detail: status.item.detail, command: status.item.command?.command, arguments: status.item.command?.arguments }),
    onDidChangeStatus: status.onDidChange,
    serverCapabilities: () => client.initializeResult?.capabilities as Record<string, unknown> | undefined,
  };
}
