import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, AppConfig, Caller } from '@app/core';
import { CurrentCaller, Public } from '../auth/auth.decorators';
import { AuthService } from '../auth/auth.service';
import { setSessionCookie } from '../auth/session-cookie';
import { GraphqlContext } from '../common/graphql-context';
import { AccountEmails } from '../notifications/account-emails.service';
import { AuthPayload, User } from './user.model';
import { UsersService } from './users.service';

/** The account e-mails' mutations (RULES.md, "Alert chain and notifications": account e-mails). */
@Resolver()
export class AccountResolver {
  constructor(
    private readonly users: UsersService,
    private readonly accounts: AccountEmails,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Mutation(() => Boolean, {
    description: 'always true, whether or not the address is known: no account enumeration',
  })
  requestPasswordReset(@Args('email') email: string, @Context() ctx: GraphqlContext): Promise<boolean> {
    return this.accounts.requestPasswordReset(email, ctx.req.ip ?? 'unknown');
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'a token from an invitation or reset e-mail, used once' })
  async resetPassword(
    @Args('token') token: string,
    @Args('newPassword') newPassword: string,
    @Context() ctx: GraphqlContext,
  ): Promise<AuthPayload> {
    const session = await this.users.resetPassword(token, newPassword, ctx.req.ip ?? 'unknown');
    // as after a login: the payload's user is read as the caller it now is, and the web app's cookie is set
    ctx.req.caller = (await this.auth.loadCaller(session.user.id)) ?? undefined;
    if (ctx.req.res) setSessionCookie(ctx.req.res, this.config, session.token, session.expiresAt);
    return { token: session.token, expiresAt: session.expiresAt, user: User.from(session.user) };
  }

  @Mutation(() => Boolean, {
    description: 'sends the invitation again (HEAD for its teachers, ADMIN for anyone)',
  })
  resendInvitation(
    @CurrentCaller() caller: Caller,
    @Args('userId', { type: () => ID }) userId: string,
  ): Promise<boolean> {
    return this.users.resendInvitation(caller, userId);
  }
}
