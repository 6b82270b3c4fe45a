import { In } from 'typeorm';
import { notFound } from '@app/core';
import { callerOf, GraphqlContext } from '../common/graphql-context';
import { groupBy, loadByIds, RequestLoaders } from '../common/request-loaders';
import { SchoolEntity } from '../schools/school.entity';
import { visibleSchoolById } from '../schools/school.loaders';
import { RoleGrantEntity, UserEntity } from './user.entity';
import { RoleGrant, User } from './user.model';

export const userById = (loaders: RequestLoaders) =>
  loaders.get<string, UserEntity | null>('userById', (ids, ds) => loadByIds(ds, UserEntity, ids));

/** A `User` field of an entry (its author, reviewer…): at once when the request has loaded it. */
export const userOf = (loaders: RequestLoaders, userId: string): User | Promise<User> =>
  userById(loaders).now(userId, (user) => {
    if (!user) throw notFound('Utilisateur');
    return User.from(user);
  });

export const grantsByUser = (loaders: RequestLoaders) =>
  loaders.get<string, RoleGrantEntity[]>('grantsByUser', async (userIds, ds) => {
    const grants = await ds
      .getRepository(RoleGrantEntity)
      .find({ where: { userId: In([...userIds]) }, order: { role: 'ASC', createdAt: 'ASC' } });
    return groupBy(grants, userIds, (g) => g.userId);
  });

/** User.grants: the grants the caller may see; a school it cannot read stays invisible, grant included. */
export async function visibleGrantsOf(ctx: GraphqlContext, userId: string): Promise<RoleGrant[]> {
  const grants = await grantsByUser(ctx.loaders).load(userId);
  // read through the caller's scope: a school it may not see is never loaded
  const schools = await visibleSchoolById(ctx.loaders, callerOf(ctx)).loadMany(
    grants.map((g) => g.schoolId).filter((id): id is string => !!id),
  );
  const visible = new Set(schools.filter((s): s is SchoolEntity => !!s).map((s) => s.id));
  return grants.filter((g) => !g.schoolId || visible.has(g.schoolId)).map(RoleGrant.from);
}
