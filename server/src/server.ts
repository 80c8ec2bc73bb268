// The bundle's entry (dist/server.js): a connection over stdio or node IPC, as the client chooses. The same
// bundle runs the server's document-reading thread (lsp/reader-thread.ts), which serves reads instead.
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { serveReads } from './lsp/reader-thread.js';
import { startServer } from './lsp/server.js';

if (isMainThread) {
  // Every edit of a large file leaves the previous text (megabytes, in V8's large-object space) as garbage;
  // with V8's default growing factor the heap grows to several times what is live before a full collection.
  // The server's own process collects once the heap has grown by half of what was live after the last collection.
  setFlagsFromString('--heap-growing-percent=50');
  startServer(createConnection(ProposedFeatures.all), { readerScript: __filename });
} else serveReads();
