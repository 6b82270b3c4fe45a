import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/core';
import { UsersService } from './users.service';

/** ADMIN_EMAIL and ADMIN_PASSWORD: the first ADMIN, created once, untouched on later starts. */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_ACADEMY_CODE } = this.config;
    if (!ADMIN_EMAIL || !ADMIN_PASSWORD) return;
    await this.users.bootstrapAdmin(ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_ACADEMY_CODE);
    // the address itself stays out of the logs (docs/operations.md)
    this.logger.log(`Administrator account (ADMIN_EMAIL) is ready.`);
  }
}
