import { EntityTarget, In } from 'typeorm';
import { canRead } from '../access';
import { callerOf, GraphqlContext } from '../common/graphql-context';
import { groupBy, loadByIds, RequestLoader, RequestLoaders } from '../common/request-loaders';
import { TreatmentEntity } from './treatment.entity';
import { Treatment } from './treatment.model';

/** Treatments by id, unscoped: `visibleTreatmentOf` applies the read rule. */
export const treatmentById = (loaders: RequestLoaders) =>
  loaders.get<string, TreatmentEntity | null>('treatmentById', (ids, ds) =>
    loadByIds(ds, TreatmentEntity, ids),
  );

/** A treatment another entry names, as the caller reads it: null out of its read rule (a teacher, once archived). */
export const visibleTreatmentOf = (
  ctx: GraphqlContext,
  id: string,
): Treatment | null | Promise<Treatment | null> => {
  const caller = callerOf(ctx);
  return treatmentById(ctx.loaders).now(id, (treatment) =>
    treatment && canRead(caller, 'treatment', treatment) ? Treatment.from(treatment) : null,
  );
};

/**
 * The treatments each owner (a violation, a rights request) concerns through its link table (every
 * status), in reference order: two queries per page. `ownerKey` is the link's column of the owner.
 */
export function treatmentsThroughLinks<L extends { treatmentId: string }, K extends keyof L & string>(
  loaders: RequestLoaders,
  name: string,
  link: EntityTarget<L>,
  ownerKey: K,
): RequestLoader<string, TreatmentEntity[]> {
  return loaders.get<string, TreatmentEntity[]>(name, async (ownerIds, ds) => {
    const links = await ds.getRepository(link).find({ where: { [ownerKey]: In([...ownerIds]) } as never });
    if (links.length === 0) return ownerIds.map(() => []);
    const treatments = await ds
      .getRepository(TreatmentEntity)
      .find({ where: { id: In([...new Set(links.map((l) => l.treatmentId))]) }, order: { number: 'ASC' } });
    const order = new Map(treatments.map((t, i) => [t.id, i]));
    const byId = new Map(treatments.map((t) => [t.id, t]));
    return groupBy(links, ownerIds, (l) => l[ownerKey] as unknown as string).map((group) =>
      group
        .map((l) => byId.get(l.treatmentId))
        .filter((t): t is TreatmentEntity => !!t)
        .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)),
    );
  });
}

/** An owner's treatments as the caller reads them (a TEACHER: the ACTIVE ones). */
export const visibleTreatmentsThrough = (
  ctx: GraphqlContext,
  loader: RequestLoader<string, TreatmentEntity[]>,
  ownerId: string,
): Treatment[] | Promise<Treatment[]> => {
  const caller = callerOf(ctx);
  return loader.now(ownerId, (treatments) =>
    treatments.filter((t) => canRead(caller, 'treatment', t)).map(Treatment.from),
  );
};
