import { Module } from '@nestjs/common';
import { AccountResolver } from './account.resolver';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { RoleGrantResolver, UsersResolver } from './users.resolver';
import { UsersService } from './users.service';

@Module({
  providers: [UsersService, UsersResolver, RoleGrantResolver, AccountResolver, BootstrapAdminService],
  exports: [UsersService],
})
export class UsersModule {}
