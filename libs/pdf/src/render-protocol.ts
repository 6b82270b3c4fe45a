import type { DocumentContext } from './types';

/**
 * Messages between the API thread and a render worker. The worker lays the document out; the API
 * thread reads the entries from the database and hands them over a batch at a time, when the worker
 * asks for them, so neither side ever holds a whole register.
 */
export type SourceName = 'ACTIVE' | 'ARCHIVED' | 'violations' | 'declarations' | 'reviews' | 'rightsRequests';

export type ToWorker =
  | { type: 'render'; job: number; context: DocumentContext }
  | { type: 'batch'; job: number; request: number; items: unknown[]; done: boolean };

export type FromWorker =
  | { type: 'pull'; job: number; request: number; source: SourceName }
  | { type: 'result'; job: number; content: Uint8Array; pageCount: number }
  | { type: 'failure'; job: number; message: string };
