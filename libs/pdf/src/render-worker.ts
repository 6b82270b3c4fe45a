import { parentPort } from 'node:worker_threads';
import { renderDocument } from './documents';
import { renderSpreadsheet } from './spreadsheet';
import type { FromWorker, SourceName, ToWorker } from './render-protocol';
import type { ExportSources } from './types';

/**
 * A render worker (see render-pool.ts): renders one document at a time (PDF or spreadsheet), pulling its entries from
 * the API thread batch by batch.
 */
const port = parentPort;
if (!port) throw new Error('render-worker runs in a worker thread');

let requests = 0;
const pending = new Map<number, (batch: { items: unknown[]; done: boolean }) => void>();

function pull(job: number, source: SourceName): Promise<{ items: unknown[]; done: boolean }> {
  const request = ++requests;
  return new Promise((resolve) => {
    pending.set(request, resolve);
    port!.postMessage({ type: 'pull', job, request, source } satisfies FromWorker);
  });
}

function remote<T>(job: number, source: SourceName): AsyncIterable<T> {
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const { items, done } = await pull(job, source);
        for (const item of items) yield item as T;
        if (done) return;
      }
    },
  };
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'batch') {
    const resolve = pending.get(message.request);
    pending.delete(message.request);
    resolve?.({ items: message.items, done: message.done });
    return;
  }
  const { job, context } = message;
  const sources: ExportSources = {
    treatments: (status) => remote(job, status),
    violations: () => remote(job, 'violations'),
    openDeclarations: () => remote(job, 'declarations'),
    reviews: () => remote(job, 'reviews'),
    rightsRequests: () => remote(job, 'rightsRequests'),
  };
  const format = context.format ?? 'PDF';
  const rendering =
    format === 'PDF' ? renderDocument(context, sources) : renderSpreadsheet(context, sources, format);
  rendering.then(
    ({ content, pageCount }) => {
      // a copy that owns its memory, handed over without copying again
      const bytes = new Uint8Array(content);
      port.postMessage({ type: 'result', job, content: bytes, pageCount } satisfies FromWorker, [
        bytes.buffer,
      ]);
    },
    (error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      port.postMessage({ type: 'failure', job, message: text } satisfies FromWorker);
    },
  );
});
