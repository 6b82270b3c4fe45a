import { startWorker } from './render-pool';
import { ReadSheet, SheetRefused } from './sheet-reader';
import { Semaphore } from './semaphore';

/** Files read at once (one worker thread each) and files allowed to wait; beyond, `read` refuses. */
export const MAX_CONCURRENT_READS = 2;
export const MAX_WAITING_READS = 8;
/** A read worker's heap: a file that needs more is refused, the API keeps running. */
export const READ_WORKER_HEAP_MB = 256;
/** A read that takes longer is stopped and the file refused. */
export const READ_TIMEOUT_MS = 30_000;

const TOO_LARGE =
  'Fichier refusé : sa lecture demande trop de mémoire ou de temps (un registre de 2 000 lignes se lit en quelques secondes).';

/**
 * Reads uploaded spreadsheets in worker threads (sheet-reader.ts), off the API's event loop: one
 * short-lived worker per file, with a bounded heap and a time limit, so that a hostile file (a zip
 * bomb that slips past the checks, a pathological XML) costs a worker, never the API.
 */
export class SheetReadPool {
  private readonly semaphore = new Semaphore(MAX_CONCURRENT_READS, MAX_WAITING_READS);

  read(bytes: Buffer, onFull: () => Error): Promise<ReadSheet> {
    return this.semaphore.run(() => this.readInWorker(bytes), onFull);
  }

  private readInWorker(bytes: Buffer): Promise<ReadSheet> {
    const worker = startWorker('sheet-read-worker', { maxOldGenerationSizeMb: READ_WORKER_HEAP_MB });
    return new Promise<ReadSheet>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        outcome();
      };
      const timer = setTimeout(() => settle(() => reject(new SheetRefused(TOO_LARGE))), READ_TIMEOUT_MS);
      worker.on('message', (message: { type: string; sheet?: ReadSheet; message?: string }) => {
        if (message.type === 'sheet') settle(() => resolve(message.sheet as ReadSheet));
        else if (message.type === 'refused') settle(() => reject(new SheetRefused(message.message)));
        else settle(() => reject(new Error(`Spreadsheet reading failed in the worker: ${message.message}`)));
      });
      // out of memory (ERR_WORKER_OUT_OF_MEMORY) or any death: the file is what it could not read
      worker.on('error', () => settle(() => reject(new SheetRefused(TOO_LARGE))));
      worker.on('exit', () => settle(() => reject(new SheetRefused(TOO_LARGE))));
      const copy = new Uint8Array(bytes);
      worker.postMessage(copy, [copy.buffer]);
    });
  }
}
