import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { Metrics } from '../observability/metrics';
import { Readiness } from '../observability/readiness';
import { MailQueue } from './mail-queue';

/**
 * The notification outbox, as operations see it (docs/operations.md): at `GET /metrics`,
 * `registre_outbox_queued`, `registre_outbox_failed` and `registre_outbox_oldest_age_seconds`, read from
 * the notification table at scrape time (the same figures from every process: the cluster's sum keeps
 * the largest); at `GET /health/ready`, the check `outbox`: with SMTP_URL set, the mail worker of this
 * process runs.
 */
@Injectable()
export class OutboxObservability implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
    private readonly readiness: Readiness,
    private readonly mail: MailQueue,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const figures = () =>
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE delivery_status = 'QUEUED')::int AS queued,
                count(*) FILTER (WHERE delivery_status = 'FAILED')::int AS failed,
                coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE delivery_status = 'QUEUED')), 0)::float AS oldest
           FROM notification`,
      ) as Promise<{ queued: number; failed: number; oldest: number }[]>;
    let pending: Promise<{ queued: number; failed: number; oldest: number }> | null = null;
    // one query per scrape for the three gauges
    const read = () =>
      (pending ??= figures()
        .then(([row]) => row)
        .finally(() => setImmediate(() => (pending = null))));
    const gauge = (
      name: string,
      help: string,
      pick: (row: { queued: number; failed: number; oldest: number }) => number,
    ) =>
      new Gauge({
        name,
        help,
        registers,
        aggregator: 'max',
        async collect() {
          // a database away (or not migrated yet) leaves the gauge out of this scrape, not the others
          const row = await read().catch(() => null);
          if (row) this.set(pick(row));
          else this.reset();
        },
      });
    gauge('registre_outbox_queued', 'Notifications waiting for the mail worker', (r) => r.queued);
    gauge('registre_outbox_failed', 'Notifications given up after the last retry', (r) => r.failed);
    gauge(
      'registre_outbox_oldest_age_seconds',
      'Age of the oldest notification still waiting for the mail worker (0 when none waits)',
      (r) => r.oldest,
    );
    this.readiness.register('outbox', () => Promise.resolve(!this.mail.enabled || this.mail.running));
  }
}
