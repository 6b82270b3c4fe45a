import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';
import { PasswordHasher } from './password-hasher';

@Global()
@Module({
  controllers: [OidcController],
  providers: [
    AuthService,
    OidcService,
    PasswordHasher,
    LoginThrottle,
    AuthResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, PasswordHasher, LoginThrottle],
})
export class AuthModule {}
