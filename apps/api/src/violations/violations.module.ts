import { Module } from '@nestjs/common';
import { ViolationsResolver } from './violations.resolver';
import { ViolationsService } from './violations.service';

/** The breach register (art. 33.5). The service is exported for the domains that read violations. */
@Module({ providers: [ViolationsService, ViolationsResolver], exports: [ViolationsService] })
export class ViolationsModule {}
