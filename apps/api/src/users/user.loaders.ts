import { In } from 'typeorm';
import { groupBy, loadByIds, RequestLoaders } from '../common/request-loaders';
import { RoleGrantEntity, UserEntity } from './user.entity';

export const userById = (loaders: RequestLoaders) =>
  loaders.get<string, UserEntity | null>('userById', (ids, ds) => loadByIds(ds, UserEntity, ids));

export const grantsByUser = (loaders: RequestLoaders) =>
  loaders.get<string, RoleGrantEntity[]>('grantsByUser', async (userIds, ds) => {
    const grants = await ds
      .getRepository(RoleGrantEntity)
      .find({ where: { userId: In([...userIds]) }, order: { role: 'ASC', createdAt: 'ASC' } });
    return groupBy(grants, userIds, (g) => g.userId);
  });
