// A checking thread of the CLI pool (pool.ts): batches of paths in, their outcomes out.
import { parentPort } from 'node:worker_threads';
import type { FileOptions } from './check-file.js';
import { checkAll } from './pool.js';

parentPort!.on('message', (batch: { id: number; paths: string[]; options: FileOptions }) => {
  void checkAll(batch.paths, batch.options).then((outcomes) => parentPort!.postMessage({ id: batch.id, outcomes }));
});
