import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'how one may log in: what the login page offers' })
export class LoginOptions {
  @Field({
    description: "the académie's identity provider is configured: GET /auth/oidc/login starts its login",
  })
  sso: boolean;

  @Field({
    description: 'the password login is open to every account (LOCAL_LOGIN); false: to ADMIN accounts only',
  })
  localLogin: boolean;
}
