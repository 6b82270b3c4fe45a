import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn } from 'class-validator';
import { Id, LONG_TEXT, OptionalText } from '@app/core';
import { ReviewTargetType, ReviewVerdict } from '../../common/enums';

@InputType()
export class ReviewInput {
  @Field(() => ReviewTargetType)
  @IsIn(Object.values(ReviewTargetType), { message: 'Valeur inconnue.' })
  targetType: ReviewTargetType;

  @Field(() => ID) @Id() targetId: string;

  @Field(() => ReviewVerdict)
  @IsIn(Object.values(ReviewVerdict), { message: 'Valeur inconnue.' })
  verdict: ReviewVerdict;

  /** required for CHANGES_REQUESTED and COMMENT: the service checks it once the verdict is known */
  @Field(() => String, { nullable: true }) @OptionalText(LONG_TEXT) comment?: string | null;
}
