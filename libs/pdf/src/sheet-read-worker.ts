import { parentPort } from 'node:worker_threads';
import { readSheet, SheetRefused } from './sheet-reader';

/** A read worker (sheet-read-pool.ts): reads one uploaded file, then the pool ends it. */
const port = parentPort;
if (!port) throw new Error('sheet-read-worker runs in a worker thread');

port.once('message', (bytes: Uint8Array) => {
  readSheet(bytes).then(
    (sheet) => port.postMessage({ type: 'sheet', sheet }),
    (error: unknown) =>
      port.postMessage(
        error instanceof SheetRefused
          ? { type: 'refused', message: error.message }
          : { type: 'failure', message: error instanceof Error ? error.message : String(error) },
      ),
  );
});
