import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AcademyEntity } from './academy.entity';

@ObjectType()
export class Academy {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) dpoName: string | null;
  @Field(() => String, { nullable: true }) dpoEmail: string | null;
  @Field(() => String, { nullable: true }) rssiEmail: string | null;

  static from(entity: AcademyEntity): Academy {
    return Object.assign(new Academy(), {
      id: entity.id,
      code: entity.code,
      name: entity.name,
      dpoName: entity.dpoName,
      dpoEmail: entity.dpoEmail,
      rssiEmail: entity.rssiEmail,
    });
  }
}
