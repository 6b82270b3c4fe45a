import { In } from 'typeorm';
import { canRead } from '../access';
import { callerOf, GraphqlContext } from '../common/graphql-context';
import { groupBy, RequestLoaders } from '../common/request-loaders';
import { TreatmentEntity } from '../treatments/treatment.entity';
import { Treatment } from '../treatments/treatment.model';
import { ViolationTreatmentEntity } from './violation.entity';

/** The treatments each violation concerns (every status), in reference order: two queries per page. */
export const treatmentsByViolation = (loaders: RequestLoaders) =>
  loaders.get<string, TreatmentEntity[]>('treatmentsByViolation', async (violationIds, ds) => {
    const links = await ds
      .getRepository(ViolationTreatmentEntity)
      .findBy({ violationId: In([...violationIds]) });
    if (links.length === 0) return violationIds.map(() => []);
    const treatments = await ds
      .getRepository(TreatmentEntity)
      .find({ where: { id: In([...new Set(links.map((l) => l.treatmentId))]) }, order: { number: 'ASC' } });
    const order = new Map(treatments.map((t, i) => [t.id, i]));
    const byId = new Map(treatments.map((t) => [t.id, t]));
    return groupBy(links, violationIds, (l) => l.violationId).map((group) =>
      group
        .map((l) => byId.get(l.treatmentId))
        .filter((t): t is TreatmentEntity => !!t)
        .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)),
    );
  });

/** Violation.treatments: the treatments concerned that the caller reads (a TEACHER: the ACTIVE ones). */
export const visibleTreatmentsOf = (
  ctx: GraphqlContext,
  violationId: string,
): Treatment[] | Promise<Treatment[]> => {
  const caller = callerOf(ctx);
  return treatmentsByViolation(ctx.loaders).now(violationId, (treatments) =>
    treatments.filter((t) => canRead(caller, 'treatment', t)).map(Treatment.from),
  );
};
