import { In } from 'typeorm';
import { canRead } from '../access';
import { callerOf, GraphqlContext } from '../common/graphql-context';
import { groupBy, RequestLoaders } from '../common/request-loaders';
import { TreatmentEntity } from '../treatments/treatment.entity';
import { Treatment } from '../treatments/treatment.model';
import { RightsRequestTreatmentEntity } from './rights-request.entity';

/** The treatments each request concerns (every status), in reference order: two queries per page. */
export const treatmentsByRightsRequest = (loaders: RequestLoaders) =>
  loaders.get<string, TreatmentEntity[]>('treatmentsByRightsRequest', async (ids, ds) => {
    const links = await ds
      .getRepository(RightsRequestTreatmentEntity)
      .findBy({ rightsRequestId: In([...ids]) });
    if (links.length === 0) return ids.map(() => []);
    const treatments = await ds
      .getRepository(TreatmentEntity)
      .find({ where: { id: In([...new Set(links.map((l) => l.treatmentId))]) }, order: { number: 'ASC' } });
    const order = new Map(treatments.map((t, i) => [t.id, i]));
    const byId = new Map(treatments.map((t) => [t.id, t]));
    return groupBy(links, ids, (l) => l.rightsRequestId).map((group) =>
      group
        .map((l) => byId.get(l.treatmentId))
        .filter((t): t is TreatmentEntity => !!t)
        .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)),
    );
  });

/** RightsRequest.treatments: the treatments concerned that the caller reads (its readers: all of them). */
export const visibleTreatmentsOf = (
  ctx: GraphqlContext,
  rightsRequestId: string,
): Treatment[] | Promise<Treatment[]> => {
  const caller = callerOf(ctx);
  return treatmentsByRightsRequest(ctx.loaders).now(rightsRequestId, (treatments) =>
    treatments.filter((t) => canRead(caller, 'treatment', t)).map(Treatment.from),
  );
};
