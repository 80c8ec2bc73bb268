// The bundle's entry (dist/server.js): a connection over stdio or node IPC, as the client chooses.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './lsp/server.js';

startServer(createConnection(ProposedFeatures.all));
