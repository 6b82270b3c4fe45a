import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { IncomingHttpHeaders } from 'node:http';
import { unauthenticated } from '@app/core';
import { GraphqlContext } from '../common/graphql-context';
import { IS_PUBLIC } from './auth.decorators';
import { AuthService } from './auth.service';
import { sessionCookie } from './session-cookie';

/**
 * Closed by default: every GraphQL operation and every Nest route (controller) needs a valid bearer
 * token, except those marked @Public() (login, GET /health, the download, which authenticates
 * itself to answer 404 to everyone not allowed, GET /auth/oidc/login and /auth/oidc/callback, where
 * the browser comes without a session and the provider's answer is checked by OidcService). The caller and its grants are loaded on the request.
 * Plain express middleware (the GraphiQL page's files) is not a Nest route and is not guarded.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const req = requestOf(context);
    if (req.caller) return true;
    const token = requestToken(req);
    if (!token) throw unauthenticated();
    req.caller = await this.auth.authenticate(token);
    return true;
  }
}

/** The HTTP request of a GraphQL operation or of a Nest route (any other transport is refused). */
function requestOf(context: ExecutionContext): GraphqlContext['req'] {
  const type = context.getType<string>();
  if (type === 'graphql') return GqlExecutionContext.create(context).getContext<GraphqlContext>().req;
  if (type === 'http') return context.switchToHttp().getRequest<GraphqlContext['req']>();
  throw unauthenticated();
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
