import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AcademyEntity } from './academy.entity';

@ObjectType()
export class Academy {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) dpoName: string | null;
  @Field(() => String, { nullable: true }) dpoEmail: string | null;
  @Field(() => String, { nullable: true }) rssiEmail: string | null;
  @Field(() => String, { nullable: true }) dpoPhone: string | null;
  @Field(() => String, { nullable: true }) dpoAddress: string | null;
  @Field(() => String, {
    nullable: true,
    description: "the hierarchy's address for the alert chain (rectorat or DSDEN)",
  })
  hierarchyEmail: string | null;
  @Field(() => Int, { description: 'for updateAcademy' }) version: number;

  static from(entity: AcademyEntity): Academy {
    return Object.assign(new Academy(), {
      id: entity.id,
      code: entity.code,
      name: entity.name,
      dpoName: entity.dpoName,
      dpoEmail: entity.dpoEmail,
      rssiEmail: entity.rssiEmail,
      dpoPhone: entity.dpoPhone,
      dpoAddress: entity.dpoAddress,
      hierarchyEmail: entity.hierarchyEmail,
      version: entity.version,
    });
  }
}
