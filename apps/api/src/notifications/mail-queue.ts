import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/core';
import { htmlOf, SECRET_LINK } from './notification-messages';

/** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465 as nodemailer's options. */
export function smtpOptions(url: string): {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
} {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname,
    port: Number(parsed.port) || (secure ? 465 : 587),
    secure,
    ...(parsed.username
      ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } }
      : {}),
  };
}

/** The pg-boss queue the outbox rows are delivered from. */
export const MAIL_QUEUE = 'notification-mail';
/** pg-boss workers in each API process, and the jobs each takes at a time. */
const WORKERS = 2;
const BATCH_SIZE = 25;

interface MailJob {
  notificationId: string;
  /** a personal link (invitation, reset), encrypted: the database never holds it in clear */
  secret?: string;
}

interface NotificationRow {
  recipient_email: string;
  subject: string;
  body: string;
}

/**
 * Delivery by SMTP (nodemailer) from a durable queue kept in PostgreSQL (pg-boss, schema `pgboss`).
 *
 * - A job is inserted in the transaction of the notification's cause (`insertJobs`, through the
 *   transaction's own connection): a rolled-back change queues nothing, a committed one is never lost.
 * - Every API process runs WORKERS pg-boss workers, each taking BATCH_SIZE jobs at a time and sending
 *   MAIL_CONCURRENCY at once; pg-boss hands each job to one worker (SELECT … FOR UPDATE SKIP LOCKED),
 *   and a notification already SENT is never sent again.
 * - A failed attempt (SMTP down, refused) is retried MAIL_RETRY_LIMIT times with exponential backoff
 *   from MAIL_RETRY_DELAY_SECONDS; the row shows attempts and lastError, then FAILED after the last.
 * Without SMTP_URL nothing starts: notifications are written NOT_SENT.
 */
@Injectable()
export class MailQueue implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MailQueue.name);
  private boss?: PgBoss;
  private transport?: Transporter;
  private readonly key: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createHash('sha256').update(`notification-link:${config.jwtSecret}`).digest();
  }

  get enabled(): boolean {
    return !!this.config.SMTP_URL;
  }

  /** The mail worker of this process is started and not stopped (readiness, with SMTP_URL set). */
  get running(): boolean {
    return !!this.boss && !this.stopped;
  }
  private stopped = false;

  async onModuleInit(): Promise<void> {
    if (!this.config.SMTP_URL) return;
    const options = this.dataSource.options as { url?: string };
    const boss = new PgBoss({
      connectionString: options.url,
      max: this.config.MAIL_CONCURRENCY + 2,
      schedule: false,
      application_name: 'registre-rgpd-mail',
    });
    boss.on('error', (error: Error) => this.logger.warn(`pg-boss: ${error.message}`));
    await boss.start();
    await boss.createQueue(MAIL_QUEUE);
    this.boss = boss;
    this.transport = nodemailer.createTransport({
      ...smtpOptions(this.config.SMTP_URL),
      pool: true,
      maxConnections: this.config.MAIL_CONCURRENCY,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    // pg-boss waits its polling interval after each fetch, busy or not: each worker takes a batch,
    // delivered MAIL_CONCURRENCY at a time, so that a busy queue drains at its SMTP server's pace
    for (let i = 0; i < WORKERS; i++) {
      await boss.work<MailJob>(
        MAIL_QUEUE,
        { batchSize: BATCH_SIZE, includeMetadata: true, pollingIntervalSeconds: 1 },
        (jobs) => this.deliverBatch(jobs),
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.transport?.close();
  }

  /** Queues the delivery of these notifications, in the transaction `em`. */
  async insertJobs(em: EntityManager, jobs: MailJob[]): Promise<void> {
    if (!this.boss || jobs.length === 0) return;
    await this.boss.insert(
      jobs.map((data) => ({
        name: MAIL_QUEUE,
        data,
        retryLimit: this.config.MAIL_RETRY_LIMIT,
        retryDelay: this.config.MAIL_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: 300,
      })),
      { db: { executeSql: async (text, values) => ({ rows: await em.query(text, values) }) } },
    );
  }

  /** The job's data for a notification; `link` is the personal link only the e-mail carries. */
  job(notificationId: string, link?: string): MailJob {
    return link ? { notificationId, secret: this.encrypt(link) } : { notificationId };
  }

  /**
   * Delivers a batch, MAIL_CONCURRENCY at a time. A job whose attempt failed is failed on its own
   * (pg-boss retries it later); the others complete when this returns.
   */
  private async deliverBatch(jobs: PgBoss.JobWithMetadata<MailJob>[]): Promise<void> {
    const waiting = [...jobs];
    await Promise.all(
      Array.from({ length: Math.min(this.config.MAIL_CONCURRENCY, jobs.length) }, async () => {
        for (let job = waiting.shift(); job; job = waiting.shift()) {
          try {
            await this.deliver(job);
          } catch (error) {
            await this.boss!.fail(MAIL_QUEUE, job.id, { message: (error as Error).message });
          }
        }
      }),
    );
  }

  /** One attempt: sends the notification unless it is already sent; throws to be retried. */
  private async deliver(job: PgBoss.JobWithMetadata<MailJob>): Promise<void> {
    const { notificationId } = job.data;
    const [rows]: [NotificationRow[], number] = await this.dataSource.query(
      `UPDATE notification SET attempts = attempts + 1
        WHERE id = $1 AND delivery_status IN ('QUEUED', 'FAILED')
        RETURNING recipient_email, subject, body`,
      [notificationId],
    );
    const row = rows[0];
    if (!row) return; // sent already (or not an outbox row): nothing to do
    const text = job.data.secret ? row.body.replace(SECRET_LINK, this.decrypt(job.data.secret)) : row.body;
    try {
      await this.transport!.sendMail({
        from: this.config.MAIL_FROM,
        to: row.recipient_email,
        subject: row.subject,
        text,
        html: htmlOf(text),
        headers: { 'X-Registre-Notification': notificationId },
      });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const last = job.retryCount >= job.retryLimit;
      await this.dataSource.query(
        `UPDATE notification SET last_error = $2, delivery_status = $3 WHERE id = $1`,
        [notificationId, message, last ? 'FAILED' : 'QUEUED'],
      );
      if (last) this.logger.warn(`notification ${notificationId} not delivered: ${message}`);
      throw error;
    }
    await this.dataSource.query(
      `UPDATE notification SET delivery_status = 'SENT', sent_at = now(), last_error = NULL WHERE id = $1`,
      [notificationId],
    );
  }

  private encrypt(text: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
  }

  private decrypt(sealed: string): string {
    const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }
}
