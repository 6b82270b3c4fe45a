import { Module } from '@nestjs/common';

/** Filled in by the reviews issue: providers (service, resolvers), exports, controllers. */
@Module({})
export class ReviewsModule {}
