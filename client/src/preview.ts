// The table preview beside a report, after Markdown's (extensions/markdown-language-features/src/preview):
// one webview panel per document, live (re-asked ~150 ms after the last change; only the answer for the
// document's current version is drawn), a click on a cell selects it in the text, and the preview
// follows the table under the cursor. The page is outputs/preview.ts's previewDocument under a strict
// CSP with one nonce'd script (media/preview.js); its HTML comes from the server, where every piece of
// document text is escaped.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { previewDocument } from '../../server/src/outputs/preview.js';
import { LANGUAGE_ID, PreviewRequest, type PreviewResult } from '../../server/src/protocol.js';
import { effectiveLocale, t } from './l10n.js';

export const PREVIEW_VIEW_TYPE = 'ogiReport.preview';
const DEBOUNCE_MS = 150;

/** What media/preview.js posts when a cell is clicked (or Enter pressed on it). */
export interface RevealMessage {
  type: 'reveal';
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
export function isRevealMessage(m: unknown): m is RevealMessage {
  const r = m as RevealMessage;
  return !!r && typeof r === 'object' && r.type === 'reveal' && isCount(r.line) && isCount(r.character) && isCount(r.endLine) && isCount(r.endCharacter);
}

class Preview implements vscode.Disposable {
  /** The HTML last given to the page (the first load or an update): the tests read it. */
  html: string | undefined;
  private applied = -1;
  private asked = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly uri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly manager: PreviewManager,
  ) {
    this.disposables.push(panel.webview.onDidReceiveMessage((m) => void this.onMessage(m)));
  }

  /** Asks the server for the tables of the document's current version; draws the answer if still current. */
  async refresh(): Promise<void> {
    const doc = this.document();
    const mine = ++this.asked;
    let r: PreviewResult | null;
    try {
      await this.manager.ready;
      r = await this.manager.client.sendRequest<PreviewResult | null>(PreviewRequest.method, { uri: this.uri.toString() });
    } catch {
      return; // the server restarting or the request cancelled: the next change asks again
    }
    // Only the latest answer, for the version now in the editor, is drawn.
    if (!r || mine !== this.asked || r.version <= this.applied) return;
    if (doc && !doc.isClosed && r.version !== doc.version) return;
    this.applied = r.version;
    this.draw(r.html);
  }

  scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, DEBOUNCE_MS);
  }

  private draw(html: string): void {
    const first = this.html === undefined;
    this.html = html;
    if (first) this.panel.webview.html = this.page(html);
    else void this.panel.webview.postMessage({ type: 'update', html });
    this.manager.fire(this.uri);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
    if (editor) this.focus(editor.selection.active.line);
  }

  /** Reloads the page (after a locale change), keeping the tables. */
  reload(): void {
    this.panel.webview.html = this.page(this.html ?? '');
  }

  private page(body: string): string {
    const webview = this.panel.webview;
    return previewDocument({
      body,
      nonce: randomBytes(16).toString('hex'),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.manager.media, 'preview.js')).toString(),
      locale: effectiveLocale(),
    });
  }

  focus(line: number): void {
    void this.panel.webview.postMessage({ type: 'focus', line });
  }

  document(): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString());
  }

  /** The handler of the page's messages (also called by the tests, as a click would). */
  async onMessage(m: unknown): Promise<vscode.TextEditor | undefined> {
    if (!isRevealMessage(m)) return undefined;
    const doc = this.document() ?? (await vscode.workspace.openTextDocument(this.uri));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: false,
      preview: false,
    });
    const range = doc.validateRange(new vscode.Range(m.line, m.character, m.endLine, m.endCharacter));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

export class PreviewManager implements vscode.Disposable {
  private readonly previews = new Map<string, Preview>();
  private readonly updated = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with the document's uri each time its preview is drawn. */
  readonly onDidUpdate = this.updated.event;
  readonly media: vscode.Uri;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    context: vscode.ExtensionContext,
    readonly client: LanguageClient,
    readonly ready: Promise<void>,
  ) {
    this.media = vscode.Uri.joinPath(context.extensionUri, 'media');
    this.disposables.push(
      this.updated,
      vscode.workspace.onDidChangeTextDocument((e) => this.previews.get(e.document.uri.toString())?.scheduleRefresh()),
      vscode.window.onDidChangeTextEditorSelection((e) => this.previews.get(e.textEditor.document.uri.toString())?.focus(e.selections[0].active.line)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ogiReport')) for (const p of this.previews.values()) (p.reload(), p.scheduleRefresh());
      }),
    );
  }

  fire(uri: vscode.Uri): void {
    this.updated.fire(uri);
  }

  /** ogiReport.showPreview: the uri given (the code lens passes its document's) or the active report's. */
  async show(arg?: vscode.Uri | string): Promise<void> {
    const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg instanceof vscode.Uri ? arg : this.activeReport();
    if (!uri) {
      void vscode.window.showInformationMessage(t('Open a report to preview its tables.'));
      return;
    }
    const key = uri.toString();
    const open = this.previews.get(key);
    if (open) {
      open.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      t('Preview: {0}', path.basename(uri.path)),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      // Scripts for our one nonce'd script; nothing but the media folder can be loaded.
      { enableScripts: true, localResourceRoots: [this.media], enableFindWidget: true },
    );
    const preview = new Preview(uri, panel, this);
    this.previews.set(key, preview);
    panel.onDidDispose(() => {
      preview.dispose();
      if (this.previews.get(key) === preview) this.previews.delete(key);
    });
    await preview.refresh();
  }

  private activeReport(): vscode.Uri | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && doc.languageId === LANGUAGE_ID ? doc.uri : undefined;
  }

  /** For the tests: the preview of a document, if one is open. */
  get(uri: vscode.Uri): Preview | undefined {
    return this.previews.get(uri.toString());
  }

  dispose(): void {
    for (const p of this.previews.values()) p.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient, ready: Promise<void>): PreviewManager {
  const manager = new PreviewManager(context, client, ready);
  context.subscriptions.push(manager, vscode.commands.registerCommand('ogiReport.showPreview', (uri?: vscode.Uri | string) => manager.show(uri)));
  return manager;
}

