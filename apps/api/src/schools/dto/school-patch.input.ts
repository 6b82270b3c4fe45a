import { Field, InputType } from '@nestjs/graphql';
import { EmailAddress, LONG_TEXT, OptionalText, PatchEnum, RequiredText, SHORT_TEXT } from '@app/core';
import { SchoolKind } from '../../common/enums';

/** Omitted fields stay; null (or an empty text) clears an optional one. */
@InputType()
export class SchoolPatch {
  @Field(() => String, { nullable: true }) @RequiredText(SHORT_TEXT, { optional: true }) name?: string;
  @Field(() => SchoolKind, { nullable: true }) @PatchEnum(SchoolKind) kind?: SchoolKind;
  @Field(() => String, { nullable: true }) @OptionalText() city?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) address?: string | null;
  @Field(() => String, { nullable: true }) @EmailAddress({ optional: true }) email?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(40) phone?: string | null;
}
