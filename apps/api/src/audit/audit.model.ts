import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsDate, IsOptional } from 'class-validator';
import { Id, INVALID_DATE_MESSAGE, OptionalText } from '@app/core';
import { AuditAction } from '../common/enums';
import { PageInfo } from '../common/page-info.model';
import { AuditEventEntity } from './audit-event.entity';

@ObjectType()
export class AuditEvent {
  @Field(() => ID) id: string;
  @Field() at: Date;
  @Field(() => AuditAction) action: AuditAction;
  @Field() entityType: string;
  @Field(() => ID) entityId: string;
  @Field({ description: 'JSON object of changed fields: { field: [before, after] }' }) changes: string;
  @Field() hash: string;
  @Field(() => String, { nullable: true }) previousHash: string | null;
  actorId: string | null;
  schoolId: string | null;
  academyId: string | null;

  static from(entity: AuditEventEntity): AuditEvent {
    return Object.assign(new AuditEvent(), {
      id: entity.id,
      at: entity.at,
      action: entity.action,
      entityType: entity.entityType,
      entityId: entity.entityId,
      changes: entity.changes,
      hash: entity.hash,
      previousHash: entity.previousHash,
      actorId: entity.actorId,
      schoolId: entity.schoolId,
      academyId: entity.academyId,
    });
  }
}

@ObjectType()
export class AuditEventConnection {
  @Field(() => [AuditEvent]) nodes: AuditEvent[];
  /** null only when the operation does not select it (libs/core/src/pagination.ts, Page) */
  @Field(() => Int) totalCount: number | null;
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@InputType()
export class AuditFilter {
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) schoolId?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText() entityType?: string | null;
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) entityId?: string | null;
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) actorId?: string | null;
  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate({ message: ({ value }) => (value instanceof Date ? INVALID_DATE_MESSAGE : 'Date invalide.') })
  since?: Date | null;
}

/** What verifyAuditTrail found wrong (docs/audit-trail.md). */
export enum AuditProblemKind {
  /** the event's hash does not match its content: edited */
  ALTERED_EVENT = 'ALTERED_EVENT',
  /** the event's previous_hash is not its predecessor's hash */
  BROKEN_LINK = 'BROKEN_LINK',
  /** the event's sequence number is not its predecessor's plus one: events deleted or inserted */
  SEQUENCE_GAP = 'SEQUENCE_GAP',
  /** an unkeyed (plain SHA-256) event no signed checkpoint covers: inserted by someone without the key */
  UNKEYED_EVENT = 'UNKEYED_EVENT',
  /** the event at a checkpoint's sequence number has another hash than the checkpoint: chain rewritten */
  REWRITTEN_CHAIN = 'REWRITTEN_CHAIN',
  /** the chain ends before the sequence number of its last checkpoint: its last events were deleted */
  MISSING_TAIL = 'MISSING_TAIL',
  /** a checkpointed chain has no event left: deleted whole */
  MISSING_CHAIN = 'MISSING_CHAIN',
  /** a line of the checkpoint file whose signature does not match */
  INVALID_CHECKPOINT = 'INVALID_CHECKPOINT',
}
registerEnumType(AuditProblemKind, { name: 'AuditProblemKind' });

@ObjectType()
export class AuditProblem {
  @Field(() => AuditProblemKind) kind: AuditProblemKind;
  @Field(() => String, {
    nullable: true,
    description: "the chain: a school's id, academy:<id> or global (null for a checkpoint file line)",
  })
  chain: string | null;
  @Field(() => Int, { nullable: true, description: 'the sequence number where the chain breaks' })
  seq: number | null;
  @Field(() => ID, { nullable: true, description: 'the event found wrong, when there is one' })
  eventId: string | null;
  @Field({ description: 'what is wrong, in French' }) message: string;
}

@ObjectType()
export class AuditVerification {
  @Field() valid: boolean;
  @Field(() => Int) checkedEvents: number;
  @Field(() => ID, {
    nullable: true,
    description: 'the first event whose hash does not match, when not valid',
  })
  firstBrokenEventId: string | null;
  @Field(() => Int, { description: 'chains checked, those with a signed checkpoint included' })
  checkedChains: number;
  @Field(() => [AuditProblem], {
    description: 'every problem found (at most 100), one per chain, naming where; empty when valid',
  })
  problems: AuditProblem[];
}
