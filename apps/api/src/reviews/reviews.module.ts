import { Module } from '@nestjs/common';
import { TreatmentsModule } from '../treatments/treatments.module';
import { DashboardResolver, SchoolStatsResolver } from './dashboard.resolver';
import { DashboardService } from './dashboard.service';
import {
  ReviewsResolver,
  ToolDeclarationReviewsResolver,
  TreatmentReviewsResolver,
  ViolationReviewsResolver,
} from './reviews.resolver';
import { ReviewsService } from './reviews.service';

/** The DPD's view: reviews of register entries, the academy dashboard and each school's stats. */
@Module({
  imports: [TreatmentsModule],
  providers: [
    ReviewsService,
    ReviewsResolver,
    TreatmentReviewsResolver,
    ToolDeclarationReviewsResolver,
    ViolationReviewsResolver,
    DashboardService,
    DashboardResolver,
    SchoolStatsResolver,
  ],
  exports: [ReviewsService, DashboardService],
})
export class ReviewsModule {}
