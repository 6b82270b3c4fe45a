import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  EnumList,
  Id,
  LONG_TEXT,
  OptionalText,
  PatchEnum,
  RequiredBoolean,
  RequiredText,
  RetentionMonths,
  SHORT_TEXT,
  TextList,
} from '@app/core';
import {
  DataCategory,
  LegalBasis,
  ReviewState,
  SubjectCategory,
  TransferSafeguard,
  TreatmentStatus,
} from '../../common/enums';

/**
 * An optional list sent as null means an empty list. Left out, it stays undefined (class-transformer
 * only transforms the keys it receives): "none" on creation, "unchanged" in a patch.
 */
const nullAsEmpty = () => Transform(({ value }: { value: unknown }) => (value === null ? [] : value));

@InputType()
export class TransferInput {
  @Field() @RequiredText() country: string;
  @Field() @RequiredText() recipient: string;
  @Field(() => TransferSafeguard)
  @IsIn(Object.values(TransferSafeguard), { message: 'Valeur inconnue.' })
  safeguard: TransferSafeguard;
}

const transferList = (): PropertyDecorator => (target, key) => {
  ValidateIf((_object: object, value: unknown) => value !== undefined)(target, key);
  IsArray({ message: 'Liste attendue.' })(target, key);
  ArrayMaxSize(100, { message: '100 éléments au maximum.' })(target, key);
  ValidateNested({ each: true })(target, key);
  Type(() => TransferInput)(target, key);
};

@InputType()
export class TreatmentInput {
  @Field(() => ID) @Id() schoolId: string;
  @Field() @RequiredText() name: string;
  /** a purpose is a sentence, so a free text */
  @Field(() => [String]) @TextList(LONG_TEXT, { min: 1 }) purposes: string[];
  @Field(() => LegalBasis)
  @IsIn(Object.values(LegalBasis), { message: 'Valeur inconnue.' })
  legalBasis: LegalBasis;
  @Field(() => [SubjectCategory]) @EnumList(SubjectCategory, { min: 1 }) subjectCategories: SubjectCategory[];
  @Field(() => [DataCategory]) @EnumList(DataCategory, { min: 1 }) dataCategories: DataCategory[];
  @Field(() => [String], { nullable: true })
  @nullAsEmpty()
  @TextList(SHORT_TEXT, { optional: true })
  recipients?: string[];
  @Field(() => [String], { nullable: true })
  @nullAsEmpty()
  @TextList(SHORT_TEXT, { optional: true })
  processors?: string[];
  @Field(() => [TransferInput], { nullable: true })
  @nullAsEmpty()
  @transferList()
  transfers?: TransferInput[];
  @Field() @RequiredText(LONG_TEXT) retention: string;
  @Field(() => Int, { nullable: true }) @RetentionMonths() retentionMonths?: number | null;
  @Field(() => [String], { nullable: true })
  @nullAsEmpty()
  @TextList(LONG_TEXT, { optional: true })
  securityMeasures?: string[];
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() dpiaRequired?: boolean | null;
}

/** Omitted fields keep their value; the required ones cannot be set to null. */
@InputType()
export class TreatmentPatch {
  @Field(() => String, { nullable: true }) @RequiredText(SHORT_TEXT, { optional: true }) name?: string;
  @Field(() => [String], { nullable: true })
  @TextList(LONG_TEXT, { min: 1, optional: true })
  purposes?: string[];
  @Field(() => LegalBasis, { nullable: true }) @PatchEnum(LegalBasis) legalBasis?: LegalBasis;
  @Field(() => [SubjectCategory], { nullable: true })
  @EnumList(SubjectCategory, { min: 1, optional: true })
  subjectCategories?: SubjectCategory[];
  @Field(() => [DataCategory], { nullable: true })
  @EnumList(DataCategory, { min: 1, optional: true })
  dataCategories?: DataCategory[];
  @Field(() => [String], { nullable: true })
  @nullAsEmpty()
  @TextList(SHORT_TEXT, { optional: true })
  recipients?: string[];
  @Field(() => [String], { nullable: true })
  @nullAsEmpty()
  @TextList(SHORT_TEXT, { optional: true })
  processors?: string[];
  @Field(() => [TransferInput], { nullable: true })
  @nullAsEmpty()
  @transferList()
  transfers?: TransferInput[];
  @Field(() => String, { nullable: true }) @RequiredText(LONG_TEXT, { optional: true }) retention?: string;
  @Field(() => Int, { nullable: true }) @RetentionMonths() retentionMonths?: number | null;
  @Field(() => [String], { nullable: true })
  @nullAsEmpty()
  @TextList(LONG_TEXT, { optional: true })
  securityMeasures?: string[];
  @Field(() => Boolean, { nullable: true }) @RequiredBoolean({ optional: true }) dpiaRequired?: boolean;
}

@InputType()
export class TreatmentFilter {
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) schoolId?: string | null;
  @Field(() => TreatmentStatus, { nullable: true }) @IsOptional() status?: TreatmentStatus | null;
  @Field(() => ReviewState, { nullable: true }) @IsOptional() reviewState?: ReviewState | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() sensitiveData?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: 'matches name or purposes, case- and accent-insensitive',
  })
  @OptionalText()
  search?: string | null;
}
