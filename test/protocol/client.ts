// A real JSON-RPC LSP client for the protocol tests and the latency benchmark. It speaks to the bundled
// dist/server.js over stdio, as an editor would, or (inProcess) to startServer over a pair of in-memory
// streams, so that a test can reach the server's code directly.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  type ClientCapabilities,
  type Diagnostic,
  type InitializeParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { LANGUAGE_ID } from '../../server/src/protocol.js';
import { startServer } from '../../server/src/lsp/server.js';

export const ROOT = new URL('../..', import.meta.url).pathname;

/** What VS Code declares for the features this server has (abridged). */
export const VSCODE_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: true },
    completion: { completionItem: { snippetSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } },
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
    },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
  },
  workspace: { workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: true } },
};

/** What Emacs' eglot declares (abridged): plain-text hovers, no dynamic registration, no resolve. */
export const EGLOT_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: false } },
    hover: { contentFormat: ['plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
    publishDiagnostics: { relatedInformation: false },
  },
  workspace: { workspaceEdit: { documentChanges: true }, configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
};

export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly proc?: ChildProcess;
  private readonly waiters: { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** window/logMessage and window/showMessage texts, in order. */
  readonly logs: string[] = [];
  readonly shown: string[] = [];
  /** client/registerCapability registrations received. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** How workspace/configuration is answered (the settings of each requested item). */
  configuration: (params: { items: unknown[] }) => Promise<unknown[]> | unknown[] = (p) => p.items.map(() => null);
  stderr = '';

  constructor(mode: 'spawn' | 'inProcess' = 'spawn') {
    if (mode === 'spawn') {
      this.proc = spawn(process.execPath, [join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      this.proc.stderr!.on('data', (d) => (this.stderr += String(d)));
      this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    } else {
      const toServer = new PassThrough();
      const toClient = new PassThrough();
      startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)));
      this.connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    }
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && (w.version === undefined || p.version === w.version)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => this.configuration(p));
    this.connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
      this.shown.push(p.message);
      return null;
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => void this.logs.push(p.message));
    this.connection.onNotification('window/showMessage', (p: { message: string }) => void this.shown.push(p.message));
    this.connection.listen();
  }

  async initialize(
    options: { locale?: string; snippets?: boolean; configurationPull?: boolean; capabilities?: ClientCapabilities; workspaceFolders?: string[]; initializationOptions?: unknown } = {},
  ): Promise<unknown> {
    const base = options.capabilities ?? VSCODE_CAPABILITIES;
    const capabilities: ClientCapabilities = {
      ...base,
      textDocument: { ...base.textDocument, completion: { completionItem: { snippetSupport: options.snippets ?? base.textDocument?.completion?.completionItem?.snippetSupport } } },
      workspace: { ...base.workspace, configuration: options.configurationPull ?? base.workspace?.configuration ?? false },
    };
    const params: InitializeParams = {
      processId: this.proc ? process.pid : null,
      rootUri: null,
      locale: options.locale ?? 'zh-cn',
      capabilities,
      ...(options.workspaceFolders ? { workspaceFolders: options.workspaceFolders.map((uri) => ({ uri, name: uri })) } : {}),
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
    };
    const result = await this.connection.sendRequest('initialize', params);
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next diagnostics published for uri (and version, if given). */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  /** The diagnostics published for uri once they satisfy `ok` (those published already, or the next ones that do). */
  async until(uri: string, ok: (ds: Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = this.published.get(uri);
      if (now && ok(now.diagnostics)) return now.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics of the kind expected for ${uri} within ${timeoutMs} ms: ${JSON.stringify(now?.diagnostics.map((d) => d.message))}`);
      await Promise.race([this.diagnostics(uri), new Promise((resolve) => setTimeout(resolve, Math.min(left, 500)))]);
    }
  }

  async open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
    const wait = this.diagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: LANGUAGE_ID, version, text } });
    return (await wait).diagnostics;
  }

  async change(uri: string, version: number, changes: unknown[]): Promise<Diagnostic[]> {
    const wait = this.diagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return (await wait).diagnostics;
  }

  request<T>(method: string, params?: unknown): Promise<T> {
    return (params === undefined ? this.connection.sendRequest(method) : this.connection.sendRequest(method, params)) as Promise<T>;
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      // In process, `exit` would end the test run itself (the library calls process.exit).
      if (this.proc) await this.connection.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.connection.dispose();
    if (this.proc && this.proc.exitCode === null) this.proc.kill();
  }

  get alive(): boolean {
    return this.proc ? this.proc.exitCode === null : true;
  }

  /** The spawned server's process id (undefined for a server in this process). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** The server's log line for a finished background reading of the workspace's documents (server.ts readDocumentsSoon), once there is one. */
  documentsRead(): string | undefined {
    return this.logs.find((l) => /read \d+ document\(s\) of the workspace/.test(l));
  }
}
