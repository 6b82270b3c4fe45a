import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReviewTargetType, ReviewVerdict } from '../common/enums';

export type ReviewTargetTypeValue = ReviewTargetType;

/** The DPD's dated verdict or comment on an entry. Never edited: a new opinion is a new review. */
@Entity('review')
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'target_type', type: 'text' }) targetType: ReviewTargetType;
  @Column({ name: 'target_id', type: 'uuid' }) targetId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'academy_id', type: 'uuid' }) academyId: string;
  @Column({ name: 'reviewer_id', type: 'uuid' }) reviewerId: string;
  @Column({ type: 'text' }) verdict: ReviewVerdict;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
}
