import { In } from 'typeorm';
import { groupBy, loadByIds, RequestLoaders } from '../common/request-loaders';
import { RoleGrantEntity, UserEntity } from '../users/user.entity';
import { SchoolEntity } from './school.entity';

export const schoolById = (loaders: RequestLoaders) =>
  loaders.get<string, SchoolEntity | null>('schoolById', (ids, ds) => loadByIds(ds, SchoolEntity, ids));

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
