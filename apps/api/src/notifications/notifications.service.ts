import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, isUuid, Page, PageArgs } from '@app/core';
import { paginate } from '@app/database';
import { requireCan, scope } from '../access';
import { AuditedTransactions } from '../audit/audited-transaction.service';
import { NotificationKind } from '../common/enums';
import { MailQueue } from './mail-queue';
import { NotificationEntity } from './notification.entity';
import { Message } from './notification-messages';
import { NotificationFilter } from './notification.model';
import { Recipient, uniqueRecipients } from './notification-recipients';

/** What a domain asks to tell: one message to some recipients, about one entry. */
export interface NotificationDraft {
  kind: NotificationKind;
  recipients: Recipient[];
  message: Message;
  academyId: string | null;
  schoolId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  /** a personal link (invitation, reset) that replaces SECRET_LINK in the e-mail only */
  secretLink?: string;
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: AuditedTransactions,
    private readonly mail: MailQueue,
  ) {}

  /**
   * Writes the notifications in the transaction `em` (the outbox), one per distinct address, and
   * queues their delivery in the same transaction: they commit with their cause or not at all.
   * Without SMTP_URL they are written NOT_SENT. The number written.
   */
  async enqueue(em: EntityManager, drafts: NotificationDraft[]): Promise<number> {
    const status = this.mail.enabled ? 'QUEUED' : 'NOT_SENT';
    const rows = drafts.flatMap((draft) =>
      uniqueRecipients(draft.recipients).map((recipient) => ({
        id: randomUUID(),
        kind: draft.kind,
        recipient_id: recipient.userId,
        recipient_email: recipient.email,
        subject: draft.message.subject,
        body: draft.message.body,
        academy_id: draft.academyId,
        school_id: draft.schoolId ?? null,
        entity_type: draft.entityType ?? null,
        entity_id: draft.entityId ?? null,
        delivery_status: status,
        secretLink: draft.secretLink,
      })),
    );
    if (rows.length === 0) return 0;
    await em.query(
      `INSERT INTO notification (id, kind, recipient_id, recipient_email, subject, body, academy_id, school_id,
                                 entity_type, entity_id, delivery_status)
       SELECT id, kind, recipient_id, recipient_email, subject, body, academy_id, school_id, entity_type,
              entity_id, delivery_status
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kind text, recipient_id uuid, recipient_email text,
              subject text, body text, academy_id uuid, school_id uuid, entity_type text, entity_id uuid,
              delivery_status text)`,
      [JSON.stringify(rows.map(({ secretLink: _link, ...row }) => row))],
    );
    if (this.mail.enabled) {
      await this.mail.insertJobs(
        em,
        rows.map((row) => this.mail.job(row.id, row.secretLink)),
      );
    }
    return rows.length;
  }

  /**
   * `own` (myNotifications): the caller's own; `oversee` (notifications): those of the schools and
   * academies it oversees (access/permissions.ts, `notification.read`; a TEACHER: FORBIDDEN).
   */
  list<M>(
    caller: Caller,
    view: 'own' | 'oversee',
    filter: NotificationFilter | null | undefined,
    page: PageArgs,
    map: (n: NotificationEntity) => M,
  ): Promise<Page<M>> {
    if (view === 'oversee') requireCan(caller, 'notification.read');
    const visible = scope(caller, view === 'own' ? 'notification.own' : 'notification.read', 'n');
    const query = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where(visible.sql, visible.params);
    if (filter?.schoolId) query.andWhere('n.school_id = :filterSchool', { filterSchool: filter.schoolId });
    if (filter?.kind) query.andWhere('n.kind = :filterKind', { filterKind: filter.kind });
    if (filter?.deliveryStatus) {
      query.andWhere('n.delivery_status = :filterStatus', { filterStatus: filter.deliveryStatus });
    }
    if (filter?.unreadOnly) {
      query.andWhere('n.recipient_id = :unreadOwner AND n.read_at IS NULL', { unreadOwner: caller.userId });
    }
    return paginate(query, page, map);
  }

  /**
   * Marks the caller's own notifications read (the others named are ignored, as absent ones); the
   * number that changed. A read mark is the reader's own state, not register data: no audit event.
   */
  async markRead(caller: Caller, ids: string[]): Promise<number> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (valid.length === 0) return 0;
    const own = scope(caller, 'notification.own', 'n');
    return this.tx.run(caller, async ({ em }) => {
      const mine = await em
        .getRepository(NotificationEntity)
        .createQueryBuilder('n')
        .select('n.id')
        .where(own.sql, own.params)
        .andWhere('n.id IN (:...ids) AND n.read_at IS NULL', { ids: valid })
        .setLock('pessimistic_write')
        .getMany();
      if (mine.length === 0) return 0;
      const result = await em
        .createQueryBuilder()
        .update(NotificationEntity)
        .set({ readAt: () => 'now()' })
        .where('id IN (:...ids) AND read_at IS NULL', { ids: mine.map((n) => n.id) })
        .execute();
      return result.affected ?? 0;
    });
  }
}
