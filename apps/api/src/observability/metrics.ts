import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import cluster from 'node:cluster';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { Pool } from 'pg';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, ConfigError } from '@app/core';
import { ExportsService } from '../exports/exports.service';
import { ObservedRequest, operationOf, outcomeOf } from './request-fields';
import { onSecurityEvent } from '../common/security-events';

/** Distinct operation labels kept; later names count as `(other)` (the label set stays bounded). */
const MAX_OPERATIONS = 300;

/**
 * OPEN violations whose CNIL notification is required, not made, and past its deadline (72 hours
 * after discovery, RULES.md): one COUNT per académie through violation_academy_open
 * (academy_id, status, cnil_deadline).
 */
const OVERDUE_SQL = `
  SELECT count(*)::int AS n
    FROM academy a
    JOIN violation v ON v.academy_id = a.id AND v.status = 'OPEN' AND v.cnil_deadline < now()
   WHERE v.cnil_notification_required AND v.cnil_notified_at IS NULL`;

/** A worker's request for the whole cluster's metrics, and the primary's answer (API_WORKERS > 1). */
const CLUSTER_REQUEST = 'registre:cluster-metrics';
const CLUSTER_ANSWER = 'registre:cluster-metrics:answer';
const CLUSTER_TIMEOUT_MS = 8000;

interface ClusterMessage {
  type?: string;
  id?: number;
  text?: string;
  error?: string;
}

/**
 * In the primary of API_WORKERS > 1 (main.ts): answers a worker's request for the metrics of every
 * worker, summed (counters, histograms, pools) or as prom-client aggregates each default metric, so
 * that a scrape, whichever worker the connection reaches, sees the whole instance.
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: ClusterMessage) => {
    if (message?.type !== CLUSTER_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: CLUSTER_ANSWER, id: message.id, text } satisfies ClusterMessage),
      (error: unknown) => worker.send({ type: CLUSTER_ANSWER, id: message.id, error: String(error) }),
    );
  });
}

let clusterRequests = 0;
let workerAggregator: unknown;

/** In a worker: the whole cluster's metrics, asked of the primary. */
function clusterText(): Promise<string> {
  const id = ++clusterRequests;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('the primary did not answer'));
    }, CLUSTER_TIMEOUT_MS);
    const onMessage = (message: ClusterMessage) => {
      if (message?.type !== CLUSTER_ANSWER || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.text !== undefined) resolve(message.text);
      else reject(new Error(message.error ?? 'no metrics'));
    };
    process.on('message', onMessage);
    process.send!({ type: CLUSTER_REQUEST, id } satisfies ClusterMessage);
  });
}

/** Parses METRICS_ALLOW (addresses and CIDR ranges, IPv4 or IPv6). */
export function parseAllowList(list: string): BlockList {
  const allowed = new BlockList();
  for (const entry of list
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [address, bits] = entry.split('/');
    const type = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
    const prefix = bits === undefined ? (type === 'ipv4' ? 32 : 128) : Number(bits);
    if (!type || !(prefix >= 0 && prefix <= (type === 'ipv4' ? 32 : 128))) {
      throw new ConfigError(
        `Invalid environment:\n  METRICS_ALLOW: "${entry}" is not an address or a CIDR range`,
      );
    }
    allowed.addSubnet(address, prefix, type);
  }
  return allowed;
}

/** Is the connection's own address (not X-Forwarded-For) in the list? IPv4-mapped IPv6 counts as IPv4. */
export function addressAllowed(allowed: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return allowed.check(mapped[1], 'ipv4');
  return allowed.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
}

/**
 * The API's Prometheus metrics (docs/operations.md lists them), in a registry of this application
 * (not prom-client's global one: tests run several applications in one process).
 *
 * Hook for the other parts (the notification outbox): inject `Metrics` and register gauges on
 * `metrics.registry`, computed at scrape time with `collect()`; the alert rules of deploy/ expect
 * `registre_outbox_queued`, `registre_outbox_failed` and `registre_outbox_oldest_age_seconds`.
 */
