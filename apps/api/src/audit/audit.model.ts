import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsDate, IsOptional } from 'class-validator';
import { Id, OptionalText } from '../../../../libs/core/src';
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
  @IsDate({ message: 'Date invalide.' })
  since?: Date | null;
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
}
