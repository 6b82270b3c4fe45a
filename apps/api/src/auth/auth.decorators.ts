import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Caller, unauthenticated } from '../../../../libs/core/src';
import { GraphqlContext } from '../common/graphql-context';

export const IS_PUBLIC = 'isPublic';

/** An operation anyone may call without a token (login). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The authenticated caller, as the guard loaded it. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = GqlExecutionContext.create(context).getContext<GraphqlContext>().req.caller;
  if (!caller) throw unauthenticated();
  return caller;
});
