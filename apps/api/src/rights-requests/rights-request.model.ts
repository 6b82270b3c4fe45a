import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { rightsRequestClock } from '@app/rules';
import {
  RequesterRelation,
  RightsRequestChannel,
  RightsRequestStatus,
  RightType,
  SubjectCategory,
} from '../common/enums';
import { PageInfo } from '../common/page-info.model';
import { RightsRequestEntity } from './rights-request.entity';

/** One request to exercise data-protection rights. Relations are resolved by field resolvers. */
@ObjectType()
export class RightsRequest {
  @Field(() => ID) id: string;
  @Field({ description: 'unique within its school, e.g. D-004' }) reference: string;
  @Field(() => [RightType]) rightTypes: RightType[];
  @Field(() => RightsRequestChannel) channel: RightsRequestChannel;
  @Field() receivedAt: Date;
  @Field() requesterName: string;
  @Field(() => RequesterRelation) requesterRelation: RequesterRelation;
  @Field(() => String, {
    nullable: true,
    description: 'the pupil (or other person) the data is about, when not the requester',
  })
  subjectName: string | null;
  @Field(() => SubjectCategory) subjectCategory: SubjectCategory;
  @Field() description: string;
  @Field(() => RightsRequestStatus) status: RightsRequestStatus;
  @Field({
    description: 'receivedAt + 1 calendar month (+ 2 more when extended), moved forward by the paused days',
  })
  dueAt: Date;
  @Field() extended: boolean;
  @Field(() => String, { nullable: true }) extensionReason: string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'when the requester was told of the extension: within the first month',
  })
  extensionNotifiedAt: Date | null;
  @Field(() => Int, { description: 'days the clock stood still in AWAITING_REQUESTER' }) pausedDays: number;
  @Field({ description: 'not answered or refused by dueAt (or answered after it)' }) overdue: boolean;
  @Field(() => Date, { nullable: true }) answeredAt: Date | null;
  @Field(() => String, { nullable: true }) answerSummary: string | null;
  @Field(() => String, { nullable: true }) refusalReason: string | null;
  @Field(() => Int) version: number;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  schoolId: string;
  academyId: string;
  recordedById: string;

  static from(e: RightsRequestEntity, now: Date = new Date()): RightsRequest {
    const clock = rightsRequestClock(e, now);
    return Object.assign(new RightsRequest(), {
      id: e.id,
      reference: e.reference,
      rightTypes: e.rightTypes,
      channel: e.channel,
      receivedAt: e.receivedAt,
      requesterName: e.requesterName,
      requesterRelation: e.requesterRelation,
      subjectName: e.subjectName,
      subjectCategory: e.subjectCategory,
      description: e.description,
      status: e.status,
      dueAt: clock.dueAt,
      extended: e.extended,
      extensionReason: e.extensionReason,
      extensionNotifiedAt: e.extensionNotifiedAt,
      pausedDays: clock.pausedDays,
      overdue: clock.overdue,
      answeredAt: e.answeredAt,
      answerSummary: e.answerSummary,
      refusalReason: e.refusalReason,
      version: e.version,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      schoolId: e.schoolId,
      academyId: e.academyId,
      recordedById: e.recordedById,
    });
  }
}

@ObjectType()
export class RightsRequestConnection {
  @Field(() => [RightsRequest]) nodes: RightsRequest[];
  /** null only when the operation does not select it (libs/core/src/pagination.ts, Page) */
  @Field(() => Int) totalCount: number | null;
  @Field(() => PageInfo) pageInfo: PageInfo;
}
