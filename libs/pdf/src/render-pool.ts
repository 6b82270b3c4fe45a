import { AsyncResource } from 'node:async_hooks';
import { extname, join } from 'node:path';
import { ResourceLimits, Worker } from 'node:worker_threads';
import type { FromWorker, SourceName, ToWorker } from './render-protocol';
import { Semaphore } from './semaphore';
import type { DocumentContext, ExportSources, RenderedPdf } from './types';

export type Render = (context: DocumentContext, sources: ExportSources) => Promise<RenderedPdf>;

/** Entries handed to a worker per request. */
export const PULL_BATCH = 50;

/** A 100-treatment dossier (about 110 pages) takes some 30 MB of heap in its worker: ample room. */
export const DEFAULT_WORKER_HEAP_MB = 512;

/**
 * Renders documents in worker threads, off the API's event loop: the layout of a long register
 * (hundreds of milliseconds of CPU) does not hold other requests in line behind it. It still takes
 * CPU: on a machine with few cores, requests slow down while it runs (bench/export.bench.ts
 * measures by how much). At most `size` documents render at
 * once, one per worker; up to `maxWaiting` more wait for a worker, beyond that `render` refuses.
 *
 * The entries stay where the database is: the worker asks for them batch by batch, and the API
 * thread reads each batch from `sources` only when asked, so memory holds one batch per render
 * plus the document itself. Workers start on first use and are kept for the next render; a worker
 * that failed is replaced.
 */
export class RenderPool {
  private readonly semaphore: Semaphore;
  private readonly idle: Worker[] = [];
  private readonly workers = new Set<Worker>();
  private jobs = 0;
  private closed = false;
  /** the renders in progress, which close() lets finish */
  private readonly busy = new Set<Promise<unknown>>();

  constructor(
    readonly size: number,
    maxWaiting: number,
    /** heap of each worker: a document too large for it fails alone, the API keeps running */
    private readonly maxHeapMb = DEFAULT_WORKER_HEAP_MB,
  ) {
    this.semaphore = new Semaphore(size, maxWaiting);
  }

  render(context: DocumentContext, sources: ExportSources, onFull: () => Error): Promise<RenderedPdf> {
    return this.withWorker((render) => render(context, sources), onFull);
  }

  /**
   * Waits for a free worker (or refuses with `onFull()` when the line is full), then runs `task`,
   * which renders one document with it: what the task prepares (a database snapshot) is only held
   * once a worker is there to use it.
   */
  withWorker<T>(task: (render: Render) => Promise<T>, onFull: () => Error): Promise<T> {
    return this.semaphore.run(() => task((context, sources) => this.run(context, sources)), onFull);
  }

  /** Renders holding a worker now (metrics). */
  get active(): number {
    return this.semaphore.active;
  }

  /** Renders waiting for a free worker (metrics). */
  get waiting(): number {
    return this.semaphore.queued;
  }

  /** Worker threads alive (busy or idle). */
  get workerCount(): number {
    return this.workers.size;
  }

  /**
   * Stops every worker (at application shutdown): the idle ones at once, the busy ones once their
   * current document is rendered (a graceful stop lets the requests in flight finish); a render
   * that had not started yet is refused.
   */
  async close(): Promise<void> {
    this.closed = true;
    const idle = this.idle.splice(0);
    await Promise.all(idle.map((worker) => worker.terminate()));
    await Promise.allSettled([...this.busy]);
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
    this.workers.clear();
  }

  private async run(context: DocumentContext, sources: ExportSources): Promise<RenderedPdf> {
    if (this.closed) throw new Error('The render pool is closed');
    const worker = this.idle.pop() ?? this.spawn();
    worker.ref();
    let reusable = false;
    const rendering = this.job(worker, context, sources);
    this.busy.add(rendering);
    try {
      const rendered = await rendering;
      reusable = true;
      return rendered;
    } finally {
      this.busy.delete(rendering);
      if (reusable && !this.closed) {
        worker.unref();
        this.idle.push(worker);
      } else {
        this.workers.delete(worker);
        void worker.terminate();
      }
    }
  }

  private job(worker: Worker, context: DocumentContext, sources: ExportSources): Promise<RenderedPdf> {
    const job = ++this.jobs;
    const iterators = new Map<SourceName, AsyncIterator<unknown>>();
    const iterator = (source: SourceName): AsyncIterator<unknown> => {
      let it = iterators.get(source);
      if (!it) {
        const iterable: AsyncIterable<unknown> =
          source === 'ACTIVE' || source === 'ARCHIVED'
            ? sources.treatments(source)
            : source === 'violations'
              ? sources.violations()
              : source === 'declarations'
                ? sources.openDeclarations()
                : source === 'rightsRequests'
                  ? sources.rightsRequests()
                  : sources.reviews();
        it = iterable[Symbol.asyncIterator]();
        iterators.set(source, it);
      }
      return it;
    };
    const serve = async (request: number, source: SourceName) => {
      const it = iterator(source);
      const items: unknown[] = [];
      let done = false;
      while (items.length < PULL_BATCH) {
        const next = await it.next();
        if (next.done) {
          done = true;
          break;
        }
        items.push(next.value);
      }
      worker.postMessage({ type: 'batch', job, request, items, done } satisfies ToWorker);
    };

    return new Promise<RenderedPdf>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        // readers left half-way (a failure) release what they hold
        for (const it of iterators.values()) void it.return?.().catch(() => undefined);
        outcome();
      };
      const fail = (error: unknown) =>
        settle(() => reject(error instanceof Error ? error : new Error(String(error as string))));
      const onError = (error: unknown) => fail(error);
      const onExit = (code: number) => fail(new Error(`The PDF render worker stopped (exit code ${code})`));
      // the worker's events arrive in the async context the worker was started in (an earlier
      // request): the batches are read in this render's, for whatever follows a request's context
      const onMessage = AsyncResource.bind((message: FromWorker) => {
        if (message.job !== job) return;
        if (message.type === 'pull') {
          serve(message.request, message.source).catch(fail);
        } else if (message.type === 'result') {
          const { content, pageCount } = message;
          const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
          settle(() => resolve({ content: buffer, pageCount }));
        } else {
          fail(new Error(`PDF rendering failed in the worker: ${message.message}`));
        }
      });
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ type: 'render', job, context } satisfies ToWorker);
    });
  }

  private spawn(): Worker {
    const worker = startWorker('render-worker', { maxOldGenerationSizeMb: this.maxHeapMb });
    this.workers.add(worker);
    // an idle worker that dies is forgotten; a busy one fails its job (see `job`)
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      this.workers.delete(worker);
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
    });
    return worker;
  }
}

/**
 * The compiled worker `name` next to this file; from TypeScript sources (ts-jest, ts-node) the worker
 * thread registers ts-node itself first, since the parent's compiler hooks do not reach it.
 */
export function startWorker(name: string, resourceLimits: ResourceLimits): Worker {
  const extension = extname(__filename);
  const entry = join(__dirname, `${name}${extension}`);
  if (extension !== '.ts') return new Worker(entry, { resourceLimits });
  const tsNode = require.resolve('ts-node');
  const bootstrap = [
    `require(${JSON.stringify(tsNode)}).register({ transpileOnly: true, projectSearchDir: ${JSON.stringify(__dirname)} });`,
    `require(${JSON.stringify(entry)});`,
  ].join('\n');
  return new Worker(bootstrap, { eval: true, resourceLimits });
}
