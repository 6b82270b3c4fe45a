import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type {
  DataCategory,
  LegalBasis,
  ReviewState,
  SubjectCategory,
  TransferSafeguard,
  TreatmentStatus,
} from '../common/enums';

export interface TransferValue {
  country: string;
  recipient: string;
  safeguard: TransferSafeguard;
}

/** One entry of the record of processing activities (GDPR art. 30). */
@Entity('treatment')
export class TreatmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'academy_id', type: 'uuid' }) academyId: string;
  @Column({ type: 'int' }) number: number;
  @Column() reference: string;
  @Column() name: string;
  @Column({ type: 'text', array: true }) purposes: string[];
  @Column({ name: 'legal_basis', type: 'text' }) legalBasis: LegalBasis;
  @Column({ name: 'subject_categories', type: 'text', array: true }) subjectCategories: SubjectCategory[];
  @Column({ name: 'data_categories', type: 'text', array: true }) dataCategories: DataCategory[];
  @Column({ name: 'sensitive_data' }) sensitiveData: boolean;
  @Column({ type: 'text', array: true }) recipients: string[];
  @Column({ type: 'text', array: true }) processors: string[];
  @Column({ type: 'jsonb' }) transfers: TransferValue[];
  @Column() retention: string;
  @Column({ name: 'retention_months', type: 'int', nullable: true }) retentionMonths: number | null;
  @Column({ name: 'security_measures', type: 'text', array: true }) securityMeasures: string[];
  @Column({ name: 'dpia_required' }) dpiaRequired: boolean;
  @Column({ type: 'text' }) status: TreatmentStatus;
  @Column({ name: 'archived_reason', type: 'text', nullable: true }) archivedReason: string | null;
  @Column({ name: 'archived_at', type: 'timestamptz', precision: 3, nullable: true }) archivedAt: Date | null;
  @Column({ name: 'review_state', type: 'text' }) reviewState: ReviewState;
  @Column({ name: 'created_by_id', type: 'uuid', nullable: true }) createdById: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
