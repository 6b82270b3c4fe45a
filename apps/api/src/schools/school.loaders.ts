import { In } from 'typeorm';
import { Caller, notFound } from '@app/core';
import { scope } from '../access';
import { groupBy, loadByIds, RequestLoaders } from '../common/request-loaders';
import { RoleGrantEntity, UserEntity } from '../users/user.entity';
import { SchoolEntity } from './school.entity';
import { School } from './school.model';

export const schoolById = (loaders: RequestLoaders) =>
  loaders.get<string, SchoolEntity | null>('schoolById', (ids, ds) => loadByIds(ds, SchoolEntity, ids));

/** The `school` field of an entry: at once when the request has loaded it (see RequestLoader.now). */
export const schoolOf = (loaders: RequestLoaders, schoolId: string): School | Promise<School> =>
  schoolById(loaders).now(schoolId, (school) => {
    if (!school) throw notFound('Établissement');
    return School.from(school);
  });

/**
 * Schools by id as the caller sees them: null for a school out of its scope (or absent). For the
 * fields that may name a school the caller cannot read (a user's grants): the scope is in the query,
 * so the tenant-isolation check never sees another tenant's school.
 */
export const visibleSchoolById = (loaders: RequestLoaders, caller: Caller) =>
  loaders.get<string, SchoolEntity | null>('visibleSchoolById', async (ids, ds) => {
    const visible = scope(caller, 'school.read', 's');
    const rows = await ds
      .getRepository(SchoolEntity)
      .createQueryBuilder('s')
      .where('s.id = ANY(:visibleSchoolIds)', { visibleSchoolIds: [...ids] })
      .andWhere(visible.sql, visible.params)
      .getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** Users holding a HEAD grant on each school. */
export const headsBySchool = (loaders: RequestLoaders) =>
  loaders.get<string, UserEntity[]>('headsBySchool', async (schoolIds, ds) => {
    const grants = await ds
      .getRepository(RoleGrantEntity)
      .findBy({ role: 'HEAD', schoolId: In([...schoolIds]) });
    const users = await ds
      .getRepository(UserEntity)
      .findBy({ id: In([...new Set(grants.map((g) => g.userId))]) });
    const byId = new Map(users.map((u) => [u.id, u]));
    return groupBy(grants, schoolIds, (g) => g.schoolId as string).map((group) =>
      group.map((g) => byId.get(g.userId)).filter((u): u is UserEntity => !!u),
    );
  });
