import { notFound } from '@app/core';
import { loadByIds, RequestLoaders } from '../common/request-loaders';
import { AcademyEntity } from './academy.entity';
import { Academy } from './academy.model';

export const academyById = (loaders: RequestLoaders) =>
  loaders.get<string, AcademyEntity | null>('academyById', (ids, ds) => loadByIds(ds, AcademyEntity, ids));

/** The `academy` field of a school or user: at once when the request has loaded it. */
export const academyOf = (loaders: RequestLoaders, academyId: string): Academy | Promise<Academy> =>
  academyById(loaders).now(academyId, (academy) => {
    if (!academy) throw notFound('Académie');
    return Academy.from(academy);
  });
