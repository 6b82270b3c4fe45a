import { Module } from '@nestjs/common';

/** Filled in by the violations issue: providers (service, resolvers), exports, controllers. */
@Module({})
export class ViolationsModule {}
