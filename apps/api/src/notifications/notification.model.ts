import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Id } from '@app/core';
import { PageInfo } from '../common/page-info.model';
import { DeliveryStatus, NotificationKind } from '../common/enums';
import { NotificationEntity } from './notification.entity';

@ObjectType()
export class Notification {
  @Field(() => ID) id: string;
  @Field(() => NotificationKind) kind: NotificationKind;
  @Field() recipientEmail: string;
  @Field() subject: string;
  @Field({ description: 'plain text, French' }) body: string;
  @Field(() => String, { nullable: true }) entityType: string | null;
  @Field(() => ID, { nullable: true }) entityId: string | null;
  @Field(() => DeliveryStatus) deliveryStatus: DeliveryStatus;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => Date, { nullable: true }) sentAt: Date | null;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
  @Field() createdAt: Date;
  recipientId: string | null;
  schoolId: string | null;

  static from(entity: NotificationEntity): Notification {
    return Object.assign(new Notification(), {
      id: entity.id,
      kind: entity.kind,
      recipientEmail: entity.recipientEmail,
      subject: entity.subject,
      body: entity.body,
      entityType: entity.entityType,
      entityId: entity.entityId,
      deliveryStatus: entity.deliveryStatus,
      attempts: entity.attempts,
      lastError: entity.lastError,
      sentAt: entity.sentAt,
      readAt: entity.readAt,
      createdAt: entity.createdAt,
      recipientId: entity.recipientId,
      schoolId: entity.schoolId,
    });
  }
}

@ObjectType()
export class NotificationConnection {
  @Field(() => [Notification]) nodes: Notification[];
  /** null only when the operation does not select it (libs/core/src/pagination.ts, Page) */
  @Field(() => Int) totalCount: number | null;
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@InputType()
export class NotificationFilter {
  @Field(() => ID, { nullable: true }) @Id({ optional: true }) schoolId?: string | null;
  @Field(() => NotificationKind, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(NotificationKind), { message: 'Valeur inconnue.' })
  kind?: NotificationKind | null;
  @Field(() => DeliveryStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(DeliveryStatus), { message: 'Valeur inconnue.' })
  deliveryStatus?: DeliveryStatus | null;
  @Field(() => Boolean, { nullable: true, description: "only the caller's own, unread" })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean | null;
}
