import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsOptional,
  IsUUID,
  ValidateIf,
} from 'class-validator';
import {
  EnumList,
  Id,
  INVALID_DATE_MESSAGE,
  LONG_TEXT,
  OptionalCount,
  OptionalText,
  PatchEnum,
  RequiredText,
  SHORT_TEXT,
} from '@app/core';
import {
  BreachNature,
  BreachRisk,
  DataCategory,
  IncidentType,
  SubjectCategory,
  ViolationStatus,
} from '../../common/enums';

const requiredMessage = 'Ce champ est obligatoire.';
const dateMessage = 'Date attendue.';

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

/** A required date; in a patch (`optional`) it may be omitted but not set to null. */
function RequiredDate(options: { optional?: boolean } = {}): PropertyDecorator {
  return compose(
    ...(options.optional ? [ValidateIf((_object: object, value: unknown) => value !== undefined)] : []),
    IsDate({ message: ({ value }) => (value instanceof Date ? INVALID_DATE_MESSAGE : requiredMessage) }),
  );
}

/** A date that may be unknown (null). */
function OptionalDate(): PropertyDecorator {
  return compose(
    IsOptional(),
    IsDate({ message: ({ value }) => (value instanceof Date ? INVALID_DATE_MESSAGE : dateMessage) }),
  );
}

/** A list of enum values that may be omitted or null (stored as an empty list). */
function NullableEnumList(values: Record<string, string>): PropertyDecorator {
  return compose(IsOptional(), EnumList(values));
}

/** Ids of treatments of the violation's school; null or omitted in the input means none. */
function TreatmentIds(): PropertyDecorator {
  return compose(
    IsOptional(),
    IsArray({ message: 'Liste attendue.' }),
    IsUUID('all', { each: true, message: 'Identifiant de traitement invalide.' }),
    ArrayUnique(undefined, { message: 'La liste contient des doublons.' }),
    ArrayMaxSize(100, { message: '100 éléments au maximum.' }),
  );
}

@InputType()
export class ViolationInput {
  @Field(() => ID) @Id() schoolId: string;
  @Field() @RequiredText(SHORT_TEXT) title: string;
  @Field() @RequiredText(LONG_TEXT) description: string;
  @Field(() => IncidentType)
  @IsIn(Object.values(IncidentType), { message: 'Valeur inconnue.' })
  incidentType: IncidentType;
  @Field(() => [BreachNature]) @EnumList(BreachNature, { min: 1 }) natures: BreachNature[];
  @Field(() => Date, { nullable: true }) @OptionalDate() occurredAt?: Date | null;
  @Field(() => Date) @RequiredDate() discoveredAt: Date;
  @Field(() => [DataCategory], { nullable: true })
  @NullableEnumList(DataCategory)
  dataCategories?: DataCategory[] | null;
  @Field(() => [SubjectCategory], { nullable: true })
  @NullableEnumList(SubjectCategory)
  subjectCategories?: SubjectCategory[] | null;
  @Field(() => Int, { nullable: true }) @OptionalCount() approxSubjectCount?: number | null;
  @Field(() => Int, { nullable: true }) @OptionalCount() approxRecordCount?: number | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) consequences?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) measuresTaken?: string | null;
  @Field(() => BreachRisk) @IsIn(Object.values(BreachRisk), { message: 'Valeur inconnue.' }) risk: BreachRisk;
  @Field(() => [ID], { nullable: true }) @TreatmentIds() treatmentIds?: string[] | null;
}

/**
 * Omitted = unchanged; null = cleared for the nullable fields (and an empty list for the lists);
 * the required fields (title, description, incidentType, natures, discoveredAt, risk) refuse null.
 */
@InputType()
export class ViolationPatch {
  @Field(() => String, { nullable: true }) @RequiredText(SHORT_TEXT, { optional: true }) title?: string;
  @Field(() => String, { nullable: true })
  @RequiredText(LONG_TEXT, { optional: true })
  description?: string;
  @Field(() => IncidentType, { nullable: true }) @PatchEnum(IncidentType) incidentType?: IncidentType;
  @Field(() => [BreachNature], { nullable: true })
  @EnumList(BreachNature, { min: 1, optional: true })
  natures?: BreachNature[];
  @Field(() => Date, { nullable: true }) @OptionalDate() occurredAt?: Date | null;
  @Field(() => Date, { nullable: true }) @RequiredDate({ optional: true }) discoveredAt?: Date;
  @Field(() => [DataCategory], { nullable: true })
  @NullableEnumList(DataCategory)
  dataCategories?: DataCategory[] | null;
  @Field(() => [SubjectCategory], { nullable: true })
  @NullableEnumList(SubjectCategory)
  subjectCategories?: SubjectCategory[] | null;
  @Field(() => Int, { nullable: true }) @OptionalCount() approxSubjectCount?: number | null;
  @Field(() => Int, { nullable: true }) @OptionalCount() approxRecordCount?: number | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) consequences?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) measuresTaken?: string | null;
  @Field(() => BreachRisk, { nullable: true }) @PatchEnum(BreachRisk) risk?: BreachRisk;
  @Field(() => Date, { nullable: true }) @OptionalDate() cnilNotifiedAt?: Date | null;
  @Field(() => String, { nullable: true }) @OptionalText(SHORT_TEXT) cnilReference?: string | null;
  @Field(() => String, { nullable: true })
  @OptionalText(LONG_TEXT)
  lateNotificationReason?: string | null;
  @Field(() => Date, { nullable: true }) @OptionalDate() subjectsInformedAt?: Date | null;
  @Field(() => String, { nullable: true })
  @OptionalText(LONG_TEXT)
  noNotificationJustification?: string | null;
  @Field(() => Date, { nullable: true }) @OptionalDate() rssiInformedAt?: Date | null;
  @Field(() => Date, { nullable: true }) @OptionalDate() hierarchyInformedAt?: Date | null;
  @Field(() => [ID], { nullable: true }) @TreatmentIds() treatmentIds?: string[] | null;
}

@InputType()
export class ViolationFilter {
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) schoolId?: string | null;
  @Field(() => ViolationStatus, { nullable: true }) @IsOptional() status?: ViolationStatus | null;
  @Field(() => BreachRisk, { nullable: true }) @IsOptional() risk?: BreachRisk | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() cnilOverdue?: boolean | null;
}
