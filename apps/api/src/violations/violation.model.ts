import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  BreachNature,
  BreachRisk,
  DataCategory,
  IncidentType,
  SubjectCategory,
  ViolationStatus,
} from '../common/enums';
import { isCnilOverdue } from '@app/rules';
import { PageInfo } from '../common/page-info.model';
import { ViolationEntity } from './violation.entity';

/** One entry of the breach register (art. 33.5). Relations are resolved by field resolvers. */
@ObjectType()
export class Violation {
  @Field(() => ID) id: string;
  @Field({ description: 'unique within its school, e.g. V-003' }) reference: string;
  @Field() title: string;
  @Field() description: string;
  @Field(() => IncidentType) incidentType: IncidentType;
  @Field(() => [BreachNature]) natures: BreachNature[];
  @Field(() => Date, { nullable: true }) occurredAt: Date | null;
  @Field() discoveredAt: Date;
  @Field(() => [DataCategory]) dataCategories: DataCategory[];
  @Field(() => [SubjectCategory]) subjectCategories: SubjectCategory[];
  @Field(() => Int, { nullable: true }) approxSubjectCount: number | null;
  @Field(() => Int, { nullable: true }) approxRecordCount: number | null;
  @Field(() => String, { nullable: true }) consequences: string | null;
  @Field(() => String, { nullable: true }) measuresTaken: string | null;
  @Field(() => BreachRisk) risk: BreachRisk;
  @Field() cnilNotificationRequired: boolean;
  @Field({ description: 'discoveredAt + 72 hours' }) cnilDeadline: Date;
  @Field(() => Date, { nullable: true }) cnilNotifiedAt: Date | null;
  @Field(() => String, { nullable: true }) cnilReference: string | null;
  @Field({ description: 'notification required and not made by the deadline (or made after it)' })
  cnilOverdue: boolean;
  @Field(() => String, { nullable: true }) lateNotificationReason: string | null;
  @Field(() => Date, { nullable: true }) subjectsInformedAt: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'why the CNIL or the people concerned were not informed',
  })
  noNotificationJustification: string | null;
  @Field(() => Date, { nullable: true }) rssiInformedAt: Date | null;
  @Field(() => Date, { nullable: true }) hierarchyInformedAt: Date | null;
  @Field(() => ViolationStatus) status: ViolationStatus;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field(() => Int) version: number;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  schoolId: string;
  academyId: string;
  reportedById: string;

  static from(e: ViolationEntity, now: Date = new Date()): Violation {
    return Object.assign(new Violation(), {
      id: e.id,
      reference: e.reference,
      title: e.title,
      description: e.description,
      incidentType: e.incidentType,
      natures: e.natures,
      occurredAt: e.occurredAt,
      discoveredAt: e.discoveredAt,
      dataCategories: e.dataCategories,
      subjectCategories: e.subjectCategories,
      approxSubjectCount: e.approxSubjectCount,
      approxRecordCount: e.approxRecordCount,
      consequences: e.consequences,
      measuresTaken: e.measuresTaken,
      risk: e.risk,
      cnilNotificationRequired: e.cnilNotificationRequired,
      cnilDeadline: e.cnilDeadline,
      cnilNotifiedAt: e.cnilNotifiedAt,
      cnilReference: e.cnilReference,
      cnilOverdue: isCnilOverdue(e, now),
      lateNotificationReason: e.lateNotificationReason,
      subjectsInformedAt: e.subjectsInformedAt,
      noNotificationJustification: e.noNotificationJustification,
      rssiInformedAt: e.rssiInformedAt,
      hierarchyInformedAt: e.hierarchyInformedAt,
      status: e.status,
      closedAt: e.closedAt,
      version: e.version,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      schoolId: e.schoolId,
      academyId: e.academyId,
      reportedById: e.reportedById,
    });
  }
}

@ObjectType()
export class ViolationConnection {
  @Field(() => [Violation]) nodes: Violation[];
  /** null only when the operation does not select it (libs/core/src/pagination.ts, Page) */
  @Field(() => Int) totalCount: number | null;
  @Field(() => PageInfo) pageInfo: PageInfo;
}
