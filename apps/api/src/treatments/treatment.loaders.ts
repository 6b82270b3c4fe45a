import { loadByIds, RequestLoaders } from '../common/request-loaders';
import { TreatmentEntity } from './treatment.entity';

/** Treatments by id, unscoped: the resolver that uses it decides what the caller may read. */
export const treatmentById = (loaders: RequestLoaders) =>
  loaders.get<string, TreatmentEntity | null>('treatmentById', (ids, ds) =>
    loadByIds(ds, TreatmentEntity, ids),
  );
