import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/core';

/** The head of one chain: its last event's sequence number and hash. */
export interface ChainHead {
  chain: string;
  /** the academy of the chain's events (null for the global chain): who may verify it */
  academyId: string | null;
  seq: number;
  hash: string;
}

export interface Checkpoint extends ChainHead {
  /** when it was recorded */
  at: string;
}

export interface CheckpointRead {
  /** per chain, the checkpoint of the highest sequence number */
  heads: Map<string, Checkpoint>;
  /** line numbers (from 1) whose signature does not match or that cannot be read */
  invalidLines: number[];
  /** chains with two signed checkpoints of one sequence number and different hashes */
  conflicting: Set<string>;
}

export const CHECKPOINT_FILE = 'checkpoints.jsonl';

/**
 * Signed checkpoints of the audit chains' heads, appended to AUDIT_CHECKPOINT_DIR/checkpoints.jsonl,
 * outside the database: one JSON line `{ chain, academyId, seq, hash, at, sig }` per chain each
 * time a transaction appends to it (after its commit), `sig` being HMAC-SHA-256 under
 * AUDIT_HMAC_KEY. A database superuser can rewrite audit_event, not this file nor the key: a
 * chain that ends before its checkpoint lost its tail, a checkpointed chain that is gone was
 * deleted, a chain whose event at the checkpoint's sequence has another hash was rewritten
 * (AuditService.verify).
 *
 * At start, every chain that has no checkpoint yet (the trail written before checkpoints existed,
 * a chain seeded straight into the database) is checkpointed as it is: from then on its plain
 * SHA-256 events are anchored too (docs/audit-trail.md).
 *
 * Lines are short single writes in append mode: processes appending at once (cluster workers) do
 * not interleave them. A failed append is logged, the mutation has committed already.
 */
@Injectable()
export class AuditCheckpoints implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditCheckpoints.name);
  readonly file: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    this.file = join(config.auditCheckpointDir, CHECKPOINT_FILE);
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      const anchored = await this.anchorUncheckpointed();
      if (anchored) this.logger.log(`${anchored} audit chain(s) checkpointed for the first time`);
    } catch (error) {
      // the API still serves; the next start anchors them
      this.logger.warn(`audit chains not anchored at start: ${(error as Error).message}`);
    }
  }

  /** Appends one signed checkpoint per head. */
  async record(heads: ChainHead[]): Promise<void> {
    if (heads.length === 0) return;
    const at = new Date().toISOString();
    const lines = heads.map((head) => {
      const checkpoint: Checkpoint = {
        chain: head.chain,
        academyId: head.academyId,
        seq: head.seq,
        hash: head.hash,
        at,
      };
      return JSON.stringify({ ...checkpoint, sig: this.sign(checkpoint) }) + '\n';
    });
    try {
      await mkdir(this.config.auditCheckpointDir, { recursive: true });
      await appendFile(this.file, lines.join(''), { mode: 0o600 });
    } catch (error) {
      this.logger.error(`audit checkpoint not recorded (${this.file}): ${(error as Error).message}`);
    }
  }

  /** Every checkpoint, the highest per chain kept; lines that fail their signature are named. */
  async read(): Promise<CheckpointRead> {
    const heads = new Map<string, Checkpoint>();
    const invalidLines: number[] = [];
    const conflicting = new Set<string>();
    if (!existsSync(this.file)) return { heads, invalidLines, conflicting };
    const lines = createInterface({ input: createReadStream(this.file, 'utf8'), crlfDelay: Infinity });
    let number = 0;
    for await (const line of lines) {
      number += 1;
      if (!line.trim()) continue;
      const checkpoint = this.parse(line);
      if (!checkpoint) {
        invalidLines.push(number);
        continue;
      }
      const known = heads.get(checkpoint.chain);
      if (!known || known.seq < checkpoint.seq) heads.set(checkpoint.chain, checkpoint);
      else if (known.seq === checkpoint.seq && known.hash !== checkpoint.hash) {
        conflicting.add(checkpoint.chain);
      }
    }
    return { heads, invalidLines, conflicting };
  }

  /** Checkpoints the head of every chain that has none yet. */
  async anchorUncheckpointed(): Promise<number> {
    const { heads } = await this.read();
    const rows: { chain: string; academy_id: string | null; seq: string; hash: string }[] =
      await this.dataSource.query(
        `SELECT DISTINCT ON (chain) chain, academy_id, seq, hash FROM audit_event ORDER BY chain, seq DESC`,
      );
    const missing = rows
      .filter((row) => !heads.has(row.chain))
      .map((row) => ({ chain: row.chain, academyId: row.academy_id, seq: Number(row.seq), hash: row.hash }));
    await this.record(missing);
    return missing.length;
  }

  private parse(line: string): Checkpoint | null {
    try {
      const value = JSON.parse(line) as Partial<Checkpoint> & { sig?: unknown };
      if (
        typeof value.chain !== 'string' ||
        !(typeof value.academyId === 'string' || value.academyId === null) ||
        !Number.isSafeInteger(value.seq) ||
        typeof value.hash !== 'string' ||
        typeof value.at !== 'string' ||
        typeof value.sig !== 'string'
      ) {
        return null;
      }
      const checkpoint: Checkpoint = {
        chain: value.chain,
        academyId: value.academyId,
        seq: value.seq as number,
        hash: value.hash,
        at: value.at,
      };
      const expected = Buffer.from(this.sign(checkpoint), 'hex');
      const given = Buffer.from(value.sig, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected) ? checkpoint : null;
    } catch {
      return null;
    }
  }

  /** HMAC-SHA-256 under AUDIT_HMAC_KEY, over a text no event hash shares (its first line). */
  sign(checkpoint: Checkpoint): string {
    return createHmac('sha256', this.config.auditHmacKey)
      .update(
        [
          'registre-rgpd audit checkpoint v1',
          checkpoint.chain,
          checkpoint.academyId ?? '',
          checkpoint.seq,
          checkpoint.hash,
          checkpoint.at,
        ].join('\n'),
      )
      .digest('hex');
  }
}
