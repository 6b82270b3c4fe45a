import { Module } from '@nestjs/common';

/** Filled in by the declarations issue: providers (service, resolvers), exports, controllers. */
@Module({})
export class DeclarationsModule {}
