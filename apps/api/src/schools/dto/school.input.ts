import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Id, OptionalText, RequiredText, Uai } from '@app/core';
import { SchoolKind } from '../../common/enums';

@InputType()
export class CreateSchoolInput {
  @Field(() => ID) @Id() academyId: string;
  @Field() @Uai() uai: string;
  @Field() @RequiredText() name: string;
  @Field(() => SchoolKind) @IsIn(Object.values(SchoolKind), { message: 'Valeur inconnue.' }) kind: SchoolKind;
  @Field(() => String, { nullable: true }) @OptionalText() city?: string | null;
}

@InputType()
export class SchoolFilter {
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) academyId?: string | null;
  @Field(() => SchoolKind, { nullable: true }) @IsOptional() kind?: SchoolKind | null;
  @Field(() => String, {
    nullable: true,
    description: 'matches name, city or UAI, case- and accent-insensitive',
  })
  @OptionalText()
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: the schools with no ACTIVE treatment (the dashboard counter); false: those with one',
  })
  @IsOptional()
  @IsBoolean({ message: 'Valeur invalide.' })
  withoutTreatments?: boolean | null;
}
