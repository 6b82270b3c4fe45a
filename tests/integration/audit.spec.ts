import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { In } from 'typeorm';
import { chainHash } from '../../apps/api/src/audit/audit-chain';
import { AuditedTransactions } from '../../apps/api/src/audit/audited-transaction.service';
import { TreatmentEntity } from '../../apps/api/src/treatments/treatment.entity';
import { versionedUpdateAll } from '@app/database';
import { RegisterFixtures } from '../helpers/register-fixtures';
import { Factory, TestAcademy } from '../helpers/factories';
import { createTestApp, errorCode, ok, ownCheckpointDir, TestApp } from '../helpers/test-app';

const TRAIL = `query($filter: AuditFilter, $first: Int, $after: String) {
  auditTrail(filter: $filter, first: $first, after: $after) {
    totalCount
    nodes { id at action entityType entityId changes hash previousHash actor { id } school { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const VERIFY = `{ verifyAuditTrail { valid checkedEvents firstBrokenEventId } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;

interface TrailNode {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: string;
  hash: string;
  previousHash: string | null;
  actor: { id: string } | null;
  school: { id: string } | null;
}
interface Trail {
  auditTrail: {
    totalCount: number;
    nodes: TrailNode[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('audit trail', () => {
  let t: TestApp;
  let f: Factory;
  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
  });
  afterAll(() => t.close());

  const teacherInput = (academyId: string, schoolId: string, n: number) => ({
    academyId,
    email: `prof${n}.${Math.random().toString(36).slice(2)}@ac-test.fr`,
    displayName: `Professeur ${n}`,
    password: 'un-mot-de-passe-long',
    grants: [{ role: 'TEACHER', schoolId }],
  });

  it('chains the events of concurrent writers without a fork, and verifyAuditTrail finds it valid', async () => {
    const w = await f.world();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        t.gql(CREATE_USER, { input: teacherInput(w.academy.id, w.schoolA.id, n) }, w.headA.token),
      ),
    );
    results.forEach(ok);
    const rows: { seq: string; hash: string; previous_hash: string | null }[] = await t.dataSource.query(
      `SELECT seq, hash, previous_hash FROM audit_event WHERE chain = $1 ORDER BY seq`,
      [`academy:${w.academy.id}`],
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    rows.forEach((row, i) => expect(row.previous_hash).toBe(i === 0 ? null : rows[i - 1].hash));
    const verification = ok(
      await t.gql<{ verifyAuditTrail: { valid: boolean; checkedEvents: number } }>(VERIFY, {}, w.dpd.token),
    );
    expect(verification.verifyAuditTrail).toEqual({
      valid: true,
      checkedEvents: expect.any(Number),
      firstBrokenEventId: null,
    });
    expect(verification.verifyAuditTrail.checkedEvents).toBeGreaterThanOrEqual(12);
  });

  it('lists events newest first with filters and cursor pagination, within the caller’s scope', async () => {
    const w = await f.world();
    for (let n = 0; n < 3; n++)
      ok(await t.gql(CREATE_USER, { input: teacherInput(w.academy.id, w.schoolA.id, n) }, w.admin.token));
    const firstPage = ok(
      await t.gql<Trail>(TRAIL, { filter: { actorId: w.admin.id }, first: 2 }, w.dpd.token),
    );
    expect(firstPage.auditTrail.totalCount).toBe(3);
    expect(firstPage.auditTrail.nodes).toHaveLength(2);
    expect(firstPage.auditTrail.nodes[0]).toMatchObject({
      action: 'CREATE',
      entityType: 'User',
      actor: { id: w.admin.id },
    });
    const secondPage = ok(
      await t.gql<Trail>(
        TRAIL,
        { filter: { actorId: w.admin.id }, first: 2, after: firstPage.auditTrail.pageInfo.endCursor },
        w.dpd.token,
      ),
    );
    expect(secondPage.auditTrail.nodes).toHaveLength(1);
    expect(secondPage.auditTrail.pageInfo.hasNextPage).toBe(false);
    const all = [...firstPage.auditTrail.nodes, ...secondPage.auditTrail.nodes];
    expect(new Set(all.map((n) => n.id)).size).toBe(3);
    // newest first: the chain's sequence decreases down the list
    const seqs = await t.dataSource.query(`SELECT id, seq FROM audit_event WHERE id = ANY($1)`, [
      all.map((n) => n.id),
    ]);
    const seqOf = new Map(seqs.map((r: { id: string; seq: string }) => [r.id, Number(r.seq)]));
    expect(all.map((n) => seqOf.get(n.id))).toEqual([3, 2, 1]);

    const one = all[1];
    const byEntity = ok(
      await t.gql<Trail>(TRAIL, { filter: { entityId: one.entityId, entityType: 'User' } }, w.admin.token),
    );
    expect(byEntity.auditTrail.nodes.map((n) => n.id)).toEqual([one.id]);
    const future = ok(
      await t.gql<Trail>(
        TRAIL,
        { filter: { actorId: w.admin.id, since: new Date(Date.now() + 60_000).toISOString() } },
        w.dpd.token,
      ),
    );
    expect(future.auditTrail.totalCount).toBe(0);
  });

  it('shows a HEAD its schools’ events only, a DPD its academy’s, and refuses teachers', async () => {
    const w = await f.world();
    const uai = (n: number) => `${n}${'ABCDEFGHJKLMNPRSTUVWXYZ'[n % 23]}`;
    const digits = 1_000_000 + Math.floor(Math.random() * 8_999_999);
    const created = ok(
      await t.gql<{ createSchool: { id: string } }>(
        `mutation($input: CreateSchoolInput!) { createSchool(input: $input) { id } }`,
        { input: { academyId: w.academy.id, uai: uai(digits), name: 'École Marie Curie', kind: 'ECOLE' } },
        w.admin.token,
      ),
    );
    const schoolId = created.createSchool.id;
    await t.dataSource.query(`INSERT INTO role_grant (user_id, role, school_id) VALUES ($1, 'HEAD', $2)`, [
      w.headA.id,
      schoolId,
    ]);
    const ids = async (token: string) =>
      ok(await t.gql<Trail>(TRAIL, { filter: { entityId: schoolId } }, token)).auditTrail.nodes.map(
        (n) => n.school?.id,
      );
    expect(await ids(w.headA.token)).toEqual([schoolId]);
    expect(await ids(w.dpd.token)).toEqual([schoolId]);
    expect(await ids(w.headB.token)).toEqual([]);
    const otherDpd = await f.user(await f.academy(), [{ role: 'DPD' }]);
    expect(await ids(otherDpd.token)).toEqual([]);
    expect(errorCode(await t.gql(TRAIL, {}, w.teacherA.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(VERIFY, {}, w.headA.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(VERIFY, {}, w.teacherA.token))).toBe('FORBIDDEN');
  });

  it('names the event altered behind the API’s back, and the database refuses UPDATE and DELETE', async () => {
    const w = await f.world();
    const created = ok(
      await t.gql<{ createUser: { id: string } }>(
        CREATE_USER,
        { input: teacherInput(w.academy.id, w.schoolA.id, 1) },
        w.admin.token,
      ),
    );
    const [event] = await t.dataSource.query(`SELECT id, changes FROM audit_event WHERE entity_id = $1`, [
      created.createUser.id,
    ]);

    await expect(
      t.dataSource.query(`UPDATE audit_event SET changes = '{}' WHERE id = $1`, [event.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_event WHERE id = $1`, [event.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);

    // a superuser disables the trigger and rewrites history
    const tamper = async (changes: string) => {
      await t.dataSource.transaction(async (em) => {
        await em.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete`);
        await em.query(`UPDATE audit_event SET changes = $2 WHERE id = $1`, [event.id, changes]);
        await em.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete`);
      });
    };
    await tamper(event.changes.replace('Professeur 1', 'Professeur 2'));
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      for (const token of [w.dpd.token, w.admin.token]) {
        const result = ok(
          await t.gql<{ verifyAuditTrail: { valid: boolean; firstBrokenEventId: string } }>(
            VERIFY,
            {},
            token,
          ),
        );
        expect(result.verifyAuditTrail).toMatchObject({ valid: false, firstBrokenEventId: event.id });
      }
      // each failed verification is a security event of the logs, naming ids only
      const security = warned.mock.calls
        .map((call) => call[0] as Record<string, unknown>)
        .filter((l) => l?.security);
      expect(security).toEqual(
        [w.dpd.id, w.admin.id].map((userId) => ({
          security: true,
          event: 'audit.verification_failed',
          userId,
          firstBrokenEventId: event.id,
          msg: 'audit trail verification failed',
        })),
      );
    } finally {
      warned.mockRestore();
      await tamper(event.changes); // leave a valid trail for the suites that follow
    }
    const restored = ok(await t.gql<{ verifyAuditTrail: { valid: boolean } }>(VERIFY, {}, w.dpd.token));
    expect(restored.verifyAuditTrail.valid).toBe(true);
  });

  it('writes no event for a refused mutation', async () => {
    const w = await f.world();
    const [{ count: before }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_event`);
    const refused = await t.gql(
      CREATE_USER,
      { input: { ...teacherInput(w.academy.id, w.schoolB.id, 1) } },
      w.headA.token,
    );
    expect(errorCode(refused)).toBe('NOT_FOUND');
    const [{ count: after }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_event`);
    expect(after).toBe(before);
  });
});

const VERIFY_FULL = `{ verifyAuditTrail {
  valid checkedEvents firstBrokenEventId checkedChains problems { kind chain seq eventId message }
} }`;

interface Problem {
  kind: string;
  chain: string | null;
  seq: number | null;
  eventId: string | null;
  message: string;
}
interface Verification {
  valid: boolean;
  checkedEvents: number;
  firstBrokenEventId: string | null;
  checkedChains: number;
  problems: Problem[];
}

interface EventRow {
  id: string;
  chain: string;
  seq: string;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  school_id: string | null;
  academy_id: string | null;
  changes: string;
  hash: string;
  previous_hash: string | null;
}

/** The content the hash covers, from a row. */
const contentOf = (row: EventRow) => ({
  id: row.id,
  chain: row.chain,
  seq: Number(row.seq),
  at: row.at,
  actorId: row.actor_id,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  schoolId: row.school_id,
  academyId: row.academy_id,
  changes: row.changes,
});

describe('audit trail: one transaction writing to many rows and chains at once', () => {
  let t: TestApp;
  let f: Factory;
  let fixtures: RegisterFixtures;
  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
    fixtures = new RegisterFixtures(t.dataSource);
  });
  afterAll(() => t.close());

  const event = (academyId: string, schoolId: string, n: number) => ({
    action: 'UPDATE' as const,
    entityType: 'Treatment',
    entityId: randomUUID(),
    schoolId,
    academyId,
    changes: { name: [`avant ${n}`, `après ${n}`] as [string, string] },
  });

  it('transactions touching the same chains in any order neither fork them nor deadlock', async () => {
    const academy = await f.academy();
    const schools = [await f.school(academy), await f.school(academy), await f.school(academy)];
    const tx = t.app.get(AuditedTransactions);
    // each writer appends to two or three of the schools' chains, listed in its own order
    const writers = Array.from({ length: 15 }, (_, n) => {
      const mine = n % 2 ? [...schools].reverse() : schools.slice(n % 3).concat(schools.slice(0, n % 3));
      return tx.run(null, async (ctx) => {
        for (const school of mine.slice(0, 2 + (n % 2))) ctx.audit(event(academy.id, school.id, n));
      });
    });
    await Promise.all(writers);
    for (const school of schools) {
      const rows: { seq: string; hash: string; previous_hash: string | null }[] = await t.dataSource.query(
        `SELECT seq, hash, previous_hash FROM audit_event WHERE chain = $1 ORDER BY seq`,
        [school.id],
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
      rows.forEach((row, i) => expect(row.previous_hash).toBe(i === 0 ? null : rows[i - 1].hash));
    }
    const total: { n: string }[] = await t.dataSource.query(
      `SELECT count(*) AS n FROM audit_event WHERE chain = ANY($1)`,
      [schools.map((s) => s.id)],
    );
    // writers 0, 2, 4… append to two chains, writers 1, 3, 5… to three
    expect(Number(total[0].n)).toBe(8 * 2 + 7 * 3);
  });

  it('a write to many rows at once writes all of them or, one having moved, none (CONFLICT)', async () => {
    const academy = await f.academy();
    const school = await f.school(academy);
    const rows = [
      await fixtures.treatment(school, { reviewState: 'APPROVED' }),
      await fixtures.treatment(school, { reviewState: 'APPROVED' }),
    ];
    const read = (): Promise<TreatmentEntity[]> =>
      t.dataSource
        .getRepository(TreatmentEntity)
        .find({ where: { id: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } });
    const sendBack = (treatments: TreatmentEntity[]) =>
      t.app.get(AuditedTransactions).run(null, (ctx) =>
        versionedUpdateAll(ctx, {
          entity: TreatmentEntity,
          entityType: 'Treatment',
          action: 'UPDATE',
          rows: treatments,
          set: { reviewState: 'NOT_REVIEWED' },
          audited: ['reviewState'],
        }),
      );
    const before = await read();
    // someone else wrote the second one since it was read
    await t.dataSource.query(`UPDATE treatment SET version = version + 1 WHERE id = $1`, [rows[1].id]);
    await expect(sendBack(before)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect((await read()).map((r) => r.reviewState)).toEqual(['APPROVED', 'APPROVED']);
    const events = () =>
      t.dataSource.query(`SELECT entity_id, changes FROM audit_event WHERE entity_id = ANY($1)`, [
        rows.map((r) => r.id),
      ]);
    expect(await events()).toEqual([]);

    const written = await sendBack(await read());
    expect(written.map((r) => r.reviewState)).toEqual(['NOT_REVIEWED', 'NOT_REVIEWED']);
    const after = await read();
    expect(after.map((r) => r.reviewState)).toEqual(['NOT_REVIEWED', 'NOT_REVIEWED']);
    // each row's new version is the one the write answered (both in id order)
    expect(after.map((r) => [r.id, r.version])).toEqual(written.map((r) => [r.id, r.version]));
    const trail: { entity_id: string; changes: string }[] = await events();
    expect(trail.map((e) => e.entity_id).sort()).toEqual(rows.map((r) => r.id).sort());
    for (const e of trail)
      expect(JSON.parse(e.changes)).toEqual({ reviewState: ['APPROVED', 'NOT_REVIEWED'] });
  });
});

describe('audit trail: tampering with superuser SQL is detected and named', () => {
  let t: TestApp;
  let f: Factory;
  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
  });
  afterAll(() => t.close());

  /** As an attacker with superuser access: the append-only triggers disabled around `sql`. */
  async function asAttacker(sql: string, params: unknown[] = []): Promise<void> {
    await t.dataSource.transaction(async (em) => {
      await em.query(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
      await em.query(sql, params);
      await em.query(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
    });
  }

  /** An academy whose chain holds `n` events written through the API, and its DPD's token. */
  async function academyChain(n: number) {
    const academy = await f.academy();
    const admin = await f.user(academy, [{ role: 'ADMIN' }]);
    const dpd = await f.user(academy, [{ role: 'DPD' }]);
    for (let i = 0; i < n; i++) {
      ok(
        await t.gql(
          CREATE_USER,
          {
            input: {
              academyId: academy.id,
              email: `dpd${i}.${randomUUID()}@ac-test.fr`,
              displayName: `Délégué ${i}`,
              password: 'un-mot-de-passe-long',
              grants: [{ role: 'DPD' }],
            },
          },
          admin.token,
        ),
      );
    }
    const chain = `academy:${academy.id}`;
    const rows = (await t.dataSource.query(`SELECT * FROM audit_event WHERE chain = $1 ORDER BY seq`, [
      chain,
    ])) as EventRow[];
    expect(rows).toHaveLength(n);
    return { academy, dpd, admin, chain, rows };
  }

  const verify = async (token: string) =>
    ok(await t.gql<{ verifyAuditTrail: Verification }>(VERIFY_FULL, {}, token)).verifyAuditTrail;

  /** Puts deleted rows back as they were (the tests after this one verify the whole trail). */
  async function restore(rows: EventRow[]): Promise<void> {
    for (const row of rows) {
      await t.dataSource.query(
        `INSERT INTO audit_event (id, chain, seq, at, actor_id, action, entity_type, entity_id, school_id,
                                  academy_id, changes, hash, previous_hash, hash_alg)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'hmac-sha256')
         ON CONFLICT (id) DO NOTHING`,
        [
          row.id,
          row.chain,
          row.seq,
          row.at,
          row.actor_id,
          row.action,
          row.entity_type,
          row.entity_id,
          row.school_id,
          row.academy_id,
          row.changes,
          row.hash,
          row.previous_hash,
        ],
      );
    }
  }

  it('keys new events (HMAC-SHA-256): a plain SHA-256 no longer matches them', async () => {
    const { rows, dpd } = await academyChain(2);
    const [{ hash_alg: algorithm }] = await t.dataSource.query(
      `SELECT hash_alg FROM audit_event WHERE id = $1`,
      [rows[0].id],
    );
    expect(algorithm).toBe('hmac-sha256');
    expect(chainHash(null, contentOf(rows[0]))).not.toBe(rows[0].hash);
    expect(await verify(dpd.token)).toMatchObject({ valid: true, problems: [], firstBrokenEventId: null });
  });

  it('names a cut tail: the chain ends before its signed checkpoint', async () => {
    const { rows, dpd, admin, chain } = await academyChain(4);
    await asAttacker(`DELETE FROM audit_event WHERE chain = $1 AND seq > 2`, [chain]);
    try {
      for (const token of [dpd.token, admin.token]) {
        const result = await verify(token);
        expect(result.valid).toBe(false);
        expect(result.problems).toContainEqual({
          kind: 'MISSING_TAIL',
          chain,
          seq: 3,
          eventId: null,
          message: expect.stringMatching(/les événements 3 à 4 manquent/),
        });
      }
    } finally {
      await restore(rows.slice(2));
    }
    expect(await verify(dpd.token)).toMatchObject({ valid: true, problems: [] });
  });

  it('names a chain deleted whole', async () => {
    const { rows, dpd, admin, chain, academy } = await academyChain(3);
    await asAttacker(`DELETE FROM audit_event WHERE chain = $1`, [chain]);
    try {
      for (const token of [dpd.token, admin.token]) {
        const result = await verify(token);
        expect(result.valid).toBe(false);
        expect(result.problems).toContainEqual({
          kind: 'MISSING_CHAIN',
          chain,
          seq: 1,
          eventId: null,
          message: expect.stringContaining(`La chaîne ${chain} n'a plus aucun événement`),
        });
      }
      // another academy's DPD is not told about it
      const other: TestAcademy = await f.academy();
      const otherDpd = await f.user(other, [{ role: 'DPD' }]);
      expect((await verify(otherDpd.token)).problems.filter((p) => p.chain === chain)).toEqual([]);
    } finally {
      await restore(rows);
    }
    expect(academy.id).toBeTruthy();
    expect(await verify(dpd.token)).toMatchObject({ valid: true, problems: [] });
  });

  it('names a forged event appended with its SHA-256 recomputed, whatever algorithm it claims', async () => {
    const { rows, dpd, chain } = await academyChain(2);
    const head = rows[rows.length - 1];
    for (const claimed of ['sha256', 'hmac-sha256']) {
      const forged: EventRow = {
        ...head,
        id: randomUUID(),
        seq: String(Number(head.seq) + 1),
        at: new Date(),
        changes: JSON.stringify({ displayName: [null, 'Compte fantôme'] }),
        previous_hash: head.hash,
        hash: '',
      };
      forged.hash = chainHash(head.hash, contentOf(forged));
      await t.dataSource.query(
        `INSERT INTO audit_event (id, chain, seq, at, actor_id, action, entity_type, entity_id, school_id,
                                  academy_id, changes, hash, previous_hash, hash_alg)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          forged.id,
          chain,
          forged.seq,
          forged.at,
          forged.actor_id,
          forged.action,
          forged.entity_type,
          forged.entity_id,
          forged.school_id,
          forged.academy_id,
          forged.changes,
          forged.hash,
          forged.previous_hash,
          claimed,
        ],
      );
      try {
        const result = await verify(dpd.token);
        expect(result.valid).toBe(false);
        expect(result.firstBrokenEventId).toBe(forged.id);
        expect(result.problems).toEqual([
          {
            kind: claimed === 'sha256' ? 'UNKEYED_EVENT' : 'ALTERED_EVENT',
            chain,
            seq: 3,
            eventId: forged.id,
            message: expect.stringContaining(forged.id),
          },
        ]);
      } finally {
        await asAttacker(`DELETE FROM audit_event WHERE id = $1`, [forged.id]);
      }
    }
    expect(await verify(dpd.token)).toMatchObject({ valid: true, problems: [] });
  });

  it('names an edited event, even with its SHA-256 and every later link recomputed', async () => {
    const { rows, dpd, chain } = await academyChain(3);
    // the attacker edits event 2 and recomputes 2 and 3 with plain SHA-256, as the old trail allowed
    const edited = rows.map((row) => ({ ...row }));
    edited[1].changes = edited[1].changes.replace('Délégué 1', 'Délégué X');
    for (let i = 1; i < edited.length; i++) {
      edited[i].previous_hash = edited[i - 1].hash;
      edited[i].hash = chainHash(edited[i].previous_hash, contentOf(edited[i]));
    }
    const rewrite = async (target: EventRow[]) => {
      for (const row of target.slice(1)) {
        await asAttacker(`UPDATE audit_event SET changes = $2, hash = $3, previous_hash = $4 WHERE id = $1`, [
          row.id,
          row.changes,
          row.hash,
          row.previous_hash,
        ]);
      }
    };
    await rewrite(edited);
    try {
      const result = await verify(dpd.token);
      expect(result.valid).toBe(false);
      expect(result.firstBrokenEventId).toBe(rows[1].id);
      expect(result.problems).toEqual([
        {
          kind: 'ALTERED_EVENT',
          chain,
          seq: 2,
          eventId: rows[1].id,
          message: expect.stringContaining('son contenu a été modifié'),
        },
      ]);
    } finally {
      await rewrite(rows);
    }
    expect(await verify(dpd.token)).toMatchObject({ valid: true, problems: [] });
  });
});

describe('audit trail: events written before the key stay verifiable, anchored by a checkpoint', () => {
  let f: Factory;
  let academy: TestAcademy;
  let chain: string;
  let legacy: EventRow[];
  let seeder: TestApp;
  beforeAll(async () => {
    seeder = await createTestApp();
    f = new Factory(seeder.dataSource);
    academy = await f.academy();
    chain = `academy:${academy.id}`;
    // three events as the trail wrote them before migration 1764000001010: plain SHA-256
    legacy = [];
    let previous: string | null = null;
    for (let seq = 1; seq <= 3; seq++) {
      const row: EventRow = {
        id: randomUUID(),
        chain,
        seq: String(seq),
        at: new Date(Date.now() - 86_400_000 + seq),
        actor_id: null,
        action: 'CREATE',
        entity_type: 'Academy',
        entity_id: academy.id,
        school_id: null,
        academy_id: academy.id,
        changes: JSON.stringify({ name: [null, `Ancien ${seq}`] }),
        previous_hash: previous,
        hash: '',
      };
      row.hash = chainHash(previous, contentOf(row));
      previous = row.hash;
      legacy.push(row);
      await seeder.dataSource.query(
        `INSERT INTO audit_event (id, chain, seq, at, actor_id, action, entity_type, entity_id, school_id,
                                  academy_id, changes, hash, previous_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          row.id,
          chain,
          seq,
          row.at,
          null,
          row.action,
          row.entity_type,
          row.entity_id,
          null,
          academy.id,
          row.changes,
          row.hash,
          row.previous_hash,
        ],
      );
    }
  });
  afterAll(() => seeder.close());

  it('a start checkpoints the old chain; a forged SHA-256 event past it, or a bad checkpoint line, is named', async () => {
    const dir = ownCheckpointDir();
    const t = await createTestApp({ env: { AUDIT_CHECKPOINT_DIR: dir } });
    try {
      const dpd = await f.user(academy, [{ role: 'DPD' }]);
      const verify = async () =>
        ok(await t.gql<{ verifyAuditTrail: Verification }>(VERIFY_FULL, {}, dpd.token)).verifyAuditTrail;
      expect(await verify()).toMatchObject({ valid: true, problems: [], checkedEvents: 3, checkedChains: 1 });

      // a fourth SHA-256 event, correctly linked: anyone could compute it, no checkpoint covers it
      const forged: EventRow = {
        ...legacy[2],
        id: randomUUID(),
        seq: '4',
        previous_hash: legacy[2].hash,
        hash: '',
      };
      forged.hash = chainHash(forged.previous_hash, contentOf(forged));
      await t.dataSource.query(
        `INSERT INTO audit_event (id, chain, seq, at, action, entity_type, entity_id, academy_id, changes, hash, previous_hash)
         VALUES ($1, $2, 4, $3, 'CREATE', 'Academy', $4, $4, $5, $6, $7)`,
        [forged.id, chain, forged.at, academy.id, forged.changes, forged.hash, forged.previous_hash],
      );
      const result = await verify();
      expect(result.problems).toEqual([
        expect.objectContaining({ kind: 'UNKEYED_EVENT', chain, seq: 4, eventId: forged.id }),
      ]);
      await t.dataSource.transaction(async (em) => {
        await em.query(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
        await em.query(`DELETE FROM audit_event WHERE id = $1`, [forged.id]);
        await em.query(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
      });

      // a checkpoint line written without the key
      const file = join(dir, 'checkpoints.jsonl');
      const line = readFileSync(file, 'utf8').split('\n').filter(Boolean).length + 1;
      appendFileSync(
        file,
        JSON.stringify({
          chain,
          academyId: academy.id,
          seq: 9,
          hash: 'f'.repeat(64),
          at: new Date().toISOString(),
          sig: '00',
        }) + '\n',
      );
      const invalid = await verify();
      expect(invalid.valid).toBe(false);
      expect(invalid.problems).toEqual([
        expect.objectContaining({
          kind: 'INVALID_CHECKPOINT',
          chain: null,
          message: expect.stringContaining(`ligne ${line} `),
        }),
      ]);
    } finally {
      await t.close();
    }
  });
});
