import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Role } from '@app/core';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'academy_id', type: 'uuid' }) academyId: string;
  @Column() email: string;
  @Column({ name: 'display_name' }) displayName: string;
  /** never leaves the service layer: the GraphQL User model has no such field */
  @Column({ name: 'password_hash', type: 'text', select: false, nullable: true }) passwordHash: string | null;
  /** created without a password, and none chosen yet (computed by the database: password_hash IS NULL) */
  @Column({ name: 'invitation_pending', insert: false, update: false }) invitationPending: boolean;
  @Column() active: boolean;
  /** raised to end every session of the user: a token is valid under its own generation only */
  @Column({ name: 'session_generation', type: 'integer', default: 0 }) sessionGeneration: number;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('role_grant')
export class RoleGrantEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
}
