import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  EnumList,
  Id,
  LONG_TEXT,
  OptionalText,
  OptionalUrl,
  PatchEnum,
  RequiredBoolean,
  RequiredText,
  RetentionMonths,
  SHORT_TEXT,
  TextList,
} from '@app/core';
import { Answer, CatalogOpinion, DataCategory, Hosting } from '../../common/enums';

const unknownValue = { message: 'Valeur inconnue.' };

/** Ids of other entries: no duplicates, at most 20. */
const IdList = (): PropertyDecorator => (target, key) => {
  IsOptional()(target, key);
  IsArray({ message: 'Liste attendue.' })(target, key);
  IsUUID('all', { each: true, message: 'Identifiant invalide.' })(target, key);
  ArrayUnique({ message: 'La liste contient des doublons.' })(target, key);
  ArrayMaxSize(20, { message: '20 éléments au maximum.' })(target, key);
};

@InputType()
export class CatalogToolInput {
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) academyId?: string | null;
  @Field() @RequiredText() name: string;
  @Field(() => [String], { nullable: true })
  @TextList(SHORT_TEXT, { optional: true, maxItems: 50 })
  aliases?: string[];
  @Field(() => String, { nullable: true }) @OptionalText() vendor?: string | null;
  @Field(() => String, { nullable: true }) @OptionalUrl() url?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) description?: string | null;
  @Field(() => [DataCategory]) @EnumList(DataCategory, { min: 1 }) dataCategories: DataCategory[];
  @Field(() => Hosting) @IsIn(Object.values(Hosting), unknownValue) hosting: Hosting;
  @Field(() => String, { nullable: true }) @OptionalText() hostingCountry?: string | null;
  @Field(() => Answer) @IsIn(Object.values(Answer), unknownValue) freeSoftware: Answer;
  @Field() @RequiredBoolean() institutional: boolean;
  @Field(() => Answer) @IsIn(Object.values(Answer), unknownValue) commercialReuse: Answer;
  @Field(() => Int, { nullable: true }) @RetentionMonths() retentionMonths?: number | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) securityMeasures?: string | null;
  @Field(() => CatalogOpinion) @IsIn(Object.values(CatalogOpinion), unknownValue) opinion: CatalogOpinion;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) conditions?: string | null;
  @Field(() => [ID], { nullable: true }) @IdList() alternativeIds?: string[] | null;
}

/** Omitted fields keep their value; null clears an optional one; required ones cannot be null. */
@InputType()
export class CatalogToolPatch {
  @Field(() => String, { nullable: true }) @RequiredText(SHORT_TEXT, { optional: true }) name?: string;
  @Field(() => [String], { nullable: true })
  @TextList(SHORT_TEXT, { optional: true, maxItems: 50 })
  aliases?: string[];
  @Field(() => String, { nullable: true }) @OptionalText() vendor?: string | null;
  @Field(() => String, { nullable: true }) @OptionalUrl() url?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) description?: string | null;
  @Field(() => [DataCategory], { nullable: true })
  @EnumList(DataCategory, { min: 1, optional: true })
  dataCategories?: DataCategory[];
  @Field(() => Hosting, { nullable: true }) @PatchEnum(Hosting) hosting?: Hosting;
  @Field(() => String, { nullable: true }) @OptionalText() hostingCountry?: string | null;
  @Field(() => Answer, { nullable: true }) @PatchEnum(Answer) freeSoftware?: Answer;
  @Field(() => Boolean, { nullable: true }) @RequiredBoolean({ optional: true }) institutional?: boolean;
  @Field(() => Answer, { nullable: true }) @PatchEnum(Answer) commercialReuse?: Answer;
  @Field(() => Int, { nullable: true }) @RetentionMonths() retentionMonths?: number | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) securityMeasures?: string | null;
  @Field(() => CatalogOpinion, { nullable: true }) @PatchEnum(CatalogOpinion) opinion?: CatalogOpinion;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) conditions?: string | null;
  @Field(() => [ID], { nullable: true }) @IdList() alternativeIds?: string[] | null;
}

@InputType()
export class CatalogFilter {
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) academyId?: string | null;
  @Field(() => CatalogOpinion, { nullable: true }) @IsOptional() opinion?: CatalogOpinion | null;
  @Field(() => String, {
    nullable: true,
    description: 'matches name, aliases and vendor, case- and accent-insensitive',
  })
  @OptionalText()
  search?: string | null;
}
