import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Answer, DataCategory, DeclarationStatus, Hosting, RiskFlag, RiskLevel } from '../common/enums';

export type DeclarationStatusValue = DeclarationStatus;

/** A teacher's declaration of a classroom tool that collects student data. */
@Entity('tool_declaration')
export class ToolDeclarationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'academy_id', type: 'uuid' }) academyId: string;
  @Column({ name: 'declared_by_id', type: 'uuid' }) declaredById: string;
  @Column({ type: 'text' }) status: DeclarationStatus;
  @Column({ name: 'tool_name' }) toolName: string;
  @Column({ type: 'text', nullable: true }) vendor: string | null;
  @Column({ type: 'text', nullable: true }) url: string | null;
  @Column() purpose: string;
  @Column({ type: 'text', array: true }) classes: string[];
  @Column({ name: 'approx_student_count', type: 'int', nullable: true }) approxStudentCount: number | null;
  @Column({ name: 'data_categories', type: 'text', array: true }) dataCategories: DataCategory[];
  @Column({ name: 'pseudonyms_used' }) pseudonymsUsed: boolean;
  @Column({ type: 'text' }) hosting: Hosting;
  @Column({ name: 'hosting_country', type: 'text', nullable: true }) hostingCountry: string | null;
  @Column({ name: 'free_software', type: 'text' }) freeSoftware: Answer;
  @Column() institutional: boolean;
  @Column({ name: 'commercial_reuse', type: 'text' }) commercialReuse: Answer;
  @Column({ name: 'families_informed' }) familiesInformed: boolean;
  @Column({ name: 'retention_months', type: 'int', nullable: true }) retentionMonths: number | null;
  @Column({ name: 'security_measures', type: 'text', nullable: true }) securityMeasures: string | null;
  @Column({ name: 'risk_flags', type: 'text', array: true }) riskFlags: RiskFlag[];
  @Column({ name: 'risk_level', type: 'text' }) riskLevel: RiskLevel;
  @Column({ name: 'decision_comment', type: 'text', nullable: true }) decisionComment: string | null;
  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true }) decidedById: string | null;
  @Column({ name: 'treatment_id', type: 'uuid', nullable: true }) treatmentId: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', precision: 3, nullable: true })
  submittedAt: Date | null;
  @Column({ name: 'decided_at', type: 'timestamptz', precision: 3, nullable: true }) decidedAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
