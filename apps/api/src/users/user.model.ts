import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Role } from '../common/enums';
import { PageInfo } from '../common/page-info.model';
import { School } from '../schools/school.model';
import { RoleGrantEntity, UserEntity } from './user.entity';

/** A person. Built from UserEntity field by field: the password hash never reaches GraphQL. */
@ObjectType()
export class User {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() displayName: string;
  @Field() active: boolean;
  @Field({ description: 'a user created without a password has not accepted its invitation yet' })
  invitationPending: boolean;
  academyId: string;

  static from(entity: UserEntity): User {
    return Object.assign(new User(), {
      id: entity.id,
      email: entity.email,
      displayName: entity.displayName,
      active: entity.active,
      invitationPending: entity.invitationPending,
      academyId: entity.academyId,
    });
  }
}

@ObjectType()
export class RoleGrant {
  @Field(() => Role) role: Role;
  @Field(() => School, { nullable: true, description: 'null for academy-wide roles (DPD, ADMIN)' })
  school?: School | null;
  schoolId: string | null;

  static from(entity: RoleGrantEntity): RoleGrant {
    return Object.assign(new RoleGrant(), { role: entity.role, schoolId: entity.schoolId });
  }
}

@ObjectType()
export class UserConnection {
  @Field(() => [User]) nodes: User[];
  /** null only when the operation does not select it (libs/core/src/pagination.ts, Page) */
  @Field(() => Int) totalCount: number | null;
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@ObjectType()
export class AuthPayload {
  @Field() token: string;
  @Field() expiresAt: Date;
  @Field(() => User) user: User;
}
