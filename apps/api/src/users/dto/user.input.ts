import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { EmailAddress, Id, OptionalText, Password, RequiredText } from '@app/core';
import { Role } from '../../common/enums';

@InputType()
export class RoleGrantInput {
  @Field(() => Role) @IsIn(Object.values(Role), { message: 'Valeur inconnue.' }) role: Role;
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) schoolId?: string | null;
}

@InputType()
export class CreateUserInput {
  @Field(() => ID) @Id() academyId: string;
  @Field() @EmailAddress() email: string;
  @Field() @RequiredText() displayName: string;
  @Field(() => String, {
    nullable: true,
    description: 'left out: the user gets an invitation e-mail with a link to choose one',
  })
  @IsOptional()
  @Password()
  password?: string | null;
  @Field(() => [RoleGrantInput])
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoleGrantInput)
  grants: RoleGrantInput[];
}

@InputType()
export class UserFilter {
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) academyId?: string | null;
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) schoolId?: string | null;
  @Field(() => Role, { nullable: true }) @IsOptional() role?: Role | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() active?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: 'matches display name or email, case- and accent-insensitive',
  })
  @OptionalText()
  search?: string | null;
}
