import { Module } from '@nestjs/common';
import { RightsRequestsResolver } from './rights-requests.resolver';
import { RightsRequestsService } from './rights-requests.service';

/** The register of requests to exercise data-protection rights (art. 12 and 15–22). */
@Module({ providers: [RightsRequestsService, RightsRequestsResolver], exports: [RightsRequestsService] })
export class RightsRequestsModule {}
