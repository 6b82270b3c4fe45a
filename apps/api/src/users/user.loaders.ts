import { In } from 'typeorm';
import { notFound } from '../../../../libs/core/src';
import { groupBy, loadByIds, RequestLoaders } from '../common/request-loaders';
import { RoleGrantEntity, UserEntity } from './user.entity';
import { User } from './user.model';

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
