import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { GraphqlContext } from '../common/graphql-context';
import { AuthPayload, User } from '../users/user.model';
import { Caller } from '../../../../libs/core/src';
import { AuditedTransactions } from '../audit/audited-transaction.service';
import { CurrentCaller, Public } from './auth.decorators';
import { AuthService } from './auth.service';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly tx: AuditedTransactions,
  ) {}

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
    return { token, expiresAt, user: User.from(user) };
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
