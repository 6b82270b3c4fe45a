import { loadByIds, RequestLoaders } from '../common/request-loaders';
import { AcademyEntity } from './academy.entity';

export const academyById = (loaders: RequestLoaders) =>
  loaders.get<string, AcademyEntity | null>('academyById', (ids, ds) => loadByIds(ds, AcademyEntity, ids));
