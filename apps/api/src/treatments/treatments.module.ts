import { Module } from '@nestjs/common';
import { TreatmentsResolver } from './treatments.resolver';
import { TreatmentsService } from './treatments.service';

/** The record of processing activities (art. 30). Declarations file approved tools through the service. */
@Module({ providers: [TreatmentsService, TreatmentsResolver], exports: [TreatmentsService] })
export class TreatmentsModule {}
