import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import {
  EnumList,
  Id,
  LONG_TEXT,
  OptionalCount,
  OptionalText,
  OptionalUrl,
  PatchEnum,
  RequiredBoolean,
  RequiredText,
  RetentionMonths,
  SHORT_TEXT,
  TextList,
} from '@app/core';
import {
  Answer,
  DataCategory,
  DeclarationDecision,
  DeclarationStatus,
  Hosting,
  RiskLevel,
} from '../../common/enums';

const unknownValue = { message: 'Valeur inconnue.' };

/** classes sent as null means no class; left out, it stays undefined (none, or unchanged in a patch). */
const nullAsEmpty = () => Transform(({ value }: { value: unknown }) => (value === null ? [] : value));

/**
 * The tool-level facts (toolName, vendor, url, hosting, hostingCountry, freeSoftware, institutional,
 * commercialReuse) are optional since the catalogue: with `catalogToolId` they come from the entry and
 * must not be sent; without it the service requires them as before (RULES.md, "Catalogue").
 */
@InputType()
export class ToolDeclarationInput {
  @Field(() => ID) @Id() schoolId: string;
  @Field(() => ID, {
    nullable: true,
    description: 'declare a catalogued tool: its tool-level facts come from the entry',
  })
  @Id({ optional: true })
  catalogToolId?: string | null;
  @Field(() => String, { nullable: true }) @RequiredText(SHORT_TEXT, { optional: true }) toolName?:
    string | null;
  @Field(() => String, { nullable: true }) @OptionalText() vendor?: string | null;
  @Field(() => String, { nullable: true }) @OptionalUrl() url?: string | null;
  @Field() @RequiredText(LONG_TEXT) purpose: string;
  @Field(() => [String], { nullable: true })
  @nullAsEmpty()
  @TextList(SHORT_TEXT, { optional: true })
  classes?: string[];
  @Field(() => Int, { nullable: true }) @OptionalCount() approxStudentCount?: number | null;
  @Field(() => [DataCategory]) @EnumList(DataCategory, { min: 1 }) dataCategories: DataCategory[];
  @Field() @RequiredBoolean() pseudonymsUsed: boolean;
  @Field(() => Hosting, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(Hosting), unknownValue)
  hosting?: Hosting | null;
  @Field(() => String, { nullable: true }) @OptionalText() hostingCountry?: string | null;
  @Field(() => Answer, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(Answer), unknownValue)
  freeSoftware?: Answer | null;
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean({ message: 'Ce champ est obligatoire.' })
  institutional?: boolean | null;
  @Field(() => Answer, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(Answer), unknownValue)
  commercialReuse?: Answer | null;
  @Field() @RequiredBoolean() familiesInformed: boolean;
  @Field(() => Int, { nullable: true }) @RetentionMonths() retentionMonths?: number | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) securityMeasures?: string | null;
}

/** Omitted fields keep their value; null clears an optional one; required ones cannot be null. */
@InputType()
export class ToolDeclarationPatch {
  @Field(() => String, { nullable: true }) @RequiredText(SHORT_TEXT, { optional: true }) toolName?: string;
  @Field(() => String, { nullable: true }) @OptionalText() vendor?: string | null;
  @Field(() => String, { nullable: true }) @OptionalUrl() url?: string | null;
  @Field(() => String, { nullable: true }) @RequiredText(LONG_TEXT, { optional: true }) purpose?: string;
  @Field(() => [String], { nullable: true })
  @nullAsEmpty()
  @TextList(SHORT_TEXT, { optional: true })
  classes?: string[];
  @Field(() => Int, { nullable: true }) @OptionalCount() approxStudentCount?: number | null;
  @Field(() => [DataCategory], { nullable: true })
  @EnumList(DataCategory, { min: 1, optional: true })
  dataCategories?: DataCategory[];
  @Field(() => Boolean, { nullable: true }) @RequiredBoolean({ optional: true }) pseudonymsUsed?: boolean;
  @Field(() => Hosting, { nullable: true }) @PatchEnum(Hosting) hosting?: Hosting;
  @Field(() => String, { nullable: true }) @OptionalText() hostingCountry?: string | null;
  @Field(() => Answer, { nullable: true }) @PatchEnum(Answer) freeSoftware?: Answer;
  @Field(() => Boolean, { nullable: true }) @RequiredBoolean({ optional: true }) institutional?: boolean;
  @Field(() => Answer, { nullable: true }) @PatchEnum(Answer) commercialReuse?: Answer;
  @Field(() => Boolean, { nullable: true }) @RequiredBoolean({ optional: true }) familiesInformed?: boolean;
  @Field(() => Int, { nullable: true }) @RetentionMonths() retentionMonths?: number | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) securityMeasures?: string | null;
}

@InputType()
export class DeclarationDecisionInput {
  @Field(() => DeclarationDecision)
  @IsIn(Object.values(DeclarationDecision), unknownValue)
  decision: DeclarationDecision;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) comment?: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'APPROVE only: file under this existing treatment of the same school; without it a new treatment is created from the declaration',
  })
  @Id({ optional: true })
  treatmentId?: string | null;
}

@InputType()
export class DeclarationFilter {
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) schoolId?: string | null;
  @Field(() => DeclarationStatus, { nullable: true }) @IsOptional() status?: DeclarationStatus | null;
  @Field(() => RiskLevel, { nullable: true }) @IsOptional() riskLevel?: RiskLevel | null;
  @Field(() => String, {
    nullable: true,
    description: 'matches tool name or vendor, case- and accent-insensitive',
  })
  @OptionalText()
  search?: string | null;
}
