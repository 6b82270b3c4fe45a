import { GraphqlContext } from '../common/graphql-context';
import { RequestLoaders } from '../common/request-loaders';
import { treatmentsThroughLinks, visibleTreatmentsThrough } from '../treatments/treatment.loaders';
import { Treatment } from '../treatments/treatment.model';
import { ViolationTreatmentEntity } from './violation.entity';

/** The treatments each violation concerns (every status), in reference order: two queries per page. */
export const treatmentsByViolation = (loaders: RequestLoaders) =>
  treatmentsThroughLinks(loaders, 'treatmentsByViolation', ViolationTreatmentEntity, 'violationId');

/** Violation.treatments: the treatments concerned that the caller reads (a TEACHER: the ACTIVE ones). */
export const visibleTreatmentsOf = (
  ctx: GraphqlContext,
  violationId: string,
): Treatment[] | Promise<Treatment[]> =>
  visibleTreatmentsThrough(ctx, treatmentsByViolation(ctx.loaders), violationId);
