import type { Request } from 'express';
import { Caller } from '../../../../libs/core/src';
import { RequestLoaders } from './request-loaders';

export interface AuthenticatedRequest extends Request {
  caller?: Caller;
}

export interface GraphqlContext {
  req: AuthenticatedRequest;
  loaders: RequestLoaders;
}
