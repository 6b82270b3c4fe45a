import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { Caller } from '../../../../libs/core/src';

/**
 * What the code below the services may know of the request it serves, without being handed it:
 * the caller, once the auth guard (or a successful login) has identified it. The store is mutable
 * because it is opened before anyone is authenticated.
 */
export interface RequestStore {
  caller?: Caller;
}

/**
 * One store per HTTP request. AsyncLocalStorage follows the request through promises, timers and
 * DataLoader batches, so the tenant-isolation subscriber reads the right caller wherever a query runs.
 */
export const requestContext = new AsyncLocalStorage<RequestStore>();

/** Express middleware, first in the chain: every request runs inside its own empty store. */
export function requestContextMiddleware(_req: Request, _res: Response, next: NextFunction): void {
  requestContext.run({}, next);
}

/** The caller of the request being served, if any (none at login, start-up, in seeds and scripts). */
export function currentCaller(): Caller | undefined {
  return requestContext.getStore()?.caller;
}

/** Records the authenticated caller in the current request's store (no-op outside a request). */
export function setCurrentCaller(caller: Caller | undefined): void {
  const store = requestContext.getStore();
  if (store) store.caller = caller;
}
