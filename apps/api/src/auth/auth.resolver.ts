import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, AppConfig } from '@app/core';
import { GraphqlContext } from '../common/graphql-context';
import { AuthPayload, User } from '../users/user.model';
import { Caller } from '@app/core';
import { AuditedTransactions } from '../audit/audited-transaction.service';
import { CurrentCaller, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { requestToken } from './auth.guard';
import { LoginOptions } from './login-options.model';
import { OidcService } from './oidc/oidc.service';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: AuditedTransactions,
    private readonly oidc: OidcService,
  ) {}

  @Public()
  @Query(() => LoginOptions, { description: 'what the login page offers (anyone may ask)' })
  loginOptions(): LoginOptions {
    return { sso: this.config.oidc !== null, localLogin: this.config.LOCAL_LOGIN };
  }

  @Public()
  @Mutation(() => AuthPayload)
  async login(
    @Args('email') email: string,
    @Args('password') password: string,
    @Context() ctx: GraphqlContext,
  ): Promise<AuthPayload> {
    const { token, expiresAt, user } = await this.auth.login(email, password, ctx.req.ip ?? 'unknown');
    // the payload's user is read as the caller it now is (its grants resolve in the same response)
    ctx.req.caller = (await this.auth.loadCaller(user.id)) ?? undefined;
    // the web app's session: the same token, in a cookie its scripts cannot read
    if (ctx.req.res) setSessionCookie(ctx.req.res, this.config, token, expiresAt);
    return { token, expiresAt, user: User.from(user) };
  }

  /** Ends the browser's session: clears the session cookie (a bearer token simply stops being sent). */
  @Public()
  @Mutation(() => Boolean, { description: "clears the web app's session cookie" })
  logout(@Context() ctx: GraphqlContext): boolean {
    if (ctx.req.res) clearSessionCookie(ctx.req.res, this.config);
    return true;
  }

  /**
   * logout, and for a session opened through the académie's identity provider, the address that
   * ends the provider's session too (the web app sends the browser there).
   */
  @Public()
  @Mutation(() => String, {
    nullable: true,
    description:
      "clears the web app's session cookie, as logout does; for a session opened through the académie's identity provider, when it offers an end-session endpoint, answers the address where the browser ends that session too (then comes back to /connexion); null otherwise",
  })
  async endSession(@Context() ctx: GraphqlContext): Promise<string | null> {
    const token = requestToken(ctx.req);
    const method = token ? await this.auth.sessionMethod(token) : null;
    if (ctx.req.res) clearSessionCookie(ctx.req.res, this.config);
    return method === 'sso' && this.config.oidc ? this.oidc.endSessionUrl() : null;
  }

  @Mutation(() => Boolean, {
    description:
      'se déconnecter partout: ends every session of the caller, on every device, this one included',
  })
  logoutEverywhere(@CurrentCaller() caller: Caller): Promise<boolean> {
    return this.tx.run(caller, async ({ em, audit }) => {
      const generation = await this.auth.revokeSessions(em, caller.userId);
      audit({
        action: 'UPDATE',
        entityType: 'User',
        entityId: caller.userId,
        academyId: caller.academyId,
        changes: { sessionGeneration: [generation - 1, generation] },
      });
      return true;
    });
  }
}
