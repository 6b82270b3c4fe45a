import { Field, InputType } from '@nestjs/graphql';
import { Code, EmailAddress, OptionalText, RequiredText } from '@app/core';

@InputType()
export class CreateAcademyInput {
  @Field() @Code() code: string;
  @Field() @RequiredText() name: string;
  @Field(() => String, { nullable: true }) @OptionalText() dpoName?: string | null;
  @Field(() => String, { nullable: true }) @EmailAddress({ optional: true }) dpoEmail?: string | null;
  @Field(() => String, { nullable: true }) @EmailAddress({ optional: true }) rssiEmail?: string | null;
}
