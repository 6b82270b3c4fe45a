import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { GraphqlContext } from '../common/graphql-context';
import { AuthPayload, User } from '../users/user.model';
import { Public } from './auth.decorators';
import { AuthService } from './auth.service';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

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
}
