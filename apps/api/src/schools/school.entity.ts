import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { SchoolKind } from '../common/enums';

@Entity('school')
export class SchoolEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'academy_id', type: 'uuid' }) academyId: string;
  @Column() uai: string;
  @Column() name: string;
  @Column({ type: 'text' }) kind: SchoolKind;
  @Column({ type: 'text', nullable: true }) city: string | null;
  @Column({ type: 'text', nullable: true }) address: string | null;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
