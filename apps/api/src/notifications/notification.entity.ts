import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DeliveryStatus, NotificationKind } from '../common/enums';

/** One notification to one recipient: the outbox row, written in the transaction of its cause. */
@Entity('notification')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: NotificationKind;
  @Column({ name: 'recipient_id', type: 'uuid', nullable: true }) recipientId: string | null;
  @Column({ name: 'recipient_email' }) recipientEmail: string;
  @Column() subject: string;
  @Column() body: string;
  @Column({ name: 'academy_id', type: 'uuid', nullable: true }) academyId: string | null;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column({ name: 'entity_type', type: 'text', nullable: true }) entityType: string | null;
  @Column({ name: 'entity_id', type: 'uuid', nullable: true }) entityId: string | null;
  @Column({ name: 'delivery_status', type: 'text' }) deliveryStatus: DeliveryStatus;
  @Column({ type: 'int' }) attempts: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'sent_at', type: 'timestamptz', precision: 3, nullable: true }) sentAt: Date | null;
  @Column({ name: 'read_at', type: 'timestamptz', precision: 3, nullable: true }) readAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
}
