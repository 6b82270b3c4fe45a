import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsOptional,
  IsUUID,
} from 'class-validator';
import { EnumList, Id, LONG_TEXT, OptionalText, PatchEnum, RequiredText, SHORT_TEXT } from '@app/core';
import {
  RequesterRelation,
  RightsRequestChannel,
  RightsRequestStatus,
  RightsRequestTransition,
  RightType,
  SubjectCategory,
} from '../../common/enums';

const unknownValue = { message: 'Valeur inconnue.' };

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

/** Ids of treatments of the request's school; null or omitted in the input means none. */
function TreatmentIds(): PropertyDecorator {
  return compose(
    IsOptional(),
    IsArray({ message: 'Liste attendue.' }),
    IsUUID('all', { each: true, message: 'Identifiant de traitement invalide.' }),
    ArrayUnique(undefined, { message: 'La liste contient des doublons.' }),
    ArrayMaxSize(100, { message: '100 éléments au maximum.' }),
  );
}

function OptionalDate(): PropertyDecorator {
  return compose(IsOptional(), IsDate({ message: 'Date attendue.' }));
}

@InputType()
export class RightsRequestInput {
  @Field(() => ID) @Id() schoolId: string;
  @Field(() => [RightType]) @EnumList(RightType, { min: 1 }) rightTypes: RightType[];
  @Field(() => RightsRequestChannel)
  @IsIn(Object.values(RightsRequestChannel), unknownValue)
  channel: RightsRequestChannel;
  @Field(() => Date) @IsDate({ message: 'Ce champ est obligatoire.' }) receivedAt: Date;
  @Field() @RequiredText(SHORT_TEXT) requesterName: string;
  @Field(() => RequesterRelation)
  @IsIn(Object.values(RequesterRelation), unknownValue)
  requesterRelation: RequesterRelation;
  @Field(() => String, { nullable: true }) @OptionalText(SHORT_TEXT) subjectName?: string | null;
  @Field(() => SubjectCategory)
  @IsIn(Object.values(SubjectCategory), unknownValue)
  subjectCategory: SubjectCategory;
  @Field() @RequiredText(LONG_TEXT) description: string;
  @Field(() => [ID], { nullable: true }) @TreatmentIds() treatmentIds?: string[] | null;
}

/** Omitted = unchanged; null clears subjectName (and treatmentIds); the other fields refuse null. */
@InputType()
export class RightsRequestPatch {
  @Field(() => [RightType], { nullable: true })
  @EnumList(RightType, { min: 1, optional: true })
  rightTypes?: RightType[];
  @Field(() => RightsRequestChannel, { nullable: true })
  @PatchEnum(RightsRequestChannel)
  channel?: RightsRequestChannel;
  @Field(() => String, { nullable: true })
  @RequiredText(SHORT_TEXT, { optional: true })
  requesterName?: string;
  @Field(() => RequesterRelation, { nullable: true })
  @PatchEnum(RequesterRelation)
  requesterRelation?: RequesterRelation;
  @Field(() => String, { nullable: true }) @OptionalText(SHORT_TEXT) subjectName?: string | null;
  @Field(() => SubjectCategory, { nullable: true })
  @PatchEnum(SubjectCategory)
  subjectCategory?: SubjectCategory;
  @Field(() => String, { nullable: true }) @RequiredText(LONG_TEXT, { optional: true }) description?: string;
  @Field(() => [ID], { nullable: true }) @TreatmentIds() treatmentIds?: string[] | null;
}

@InputType()
export class RightsRequestTransitionInput {
  @Field(() => RightsRequestTransition)
  @IsIn(Object.values(RightsRequestTransition), unknownValue)
  transition: RightsRequestTransition;
  @Field(() => Date, { nullable: true, description: 'when it happened (defaults to now; not in the future)' })
  @OptionalDate()
  at?: Date | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) answerSummary?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) refusalReason?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) extensionReason?: string | null;
  @Field(() => Date, { nullable: true }) @OptionalDate() extensionNotifiedAt?: Date | null;
}

@InputType()
export class RightsRequestFilter {
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) schoolId?: string | null;
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) academyId?: string | null;
  @Field(() => RightsRequestStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(RightsRequestStatus), unknownValue)
  status?: RightsRequestStatus | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() overdue?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: 'matches reference, requester and subject names, case- and accent-insensitive',
  })
  @OptionalText(SHORT_TEXT)
  search?: string | null;
}
