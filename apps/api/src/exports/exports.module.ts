import { Module } from '@nestjs/common';

/** Filled in by the exports issue: providers (service, resolvers), exports, controllers. */
@Module({})
export class ExportsModule {}
