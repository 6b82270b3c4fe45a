import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

@Entity('academy')
export class AcademyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() code: string;
  @Column() name: string;
  @Column({ name: 'dpo_name', type: 'text', nullable: true }) dpoName: string | null;
  @Column({ name: 'dpo_email', type: 'text', nullable: true }) dpoEmail: string | null;
  @Column({ name: 'rssi_email', type: 'text', nullable: true }) rssiEmail: string | null;
  @Column({ name: 'dpo_phone', type: 'text', nullable: true }) dpoPhone: string | null;
  @Column({ name: 'dpo_address', type: 'text', nullable: true }) dpoAddress: string | null;
  /** the hierarchy's address for the alert chain (rectorat or DSDEN) */
  @Column({ name: 'hierarchy_email', type: 'text', nullable: true }) hierarchyEmail: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
