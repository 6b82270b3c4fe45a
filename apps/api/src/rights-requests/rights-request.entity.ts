import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type {
  RequesterRelation,
  RightsRequestChannel,
  RightsRequestStatus,
  RightType,
  SubjectCategory,
} from '../common/enums';

/** One request to exercise data-protection rights (GDPR art. 12 and 15–22). */
@Entity('rights_request')
export class RightsRequestEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'academy_id', type: 'uuid' }) academyId: string;
  @Column({ type: 'int' }) number: number;
  @Column() reference: string;
  @Column({ name: 'recorded_by_id', type: 'uuid' }) recordedById: string;
  @Column({ name: 'right_types', type: 'text', array: true }) rightTypes: RightType[];
  @Column({ type: 'text' }) channel: RightsRequestChannel;
  @Column({ name: 'received_at', type: 'timestamptz', precision: 3 }) receivedAt: Date;
  /** personal data: never in logs, error messages or mail subjects */
  @Column({ name: 'requester_name' }) requesterName: string;
  @Column({ name: 'requester_relation', type: 'text' }) requesterRelation: RequesterRelation;
  /** personal data, as requesterName */
  @Column({ name: 'subject_name', type: 'text', nullable: true }) subjectName: string | null;
  @Column({ name: 'subject_category', type: 'text' }) subjectCategory: SubjectCategory;
  @Column() description: string;
  @Column({ type: 'text' }) status: RightsRequestStatus;
  /** the deadline with the pauses already ended (libs/rules/src/rights-request-deadline.ts) */
  @Column({ name: 'due_at', type: 'timestamptz', precision: 3 }) dueAt: Date;
  @Column() extended: boolean;
  @Column({ name: 'extension_reason', type: 'text', nullable: true }) extensionReason: string | null;
  @Column({ name: 'extension_notified_at', type: 'timestamptz', precision: 3, nullable: true })
  extensionNotifiedAt: Date | null;
  /** days of the pauses already ended */
  @Column({ name: 'paused_days', type: 'int' }) pausedDays: number;
  @Column({ name: 'awaiting_since', type: 'timestamptz', precision: 3, nullable: true })
  awaitingSince: Date | null;
  @Column({ name: 'answered_at', type: 'timestamptz', precision: 3, nullable: true }) answeredAt: Date | null;
  @Column({ name: 'answer_summary', type: 'text', nullable: true }) answerSummary: string | null;
  @Column({ name: 'refusal_reason', type: 'text', nullable: true }) refusalReason: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('rights_request_treatment')
export class RightsRequestTreatmentEntity {
  @PrimaryColumn({ name: 'rights_request_id', type: 'uuid' }) rightsRequestId: string;
  @PrimaryColumn({ name: 'treatment_id', type: 'uuid' }) treatmentId: string;
}
