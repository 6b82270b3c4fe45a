import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const SCHOOL_KINDS = ['ECOLE', 'COLLEGE', 'LYCEE', 'LYCEE_PROFESSIONNEL', 'EREA', 'OTHER'] as const;
export type SchoolKindValue = (typeof SCHOOL_KINDS)[number];

@Entity('school')
export class SchoolEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'academy_id', type: 'uuid' }) academyId: string;
  @Column() uai: string;
  @Column() name: string;
  @Column({ type: 'text' }) kind: SchoolKindValue;
  @Column({ type: 'text', nullable: true }) city: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
