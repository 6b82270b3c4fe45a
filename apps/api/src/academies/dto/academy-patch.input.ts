import { Field, InputType } from '@nestjs/graphql';
import { EmailAddress, LONG_TEXT, OptionalText, RequiredText, SHORT_TEXT } from '@app/core';

/** Omitted fields stay; null (or an empty text) clears an optional one. */
@InputType()
export class AcademyPatch {
  @Field(() => String, { nullable: true }) @RequiredText(SHORT_TEXT, { optional: true }) name?: string;
  @Field(() => String, { nullable: true }) @OptionalText() dpoName?: string | null;
  @Field(() => String, { nullable: true }) @EmailAddress({ optional: true }) dpoEmail?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(40) dpoPhone?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) dpoAddress?: string | null;
  @Field(() => String, { nullable: true }) @EmailAddress({ optional: true }) rssiEmail?: string | null;
  @Field(() => String, { nullable: true }) @EmailAddress({ optional: true }) hierarchyEmail?: string | null;
}