@Injectable()
export class Metrics implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly allowed: BlockList;
  private readonly requestDuration: Histogram<'operation' | 'outcome'>;
  private readonly operations = new Set<string>();
  private readonly stopListening: () => void;
  private overdue: Promise<number> | null = null;

  constructor(
    @Inject(APP_CONFIG) readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {
    this.allowed = parseAllowList(config.METRICS_ALLOW);
    // a worker of API_WORKERS > 1 answers the primary's aggregation with this registry
    // (an AggregatorRegistry made in a worker is what installs prom-client's answering listener)
    if (cluster.isWorker) {
      workerAggregator ??= new AggregatorRegistry();
      AggregatorRegistry.setRegistries([this.registry]);
    }
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requestDuration = new Histogram({
      name: 'registre_http_request_duration_seconds',
      help: 'HTTP requests by GraphQL operation (or (http) for the other routes) and outcome (extensions.code of the first error, or OK)',
      labelNames: ['operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    const pool = () => (this.dataSource.driver as unknown as { master?: Pool }).master;
    new Gauge({
      name: 'registre_db_pool_connections',
      help: 'Connections of this process to PostgreSQL, by state (in_use, idle)',
      labelNames: ['state'],
      registers,
      collect() {
        const p = pool();
        this.set({ state: 'in_use' }, p ? p.totalCount - p.idleCount : 0);
        this.set({ state: 'idle' }, p ? p.idleCount : 0);
      },
    });
    new Gauge({
      name: 'registre_db_pool_waiting',
      help: 'Queries of this process waiting for a free PostgreSQL connection',
      registers,
      collect() {
        this.set(pool()?.waitingCount ?? 0);
      },
    });
    new Gauge({
      name: 'registre_db_pool_max',
      help: 'Largest number of PostgreSQL connections of this process',
      registers,
      collect() {
        this.set((pool() as unknown as { options?: { max?: number } })?.options?.max ?? 0);
      },
    });
    const renders = () => this.moduleRef.get(ExportsService, { strict: false }).renderQueue;
    new Gauge({
      name: 'registre_pdf_render_jobs',
      help: 'PDF documents of this process being rendered (state=active) or waiting for a render worker (state=waiting)',
      labelNames: ['state'],
      registers,
      collect() {
        const queue = renders();
        this.set({ state: 'active' }, queue.active);
        this.set({ state: 'waiting' }, queue.waiting);
      },
    });
    new Gauge({
      name: 'registre_pdf_render_workers',
      help: 'PDF render worker threads alive in this process',
      registers,
      collect() {
        this.set(renders().workerCount);
      },
    });
    const loginFailures = new Counter({
      name: 'registre_login_failures_total',
      help: 'Failed logins (unknown account, wrong password, deactivated account)',
      registers,
    });
    const lockouts = new Counter({
      name: 'registre_login_lockouts_total',
      help: 'Accounts or addresses locked out after too many failed logins, by key (account, address)',
      labelNames: ['key'],
      registers,
    });
    const events = new Counter({
      name: 'registre_security_events_total',
      help: 'Security events (the log lines with security: true), by event',
      labelNames: ['event'],
      registers,
    });
    this.stopListening = onSecurityEvent((e) => {
      events.inc({ event: e.event });
      if (e.event === 'login.failure') loginFailures.inc();
      if (e.event === 'login.lockout') lockouts.inc({ key: e.key });
    });
    const overdueCount = () => this.overdueCount();
    new Gauge({
      name: 'registre_violations_cnil_overdue',
      help: 'OPEN violations whose required CNIL notification is not made and past its 72-hour deadline',
      registers,
      // every worker counts the same rows: the cluster's value is one of them, not their sum
      aggregator: 'max',
      async collect() {
        this.set(await overdueCount());
      },
    });
  }

  onModuleDestroy(): void {
    this.stopListening();
  }

  /** Express middleware: the duration of every request, by operation and outcome, when it ends. */
  observe(): (req: Request, res: Response, next: NextFunction) => void {
    return (req, res, next) => {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        this.requestDuration.observe(
          {
            operation: this.operationLabel(operationOf(req as ObservedRequest)),
            outcome: outcomeOf(req, res),
          },
          seconds,
        );
      });
      next();
    };
  }

  /** The Prometheus text of this process, or of every worker of the cluster (API_WORKERS > 1). */
  text(): Promise<string> {
    if (cluster.isWorker && process.send) return clusterText().catch(() => this.registry.metrics());
    return this.registry.metrics();
  }

  private operationLabel(operation: string): string {
    if (this.operations.has(operation)) return operation;
    if (this.operations.size >= MAX_OPERATIONS) return '(other)';
    this.operations.add(operation);
    return operation;
  }

  /** One COUNT per scrape; concurrent scrapes share it. NaN when the database does not answer. */
  private overdueCount(): Promise<number> {
    this.overdue ??= this.dataSource
      .query<{ n: number }[]>(OVERDUE_SQL)
      .then(
        (rows) => rows[0].n,
        () => Number.NaN,
      )
      .finally(() => (this.overdue = null));
    return this.overdue;
  }
}
