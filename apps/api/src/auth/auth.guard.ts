import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { unauthenticated } from '../../../../libs/core/src';
import { GraphqlContext } from '../common/graphql-context';
import { IS_PUBLIC } from './auth.decorators';
import { AuthService } from './auth.service';

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
    const token = bearerToken(req.headers.authorization);
    if (!token) throw unauthenticated();
    req.caller = await this.auth.authenticate(token);
    return true;
  }
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}
