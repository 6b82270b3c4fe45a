import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { chainKey, eventHash } from '../apps/api/src/audit/audit-chain';
import { canonicalJson } from '../apps/api/src/audit/canonical-json';
import { created } from '../apps/api/src/audit/changes';
import { DECLARATION_AUDITED_FIELDS } from '../apps/api/src/declarations/declarations.service';
import { assessRisk } from '@app/rules/risk-assessment';
import { BENCH_AUDIT_HMAC_KEY, type CapturedQuery } from './api';
import { declarationInput } from './operations';

/**
 * The floor over HTTP: the answer of each operation served by a bare node:http handler in the same
 * process as the API (same event loop, same JSON serialisation, a pg Pool of the API's size), so that
 * the load generator (a process of its own, load.ts) measures both the same way and the ratio is what
 * GraphQL, NestJS and TypeORM add to the SQL.
 */
export type FloorRoute = (body: Record<string, unknown>) => Promise<unknown>;

export interface FloorServer {
  origin: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFloorServer(routes: Record<string, FloorRoute>): Promise<FloorServer> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const route = routes[(req.url ?? '').replace(/^\/floor\//, '')];
        const raw = await readBody(req);
        if (!route) {
          res.writeHead(404).end();
          return;
        }
        const data = await route(raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
        const json = JSON.stringify({ data });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      }
    })();
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

/** Only what a read sends: its SELECTs and the transaction or settings around them. */
const REPLAYABLE = /^\s*(SELECT|WITH|START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET|SHOW)\b/i;

/**
 * The floor of a read: exactly the statements the API sent for one request of it (captured by
 * SqlCapture), with the same parameters, in the same order, on one connection of the pool; the rows
 * of each statement are the answer. The ratio to it is then the API's own cost, whatever its SQL:
 * the same count or none, the same round trips. `shared` names the statements the API folds
 * between concurrent identical requests (the dashboard's counts, DashboardService.sharedCounts):
 * the floor folds them the same way, one execution for the requests that ask at once.
 */
export function replayFloor(
  pool: Pool,
  captured: readonly CapturedQuery[],
  shared: (sql: string) => boolean = () => false,
): () => Promise<unknown[]> {
  const statements = captured.filter((q) => REPLAYABLE.test(q.sql));
  if (statements.length === 0) throw new Error('replayFloor: the API sent no statement to replay');
  const inFlight = new Map<string, Promise<unknown[]>>();
  const once = (key: string, run: () => Promise<unknown[]>) => {
    let running = inFlight.get(key);
    if (!running) {
      running = run().finally(() => inFlight.delete(key));
      inFlight.set(key, running);
    }
    return running;
  };
  return async () => {
    const client = await pool.connect();
    try {
      const answers: unknown[] = [];
      for (const { sql, parameters } of statements) {
        const run = async () => (await client.query(sql, parameters)).rows as unknown[];
        // a folded statement runs on the connection of the request that asked first
        answers.push(shared(sql) ? await once(sql + JSON.stringify(parameters), run) : await run());
      }
      return answers;
    } finally {
      client.release();
    }
  };
}

/**
 * The floor of createToolDeclaration: the declaration and its chained CREATE event in one
 * transaction, the chain serialised by the same advisory lock as appendEvents, and nothing else
 * (no authentication, no scope check).
 */
export async function createDeclarationFloor(
  pool: Pool,
  academyId: string,
  writer: { userId: string; schoolId: string; schoolName: string },
) {
  const input = declarationInput(writer.schoolId) as {
    toolName: string;
    vendor: string;
    url: string;
    purpose: string;
    classes: string[];
    approxStudentCount: number;
    dataCategories: string[];
    pseudonymsUsed: boolean;
    hosting: string;
    hostingCountry: string;
    freeSoftware: string;
    institutional: boolean;
    commercialReuse: string;
    familiesInformed: boolean;
    retentionMonths: number;
    securityMeasures: string | null;
  };
  const risk = assessRisk(input);
  const entity = {
    ...input,
    schoolId: writer.schoolId,
    declaredById: writer.userId,
    status: 'DRAFT',
    riskFlags: risk.flags as string[],
    riskLevel: risk.level as string,
  };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const {
      rows: [row],
    } = await client.query<{ id: string; version: number; created_at: Date }>(
      `INSERT INTO tool_declaration (school_id, academy_id, declared_by_id, status, tool_name, vendor, url, purpose,
         classes, approx_student_count, data_categories, pseudonyms_used, hosting, hosting_country, free_software,
         institutional, commercial_reuse, families_informed, retention_months, security_measures, risk_flags, risk_level)
       VALUES ($1, $2, $3, 'DRAFT', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
       RETURNING id, version, created_at`,
      [
        writer.schoolId,
        academyId,
        writer.userId,
        entity.toolName,
        entity.vendor,
        entity.url,
        entity.purpose,
        entity.classes,
        entity.approxStudentCount,
        entity.dataCategories,
        entity.pseudonymsUsed,
        entity.hosting,
        entity.hostingCountry,
        entity.freeSoftware,
        entity.institutional,
        entity.commercialReuse,
        entity.familiesInformed,
        entity.retentionMonths,
        entity.securityMeasures,
        entity.riskFlags,
        entity.riskLevel,
      ],
    );
    const chain = chainKey(writer.schoolId, academyId);
    // the chain's lock and head in one statement, as appendEvents does (migration 6000)
    const { rows: head } = await client.query<{ last_seq: string; last_hash: string }>(
      'SELECT chain_key, last_seq, last_hash FROM audit_chain_heads($1::text[])',
      [[chain]],
    );
    const previousHash = head.length ? head[0].last_hash : null;
    const event = {
      id: randomUUID(),
      chain,
      seq: head.length ? Number(head[0].last_seq) + 1 : 1,
      at: new Date(),
      actorId: writer.userId,
      action: 'CREATE',
      entityType: 'ToolDeclaration',
      entityId: row.id,
      schoolId: writer.schoolId,
      academyId,
      changes: canonicalJson(created(entity, DECLARATION_AUDITED_FIELDS as (keyof typeof entity)[])),
    };
    await client.query(
      `INSERT INTO audit_event (id, chain, seq, at, actor_id, action, entity_type, entity_id, school_id, academy_id,
         changes, hash, previous_hash, hash_alg)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'hmac-sha256')`,
      [
        event.id,
        event.chain,
        event.seq,
        event.at,
        event.actorId,
        event.action,
        event.entityType,
        event.entityId,
        event.schoolId,
        event.academyId,
        event.changes,
        eventHash('hmac-sha256', BENCH_AUDIT_HMAC_KEY, previousHash, event),
        previousHash,
      ],
    );
    await client.query('COMMIT');
    return {
      id: row.id,
      status: 'DRAFT',
      riskLevel: entity.riskLevel,
      riskFlags: entity.riskFlags,
      version: row.version,
      createdAt: row.created_at,
      school: { id: writer.schoolId, name: writer.schoolName },
    };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
