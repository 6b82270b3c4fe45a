import { Module } from '@nestjs/common';

/** Filled in by the treatments issue: providers (service, resolvers), exports, controllers. */
@Module({})
export class TreatmentsModule {}
