import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { SchoolKind } from '../common/enums';
import { PageInfo } from '../common/page-info.model';
import { SchoolEntity } from './school.entity';

@ObjectType()
export class School {
  @Field(() => ID) id: string;
  @Field() uai: string;
  @Field() name: string;
  @Field(() => SchoolKind) kind: SchoolKind;
  @Field(() => String, { nullable: true }) city: string | null;
  @Field(() => String, { nullable: true }) address: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => Int, { description: 'for updateSchool' }) version: number;
  academyId: string;

  static from(entity: SchoolEntity): School {
    return Object.assign(new School(), {
      id: entity.id,
      uai: entity.uai,
      name: entity.name,
      kind: entity.kind,
      city: entity.city,
      address: entity.address,
      email: entity.email,
      phone: entity.phone,
      version: entity.version,
      academyId: entity.academyId,
    });
  }
}

@ObjectType()
export class SchoolConnection {
  @Field(() => [School]) nodes: School[];
  /** null only when the operation does not select it (libs/core/src/pagination.ts, Page) */
  @Field(() => Int) totalCount: number | null;
  @Field(() => PageInfo) pageInfo: PageInfo;
}
