import { GraphqlContext } from '../common/graphql-context';
import { RequestLoaders } from '../common/request-loaders';
import { treatmentsThroughLinks, visibleTreatmentsThrough } from '../treatments/treatment.loaders';
import { Treatment } from '../treatments/treatment.model';
import { RightsRequestTreatmentEntity } from './rights-request.entity';

/** The treatments each request concerns (every status), in reference order: two queries per page. */
export const treatmentsByRightsRequest = (loaders: RequestLoaders) =>
  treatmentsThroughLinks(
    loaders,
    'treatmentsByRightsRequest',
    RightsRequestTreatmentEntity,
    'rightsRequestId',
  );

/** RightsRequest.treatments: the treatments concerned that the caller reads (its readers: all of them). */
export const visibleTreatmentsOf = (
  ctx: GraphqlContext,
  rightsRequestId: string,
): Treatment[] | Promise<Treatment[]> =>
  visibleTreatmentsThrough(ctx, treatmentsByRightsRequest(ctx.loaders), rightsRequestId);
