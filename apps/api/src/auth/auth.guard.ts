import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { IncomingHttpHeaders } from 'node:http';
import { unauthenticated } from '../../../../libs/core/src';
import { GraphqlContext } from '../common/graphql-context';
import { IS_PUBLIC } from './auth.decorators';
import { AuthService } from './auth.service';
import { sessionCookie } from './session-cookie';

/** Authenticates every GraphQL operation but those marked @Public(), and loads the caller's grants. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const { req } = GqlExecutionContext.create(context).getContext<GraphqlContext>();
    if (req.caller) return true;
    const token = requestToken(req);
    if (!token) throw unauthenticated();
    req.caller = await this.auth.authenticate(token);
    return true;
  }
}

/**
 * The token a request carries: the bearer header (API clients) or else the session cookie (the web
 * app). The one place that reads either; every route that authenticates calls it.
 */
export function requestToken(req: { headers: IncomingHttpHeaders }): string | null {
  return bearerToken(req.headers.authorization) ?? sessionCookie(req.headers.cookie);
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}
