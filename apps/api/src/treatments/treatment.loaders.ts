import { canRead } from '../access';
import { callerOf, GraphqlContext } from '../common/graphql-context';
import { loadByIds, RequestLoaders } from '../common/request-loaders';
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
