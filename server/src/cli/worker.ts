// A checking thread of the CLI pool (pool.ts): batches of paths in, their outcomes out.
import { parentPort } from 'node:worker_threads';
import { type FileOptions, checkOne } from './check-file.js';

parentPort!.on('message', (batch: { id: number; paths: string[]; options: FileOptions }) => {
  parentPort!.postMessage({ id: batch.id, outcomes: batch.paths.map((p) => checkOne(p, batch.options)) });
});
