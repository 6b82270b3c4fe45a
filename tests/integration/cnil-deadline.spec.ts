import { Client } from 'pg';
import {
  CNIL_DEADLINE_SQL,
  CNIL_NOTIFICATION_REQUIRED_SQL,
  cnilDeadline,
  cnilDeadlineStatus,
  cnilNotificationRequired,
  cnilOverdueSql,
  isCnilOverdue,
} from '@app/rules';

const HOUR = 3_600_000;

/**
 * The CNIL deadline rule is defined once in TypeScript (libs/rules/src/cnil-deadline.ts) and computed
 * by the database too (the violation's generated columns, the filters' SQL): both must agree on every
 * case, on the real migrated schema.
 */
describe('the CNIL deadline: the SQL and the TypeScript agree', () => {
  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
  });
  afterAll(() => db.end());

  it('the schema computes the columns with the expressions written next to the rule', async () => {
    const [column] = (
      await db.query(
        `SELECT generation_expression FROM information_schema.columns
          WHERE table_name = 'violation' AND column_name = 'cnil_notification_required'`,
      )
    ).rows;
    // PostgreSQL prints the expression back with its casts
    expect(column.generation_expression.replace(/::text/g, '')).toBe(`(${CNIL_NOTIFICATION_REQUIRED_SQL})`);
    const [fn] = (await db.query(`SELECT prosrc FROM pg_proc WHERE proname = 'cnil_deadline'`)).rows;
    expect(fn.prosrc.trim()).toBe(`SELECT ${CNIL_DEADLINE_SQL}`);
  });

  const risks = ['UNLIKELY', 'RISK', 'HIGH_RISK'];
  const discoveredAgo = [200, 73, 72.5, 71, 1]; // hours before now
  const notifiedAfter = [null, 1, 71.9, 72, 72.1, 90]; // hours after the discovery
  const cases = risks.flatMap((risk) =>
    discoveredAgo.flatMap((ago) => notifiedAfter.map((after) => ({ risk, ago, after }))),
  );

  it(`on ${cases.length} violations: required, deadline, status and overdue, as of the database's now()`, async () => {
    const [{ now }] = (await db.query('SELECT now() AS now')).rows as { now: Date }[];
    const disagreements: unknown[] = [];
    for (const { risk, ago, after } of cases) {
      const discoveredAt = new Date(now.getTime() - ago * HOUR);
      const notifiedAt = after === null ? null : new Date(discoveredAt.getTime() + after * HOUR);
      // the row as the violation table computes it, in one statement: now() is the same instant
      const [sql] = (
        await db.query(
          `WITH input AS (SELECT $1::text AS risk, $2::timestamptz AS discovered_at, $3::timestamptz AS cnil_notified_at),
                v AS (SELECT (${CNIL_NOTIFICATION_REQUIRED_SQL}) AS cnil_notification_required,
                             cnil_deadline(discovered_at) AS cnil_deadline, cnil_notified_at FROM input)
           SELECT v.cnil_notification_required AS required, v.cnil_deadline AS deadline,
                  ${cnilOverdueSql('v')} AS overdue, NOT ${cnilOverdueSql('v')} AS "notOverdue", now() AS now
             FROM v`,
          [risk, discoveredAt, notifiedAt],
        )
      ).rows as { required: boolean; deadline: Date; overdue: boolean; notOverdue: boolean; now: Date }[];
      const facts = {
        cnilNotificationRequired: cnilNotificationRequired(risk),
        cnilDeadline: cnilDeadline(discoveredAt),
        cnilNotifiedAt: notifiedAt,
      };
      const ts = {
        required: facts.cnilNotificationRequired,
        deadline: facts.cnilDeadline.toISOString(),
        overdue: isCnilOverdue(facts, now),
        notOverdue: !isCnilOverdue(facts, now),
      };
      const fromSql = { ...sql, deadline: sql.deadline.toISOString() };
      delete (fromSql as { now?: Date }).now;
      if (JSON.stringify(ts) !== JSON.stringify(fromSql))
        disagreements.push({ risk, ago, after, ts, fromSql });
    }
    expect(disagreements).toEqual([]);
  });

  it('names each status the documents print, on both sides of the deadline', () => {
    const deadline = new Date('2026-03-04T12:00:00Z');
    const at = (iso: string) => new Date(iso);
    const facts = (required: boolean, notified: Date | null) => ({
      cnilNotificationRequired: required,
      cnilDeadline: deadline,
      cnilNotifiedAt: notified,
    });
    const before = at('2026-03-04T11:00:00Z');
    const after = at('2026-03-04T13:00:00Z');
    expect(cnilDeadlineStatus(facts(false, null), after)).toBe('NOT_REQUIRED');
    expect(cnilDeadlineStatus(facts(true, deadline), after)).toBe('NOTIFIED_IN_TIME');
    expect(cnilDeadlineStatus(facts(true, after), after)).toBe('NOTIFIED_LATE');
    expect(cnilDeadlineStatus(facts(true, null), after)).toBe('NOT_NOTIFIED_OVERDUE');
    expect(cnilDeadlineStatus(facts(true, null), before)).toBe('NOT_NOTIFIED_PENDING');
    expect(cnilDeadline(at('2026-03-01T12:00:00Z'))).toEqual(deadline);
  });
});
