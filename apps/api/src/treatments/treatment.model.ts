import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  DataCategory,
  LegalBasis,
  ReviewState,
  SubjectCategory,
  TransferSafeguard,
  TreatmentStatus,
} from '../common/enums';
import { PageInfo } from '../common/page-info.model';
import { TreatmentEntity } from './treatment.entity';

@ObjectType()
export class Transfer {
  @Field() country: string;
  @Field() recipient: string;
  @Field(() => TransferSafeguard) safeguard: TransferSafeguard;
}

/** One entry of the record of processing activities (art. 30). Relations are resolved by field resolvers. */
@ObjectType()
export class Treatment {
  @Field(() => ID) id: string;
  @Field({ description: 'unique within its school, e.g. T-007' }) reference: string;
  @Field() name: string;
  @Field(() => [String]) purposes: string[];
  @Field(() => LegalBasis) legalBasis: LegalBasis;
  @Field(() => [SubjectCategory]) subjectCategories: SubjectCategory[];
  @Field(() => [DataCategory]) dataCategories: DataCategory[];
  @Field({ description: 'true when dataCategories holds an art. 9 category' }) sensitiveData: boolean;
  @Field(() => [String]) recipients: string[];
  @Field(() => [String]) processors: string[];
  @Field(() => [Transfer]) transfers: Transfer[];
  @Field() retention: string;
  @Field(() => Int, { nullable: true }) retentionMonths: number | null;
  @Field(() => [String]) securityMeasures: string[];
  @Field() dpiaRequired: boolean;
  @Field(() => TreatmentStatus) status: TreatmentStatus;
  @Field(() => String, { nullable: true }) archivedReason: string | null;
  @Field(() => ReviewState) reviewState: ReviewState;
  @Field(() => Int) version: number;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  schoolId: string;
  academyId: string;

  static from(e: TreatmentEntity): Treatment {
    return Object.assign(new Treatment(), {
      id: e.id,
      reference: e.reference,
      name: e.name,
      purposes: e.purposes,
      legalBasis: e.legalBasis,
      subjectCategories: e.subjectCategories,
      dataCategories: e.dataCategories,
      sensitiveData: e.sensitiveData,
      recipients: e.recipients,
      processors: e.processors,
      transfers: e.transfers.map((t) => ({ ...t, safeguard: t.safeguard })),
      retention: e.retention,
      retentionMonths: e.retentionMonths,
      securityMeasures: e.securityMeasures,
      dpiaRequired: e.dpiaRequired,
      status: e.status,
      archivedReason: e.archivedReason,
      reviewState: e.reviewState,
      version: e.version,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      schoolId: e.schoolId,
      academyId: e.academyId,
    });
  }
}

@ObjectType()
export class TreatmentConnection {
  @Field(() => [Treatment]) nodes: Treatment[];
  /** null only when the operation does not select it (libs/core/src/pagination.ts, Page) */
  @Field(() => Int) totalCount: number | null;
  @Field(() => PageInfo) pageInfo: PageInfo;
}
