import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Caller, unauthenticated } from '@app/core';
import { GraphqlContext } from '../common/graphql-context';

export const IS_PUBLIC = 'isPublic';

/**
 * An operation or a Nest route anyone may call without a token (login, GET /health). Everything
 * else needs one: the guard (auth.guard.ts) is closed by default. On a controller class, it opens
 * every route of the class.
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The authenticated caller, as the guard loaded it. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = GqlExecutionContext.create(context).getContext<GraphqlContext>().req.caller;
  if (!caller) throw unauthenticated();
  return caller;
});
