import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One condition of readiness: resolves true when it holds (it may throw: it does not hold). */
export type ReadinessCheck = () => Promise<boolean>;

/** Each check gets this long; the database's and the others'. */
const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}

/**
 * Is this process ready to take traffic (GET /health/ready)? The database answers, every migration
 * this build knows is applied, the process is not stopping, and every registered check holds.
 *
 * Hook for the other parts (the notification outbox's worker): inject `Readiness` and
 * `register('outbox', async () => workerRuns)`; its name appears in the answer.
 */
@Injectable()
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private migrated = false;
  private stopping = false;

  constructor(private readonly dataSource: DataSource) {}

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** SIGTERM: the load balancer is told at once to send no more requests here. */
  markStopping(): void {
    this.stopping = true;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** The state of every condition; ready when all are true. */
  async report(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const database = await withTimeout(this.dataSource.query('SELECT 1')).then(
      () => true,
      () => false,
    );
    const checks: Record<string, boolean> = {
      database,
      migrations: database && (await this.migrationsApplied().catch(() => false)),
      accepting: !this.stopping,
    };
    for (const [name, check] of this.checks) {
      checks[name] = await withTimeout(check()).catch(() => false);
    }
    return { ready: Object.values(checks).every(Boolean), checks };
  }

  /**
   * Every migration compiled into this build is in the migrations table (main.ts runs them before
   * serving; a process started beside an older database, or before another has run them, waits).
   * Once true it stays true: applied migrations are not undone under a running API.
   */
  private async migrationsApplied(): Promise<boolean> {
    if (this.migrated) return true;
    const table = this.dataSource.options.migrationsTableName ?? 'migrations';
    const exists = await withTimeout(
      this.dataSource.query<{ t: string | null }[]>(`SELECT to_regclass($1) AS t`, [table]),
    );
    if (!exists[0]?.t) return false;
    const rows = await withTimeout(this.dataSource.query<{ name: string }[]>(`SELECT name FROM "${table}"`));
    const applied = new Set(rows.map((row) => row.name));
    this.migrated = this.dataSource.migrations.every((migration) => applied.has(migration.name ?? ''));
    return this.migrated;
  }
}
