import type { Request } from 'express';
import { Caller, unauthenticated } from '@app/core';
import { RequestLoaders } from './request-loaders';

export interface AuthenticatedRequest extends Request {
  caller?: Caller;
}

export interface GraphqlContext {
  req: AuthenticatedRequest;
  loaders: RequestLoaders;
}

/** The authenticated caller of the request (the guard has set it for every operation but login). */
export function callerOf(ctx: GraphqlContext): Caller {
  if (!ctx.req.caller) throw unauthenticated();
  return ctx.req.caller;
}
