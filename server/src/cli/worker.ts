// A checking thread of the CLI pool (pool.ts): batches of paths in, their outcomes out.
import { parentPort } from 'node:worker_threads';
import type { Locale } from '../core/rules.js';
import { checkOne } from './pool.js';

parentPort!.on('message', (batch: { id: number; paths: string[]; locale: Locale }) => {
  parentPort!.postMessage({ id: batch.id, outcomes: batch.paths.map((p) => checkOne(p, batch.locale)) });
});
