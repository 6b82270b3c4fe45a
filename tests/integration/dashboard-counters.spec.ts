import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { entities } from '../../apps/api/src/entities';
import { uaiFor } from '@app/core';
import { createServerDatabase, runMigrations, ServerDatabase } from '@app/database';
import { migrations } from '../../migrations';
import { SCHOOL_STATS_TRIGGERS, SchoolStats1764000000400 } from '../../migrations/1764000000400-school-stats';
import { RightsRequests1764000003000 } from '../../migrations/1764000003000-rights-requests';
import { seedScale } from '../../scripts/seed-scale';
import { Factory, TestUser } from '../helpers/factories';
import { createTestApp, errorCode, ok, TestApp, testDatabaseUrl } from '../helpers/test-app';
import {
  CREATE_DECLARATION,
  DECIDE_DECLARATION,
  SUBMIT_DECLARATION,
  UPDATE_DECLARATION,
  WITHDRAW_DECLARATION,
} from '../helpers/operations/declarations';
import { REVIEW_ENTRY } from '../helpers/operations/reviews';
import { CREATE_SCHOOL } from '../helpers/operations/schools';
import {
  ARCHIVE_TREATMENT,
  CREATE_TREATMENT,
  TREATMENT,
  UPDATE_TREATMENT,
} from '../helpers/operations/treatments';
import { CLOSE_VIOLATION, RECORD_VIOLATION, UPDATE_VIOLATION } from '../helpers/operations/violations';

/**
 * The dashboard reads per-school counters (school_stats) that triggers keep in the writers'
 * transactions. Here they are compared, after real mutations through the GraphQL endpoint, with a
 * recount straight from the registers written for this test, and the dashboard with the query it
 * ran before the counters existed.
 */

/** Every school's counts, recounted from the registers (not by the code under test). */
const RECOUNT = `
  SELECT s.id AS school_id, s.academy_id,
         (SELECT count(*) FROM treatment t
           WHERE t.school_id = s.id AND t.status = 'ACTIVE')::int AS active_treatments,
         (SELECT count(*) FROM treatment t
           WHERE t.school_id = s.id AND t.status = 'ACTIVE' AND t.review_state = 'NOT_REVIEWED')::int
           AS treatments_awaiting_review,
         (SELECT count(*) FROM tool_declaration d
           WHERE d.school_id = s.id AND d.status = 'SUBMITTED')::int AS pending_declarations,
         (SELECT count(*) FROM tool_declaration d
           WHERE d.school_id = s.id AND d.status = 'SUBMITTED' AND d.risk_level = 'HIGH')::int
           AS high_risk_declarations,
         (SELECT count(*) FROM violation v WHERE v.school_id = s.id AND v.status = 'OPEN')::int
           AS open_violations,
         (SELECT count(*) FROM rights_request r
           WHERE r.school_id = s.id AND r.status NOT IN ('ANSWERED', 'REFUSED'))::int AS open_rights_requests
    FROM school s ORDER BY s.id`;

const STORED = `
  SELECT school_id, academy_id, active_treatments, treatments_awaiting_review, pending_declarations,
         high_risk_declarations, open_violations, open_rights_requests
    FROM school_stats ORDER BY school_id`;

/** What academyDashboard computed before the counters: a recount of the academy's registers. */
const RECOUNTED_DASHBOARD = `
  WITH schools AS (
         SELECT count(*)::int AS schools,
                count(*) FILTER (WHERE NOT EXISTS (
                  SELECT 1 FROM treatment t WHERE t.school_id = s.id AND t.status = 'ACTIVE'))::int
                  AS "schoolsWithoutTreatments"
           FROM school s WHERE s.academy_id = $1),
       declarations AS (
         SELECT count(*)::int AS "pendingDeclarations",
                count(*) FILTER (WHERE d.risk_level = 'HIGH')::int AS "highRiskDeclarations"
           FROM tool_declaration d WHERE d.academy_id = $1 AND d.status = 'SUBMITTED'),
       treatments AS (
         SELECT count(*)::int AS "treatmentsAwaitingReview"
           FROM treatment t
          WHERE t.academy_id = $1 AND t.review_state = 'NOT_REVIEWED' AND t.status = 'ACTIVE'),
       violations AS (
         SELECT count(*)::int AS "openViolations",
                count(*) FILTER (WHERE v.cnil_notification_required AND (
                  (v.cnil_notified_at IS NULL AND now() > v.cnil_deadline)
                  OR v.cnil_notified_at > v.cnil_deadline))::int AS "overdueCnilNotifications"
           FROM violation v WHERE v.academy_id = $1 AND v.status = 'OPEN')
  SELECT * FROM schools, declarations, treatments, violations`;

interface Counters {
  school_id: string;
  academy_id: string;
  active_treatments: number;
  treatments_awaiting_review: number;
  pending_declarations: number;
  high_risk_declarations: number;
  open_violations: number;
  open_rights_requests: number;
}

type Queryable = Pick<DataSource, 'query'> | Pick<QueryRunner, 'query'>;

const rowsOf = async (q: Queryable | Client, sql: string, params: unknown[] = []) =>
  q instanceof Client ? (await q.query(sql, params)).rows : q.query(sql, params);

/** school_stats and the recount, whole tables: every school of the database, every test's writes. */
async function storedAndRecounted(q: Queryable | Client) {
  return {
    stored: (await rowsOf(q, STORED)) as Counters[],
    recounted: (await rowsOf(q, RECOUNT)) as Counters[],
  };
}

async function expectExactCounters(q: Queryable | Client): Promise<Counters[]> {
  const { stored, recounted } = await storedAndRecounted(q);
  expect(stored).toEqual(recounted);
  return stored;
}

const HOUR = 3600_000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

/** A safe tool in an EU cloud: LOW risk. */
const tool = (schoolId: string, overrides: Record<string, unknown> = {}) => ({
  schoolId,
  toolName: 'Carnet de lecture',
  vendor: 'Éditions Libres',
  purpose: 'Suivre les lectures des élèves de la classe',
  dataCategories: ['IDENTITY', 'ASSESSMENT'],
  pseudonymsUsed: true,
  hosting: 'EU',
  freeSoftware: 'YES',
  institutional: false,
  commercialReuse: 'NO',
  familiesInformed: true,
  retentionMonths: 12,
  ...overrides,
});
/** Hosted outside the EU: HIGH risk. */
const riskyTool = (schoolId: string) =>
  tool(schoolId, { toolName: 'Quiz Éclair', hosting: 'NON_EU', hostingCountry: 'États-Unis' });

const treatmentInput = (schoolId: string, name: string) => ({
  schoolId,
  name,
  purposes: ['Gestion de la vie scolaire'],
  legalBasis: 'PUBLIC_INTEREST',
  subjectCategories: ['STUDENTS'],
  dataCategories: ['IDENTITY'],
  retention: 'Un an',
});

const violationInput = (schoolId: string, extra: Record<string, unknown> = {}) => ({
  schoolId,
  title: 'Clé USB perdue',
  description: 'Une clé USB contenant des bulletins a été perdue dans le bus.',
  incidentType: 'EQUIPMENT_THEFT_OR_LOSS',
  natures: ['CONFIDENTIALITY'],
  discoveredAt: hoursAgo(10),
  risk: 'RISK',
  ...extra,
});

/**
 * Stays local: it selects exactly the columns of RECOUNTED_DASHBOARD, which the dashboard is compared
 * with whole (toEqual); the other specs read other counters of the dashboard.
 */
const DASHBOARD = `query ($academyId: ID) {
  academyDashboard(academyId: $academyId) {
    schools schoolsWithoutTreatments pendingDeclarations highRiskDeclarations
    treatmentsAwaitingReview openViolations overdueCnilNotifications
  } }`;

interface Entry {
  id: string;
  status: string;
  version: number;
  reviewState?: string;
  riskLevel?: string;
}

describe('academyDashboard counters (school_stats), kept by triggers', () => {
  let t: TestApp;
  let f: Factory;
  let w: Awaited<ReturnType<Factory['world']>>;
  let teacherA2: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
    w = await f.world();
    teacherA2 = await f.user(w.academy, [{ role: 'TEACHER', school: w.schoolA }]);
  });
  afterAll(() => t.close());

  const run = async <T>(query: string, variables: Record<string, unknown>, user: TestUser) =>
    ok(await t.gql<Record<string, T>>(query, variables, user.token));
  const one = async (query: string, variables: Record<string, unknown>, user: TestUser) =>
    Object.values(await run<Entry>(query, variables, user))[0];

  const declare = (user: TestUser, input: Record<string, unknown>) =>
    one(CREATE_DECLARATION, { input }, user);
  const submit = (user: TestUser, d: Entry) => one(SUBMIT_DECLARATION, { id: d.id }, user);
  const decide = (head: TestUser, d: Entry, decision: string, treatmentId?: string) =>
    one(
      DECIDE_DECLARATION,
      { id: d.id, input: { decision, comment: 'Décision du chef', treatmentId } },
      head,
    );
  const createTreatment = (head: TestUser, name: string, schoolId = w.schoolA.id) =>
    one(CREATE_TREATMENT, { input: treatmentInput(schoolId, name) }, head);
  const review = (targetId: string, verdict: string, targetType = 'TREATMENT') =>
    run(REVIEW_ENTRY, { input: { targetType, targetId, verdict, comment: 'Avis du DPD' } }, w.dpd);
  const record = (user: TestUser, extra: Record<string, unknown> = {}, schoolId = w.schoolA.id) =>
    one(RECORD_VIOLATION, { input: violationInput(schoolId, extra) }, user);

  /** The school's counters row version: unchanged when a write changed no counter. */
  const rowVersion = async (schoolId: string) =>
    (await t.dataSource.query(`SELECT xmin::text AS v FROM school_stats WHERE school_id = $1`, [schoolId]))[0]
      ?.v as string;

  /** school_stats equals the recount, and academyDashboard what the recount of the academy gives. */
  async function expectDashboardExact(academyId = w.academy.id): Promise<void> {
    await expectExactCounters(t.dataSource);
    const dashboard = ok(
      await t.gql<{ academyDashboard: Record<string, number> }>(DASHBOARD, { academyId }, w.admin.token),
    ).academyDashboard;
    const [recounted] = await t.dataSource.query(RECOUNTED_DASHBOARD, [academyId]);
    expect(dashboard).toEqual(recounted);
  }

  it('gives every school a row, backfilled or inserted with it', async () => {
    const stored = await expectExactCounters(t.dataSource);
    const [{ schools }] = await t.dataSource.query(`SELECT count(*)::int AS schools FROM school`);
    expect(stored).toHaveLength(schools);
    expect(stored.find((s) => s.school_id === w.schoolA.id)).toEqual({
      school_id: w.schoolA.id,
      academy_id: w.academy.id,
      active_treatments: 0,
      treatments_awaiting_review: 0,
      pending_declarations: 0,
      high_risk_declarations: 0,
      open_violations: 0,
      open_rights_requests: 0,
    });
    await expectDashboardExact();
  });

  it('follows declarations from draft to decision', async () => {
    const { teacherA, headA, schoolA } = w;
    const safe = await declare(teacherA, tool(schoolA.id));
    const risky = await declare(teacherA, riskyTool(schoolA.id));
    const other = await declare(teacherA2, tool(schoolA.id, { toolName: 'Padlet' }));
    const draft = await declare(teacherA2, riskyTool(schoolA.id));
    expect(risky.riskLevel).toBe('HIGH');
    await expectDashboardExact();

    // an edit of a draft changes no counter: the school's row is not even written
    const before = await rowVersion(schoolA.id);
    await one(
      UPDATE_DECLARATION,
      { id: draft.id, version: draft.version, input: { purpose: 'Autre' } },
      teacherA2,
    );
    expect(await rowVersion(schoolA.id)).toBe(before);

    const submitted = [
      await submit(teacherA, safe),
      await submit(teacherA, risky),
      await submit(teacherA2, other),
    ];
    await expectDashboardExact();
    expect((await t.dataSource.query(RECOUNTED_DASHBOARD, [w.academy.id]))[0]).toMatchObject({
      pendingDeclarations: 3,
      highRiskDeclarations: 1,
    });

    // approved into a new treatment (ACTIVE, NOT_REVIEWED), changes requested, rejected
    const approved = (
      await run<{ treatment: { id: string } }>(
        DECIDE_DECLARATION,
        { id: submitted[0].id, input: { decision: 'APPROVE' } },
        headA,
      )
    ).decideToolDeclaration;
    await expectDashboardExact();
    const returned = await decide(headA, submitted[1], 'REQUEST_CHANGES');
    await expectDashboardExact();
    await decide(headA, submitted[2], 'REJECT');
    await expectDashboardExact();

    // edited while sent back (its risk falls, counted nowhere), submitted again, withdrawn
    const edited = await one(
      UPDATE_DECLARATION,
      { id: returned.id, version: returned.version, input: { hosting: 'EU', hostingCountry: null } },
      teacherA,
    );
    expect(edited.riskLevel).toBe('LOW');
    await expectDashboardExact();
    const resubmitted = await submit(teacherA, edited);
    await expectDashboardExact();
    await one(WITHDRAW_DECLARATION, { id: resubmitted.id }, teacherA);
    await expectDashboardExact();

    // approved under an existing, reviewed treatment with new data: it waits for a review again
    await review(approved.treatment.id, 'APPROVED');
    await expectDashboardExact();
    const health = await submit(
      teacherA2,
      await declare(teacherA2, tool(schoolA.id, { toolName: 'Suivi PAI', dataCategories: ['HEALTH'] })),
    );
    expect(health.riskLevel).toBe('HIGH');
    await expectDashboardExact();
    const filed = (
      await run<{ treatment: { id: string; reviewState: string } }>(
        DECIDE_DECLARATION,
        { id: health.id, input: { decision: 'APPROVE', treatmentId: approved.treatment.id } },
        headA,
      )
    ).decideToolDeclaration;
    // the shared document selects the whole treatment: it is the one approved before, awaiting review again
    expect(filed.treatment).toMatchObject({ id: approved.treatment.id, reviewState: 'NOT_REVIEWED' });
    await expectDashboardExact();
  });

  it('follows treatments: created, reviewed, edited, archived', async () => {
    const { headA } = w;
    let first = await createTreatment(headA, 'Cantine');
    const second = await createTreatment(headA, 'Photos de classe');
    await expectDashboardExact();

    await review(first.id, 'COMMENT'); // leaves the review state as it is
    await expectDashboardExact();
    await review(first.id, 'APPROVED');
    await review(second.id, 'CHANGES_REQUESTED');
    await expectDashboardExact();

    // a changed entry waits for a new review
    first = (await run<Entry>(TREATMENT, { id: first.id }, headA)).treatment;
    const edited = await one(
      UPDATE_TREATMENT,
      { id: first.id, version: first.version, input: { retention: 'Deux ans' } },
      headA,
    );
    expect(edited.reviewState).toBe('NOT_REVIEWED');
    await expectDashboardExact();

    await one(ARCHIVE_TREATMENT, { id: edited.id, reason: 'Remplacé par l’ENT' }, headA);
    await one(ARCHIVE_TREATMENT, { id: second.id, reason: 'Plus de photos' }, headA);
    await expectDashboardExact();
    await review(edited.id, 'COMMENT'); // an archived treatment still takes a comment
    await expectDashboardExact();

    // a school whose only treatments are archived is a school without treatments
    const b = await createTreatment(w.headB, 'ENT', w.schoolB.id);
    await expectDashboardExact();
    await one(ARCHIVE_TREATMENT, { id: b.id, reason: 'Fin du contrat' }, w.headB);
    await expectDashboardExact();
  });

  it('follows violations: recorded, completed, closed', async () => {
    const { teacherA, headA, schoolA } = w;
    const overdue = await record(teacherA, { discoveredAt: hoursAgo(5 * 24) });
    const recent = await record(headA);
    const unlikely = await record(teacherA, {
      risk: 'UNLIKELY',
      consequences: 'Aucune donnée exposée.',
      measuresTaken: 'Clé retrouvée et effacée.',
    });
    await expectDashboardExact();

    // completing an OPEN violation changes no counter
    const before = await rowVersion(schoolA.id);
    const completed = await one(
      UPDATE_VIOLATION,
      { id: recent.id, version: recent.version, input: { consequences: 'Bulletins exposés.' } },
      headA,
    );
    expect(await rowVersion(schoolA.id)).toBe(before);

    await one(CLOSE_VIOLATION, { id: unlikely.id, version: unlikely.version }, headA);
    await expectDashboardExact();
    const notified = await one(
      UPDATE_VIOLATION,
      {
        id: completed.id,
        version: completed.version,
        input: { measuresTaken: 'Mots de passe changés.', cnilNotifiedAt: hoursAgo(2) },
      },
      headA,
    );
    await one(CLOSE_VIOLATION, { id: notified.id, version: notified.version }, headA);
    await expectDashboardExact();
    expect(overdue.status).toBe('OPEN');
    const [dashboard] = await t.dataSource.query(RECOUNTED_DASHBOARD, [w.academy.id]);
    expect(dashboard.overdueCnilNotifications).toBeGreaterThanOrEqual(1);
  });

  it('gives a new school its row of zeros: a school without treatments', async () => {
    const before = (await t.dataSource.query(RECOUNTED_DASHBOARD, [w.academy.id]))[0];
    const school = (
      await run<{ id: string }>(
        CREATE_SCHOOL,
        {
          input: {
            academyId: w.academy.id,
            uai: uaiFor(randomInt(10_000_000)),
            name: 'École des Compteurs',
            kind: 'ECOLE',
          },
        },
        w.admin,
      )
    ).createSchool;
    const [row] = await t.dataSource.query(`SELECT * FROM school_stats WHERE school_id = $1`, [school.id]);
    expect(row).toEqual({
      school_id: school.id,
      academy_id: w.academy.id,
      active_treatments: 0,
      treatments_awaiting_review: 0,
      pending_declarations: 0,
      high_risk_declarations: 0,
      open_violations: 0,
      open_rights_requests: 0,
    });
    await expectDashboardExact();
    const after = (await t.dataSource.query(RECOUNTED_DASHBOARD, [w.academy.id]))[0];
    expect(after.schools).toBe(before.schools + 1);
    expect(after.schoolsWithoutTreatments).toBe(before.schoolsWithoutTreatments + 1);
  });

  it('stays exact under concurrent writers in one school', async () => {
    const { teacherA, headA, schoolA } = w;
    const drafts = await Promise.all([
      declare(teacherA, riskyTool(schoolA.id)),
      declare(teacherA, tool(schoolA.id)),
      declare(teacherA2, riskyTool(schoolA.id)),
      declare(teacherA2, tool(schoolA.id)),
    ]);
    const toDecide = await Promise.all([
      submit(teacherA, await declare(teacherA, riskyTool(schoolA.id))),
      submit(teacherA2, await declare(teacherA2, tool(schoolA.id))),
      submit(teacherA2, await declare(teacherA2, riskyTool(schoolA.id))),
    ]);
    const treatments = await Promise.all([
      createTreatment(headA, 'Vie scolaire'),
      createTreatment(headA, 'ENT'),
    ]);
    const open = await Promise.all([record(teacherA), record(headA)]);
    await expectDashboardExact();

    const results = await Promise.all([
      ...drafts.map((d, i) => submit(i < 2 ? teacherA : teacherA2, d)),
      decide(headA, toDecide[0], 'APPROVE'),
      decide(headA, toDecide[1], 'REJECT'),
      decide(headA, toDecide[2], 'REQUEST_CHANGES'),
      createTreatment(headA, 'Cantine'),
      createTreatment(headA, 'Sorties scolaires'),
      one(ARCHIVE_TREATMENT, { id: treatments[0].id, reason: 'Remplacé' }, headA),
      review(treatments[1].id, 'APPROVED').then(() => treatments[1]),
      record(teacherA, { discoveredAt: hoursAgo(4 * 24) }),
      record(teacherA2),
      one(
        UPDATE_VIOLATION,
        { id: open[0].id, version: open[0].version, input: { risk: 'HIGH_RISK' } },
        headA,
      ),
    ]);
    expect(results).toHaveLength(14);
    await expectDashboardExact();
  });

  it('leaves every counter as it was when a mutation fails or is rolled back', async () => {
    const { teacherA, headA, headB, schoolA, schoolB } = w;
    const treatment = await createTreatment(headA, 'Registre des sorties');
    const archived = await one(
      ARCHIVE_TREATMENT,
      { id: (await createTreatment(headA, 'Ancien ENT')).id, reason: 'Remplacé' },
      headA,
    );
    const draft = await declare(teacherA, riskyTool(schoolA.id));
    const submitted = await submit(teacherA, await declare(teacherA, riskyTool(schoolA.id)));
    const violation = await record(teacherA);
    const otherSchoolTreatment = await createTreatment(headB, 'Cantine', schoolB.id);
    const before = await expectExactCounters(t.dataSource);
    const dashboardBefore = (await t.dataSource.query(RECOUNTED_DASHBOARD, [w.academy.id]))[0];

    // refused: stale version, forbidden transitions, invalid input
    const refused = [
      await t.gql(
        UPDATE_TREATMENT,
        { id: treatment.id, version: treatment.version - 1, input: { name: 'Renommé' } },
        headA.token,
      ),
      await t.gql(DECIDE_DECLARATION, { id: draft.id, input: { decision: 'APPROVE' } }, headA.token),
      await t.gql(
        DECIDE_DECLARATION,
        { id: submitted.id, input: { decision: 'APPROVE', treatmentId: archived.id } },
        headA.token,
      ),
      await t.gql(CLOSE_VIOLATION, { id: violation.id, version: violation.version }, headA.token),
      await t.gql(
        RECORD_VIOLATION,
        { input: violationInput(schoolA.id, { treatmentIds: [otherSchoolTreatment.id] }) },
        teacherA.token,
      ),
      await t.gql(SUBMIT_DECLARATION, { id: submitted.id }, teacherA.token),
    ];
    expect(refused.map(errorCode)).toEqual([
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'CONFLICT',
    ]);
    expect(await expectExactCounters(t.dataSource)).toEqual(before);

    // failed after counted writes: the approval creates its treatment (ACTIVE, awaiting review),
    // then the declaration's own write fails; the whole transaction, counters included, rolls back
    const queryRunner = t.dataSource.createQueryRunner();
    try {
      await t.dataSource.query(`
        CREATE FUNCTION refuse_approval_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'approval refused by the test'; END $$`);
      await t.dataSource.query(`
        CREATE TRIGGER refuse_approval_for_test BEFORE UPDATE ON tool_declaration FOR EACH ROW
          WHEN (NEW.status = 'APPROVED') EXECUTE FUNCTION refuse_approval_for_test()`);
      const failed = await t.gql(
        DECIDE_DECLARATION,
        { id: submitted.id, input: { decision: 'APPROVE' } },
        headA.token,
      );
      expect(failed.errors).toHaveLength(1);
      expect(await expectExactCounters(t.dataSource)).toEqual(before);

      // written then rolled back by hand, whatever the writer
      await queryRunner.startTransaction();
      await queryRunner.query(
        `UPDATE treatment SET status = 'ARCHIVED', archived_reason = 'x' WHERE id = $1`,
        [treatment.id],
      );
      await queryRunner.query(`UPDATE tool_declaration SET status = 'WITHDRAWN' WHERE id = $1`, [
        submitted.id,
      ]);
      await queryRunner.query(`UPDATE violation SET status = 'CLOSED', closed_at = now() WHERE id = $1`, [
        violation.id,
      ]);
      await queryRunner.rollbackTransaction();
      expect(await expectExactCounters(t.dataSource)).toEqual(before);
    } finally {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
      await queryRunner.release();
      await t.dataSource.query(`DROP TRIGGER IF EXISTS refuse_approval_for_test ON tool_declaration`);
      await t.dataSource.query(`DROP FUNCTION IF EXISTS refuse_approval_for_test()`);
    }
    expect((await t.dataSource.query(RECOUNTED_DASHBOARD, [w.academy.id]))[0]).toEqual(dashboardBefore);
    await expectDashboardExact();

    // the same approval, once allowed, counts
    await decide(headA, submitted, 'APPROVE');
    await expectDashboardExact();
  });

  it('is backfilled by the migration for the rows written before it', async () => {
    const migration = new SchoolStats1764000000400();
    // the later migration that extends school_stats is taken off first and put back after
    const later = new RightsRequests1764000003000();
    const queryRunner = t.dataSource.createQueryRunner();
    await queryRunner.startTransaction();
    try {
      await later.down(queryRunner);
      await migration.down(queryRunner);
      // rows written while no trigger kept any counter: a school, and a change of each register
      const [school] = await queryRunner.query(
        `INSERT INTO school (academy_id, uai, name, kind) VALUES ($1, $2, 'Collège d’avant', 'COLLEGE') RETURNING id`,
        [w.academy.id, uaiFor(randomInt(10_000_000))],
      );
      const changeOne = (table: string, set: string, where: string) =>
        queryRunner.query(
          `WITH changed AS (
             UPDATE ${table} SET ${set}
              WHERE id = (SELECT id FROM ${table} WHERE school_id = $1 AND ${where} LIMIT 1) RETURNING id)
           SELECT id FROM changed`,
          [w.schoolA.id],
        );
      expect(
        await changeOne(
          'treatment',
          `review_state = 'CHANGES_REQUESTED'`,
          `status = 'ACTIVE' AND review_state = 'NOT_REVIEWED'`,
        ),
      ).toHaveLength(1);
      expect(
        await changeOne('tool_declaration', `status = 'SUBMITTED', submitted_at = now()`, `status = 'DRAFT'`),
      ).toHaveLength(1);
      expect(
        await changeOne('violation', `status = 'OPEN', closed_at = NULL`, `status = 'CLOSED'`),
      ).toHaveLength(1);
      // the academy holds every counted case and its near-miss
      const cases = async (sql: string) =>
        ((await queryRunner.query(sql, [w.academy.id])) as { c: string }[]).map((r) => r.c);
      expect(
        await cases(
          `SELECT DISTINCT status || ' ' || review_state AS c FROM treatment WHERE academy_id = $1 ORDER BY 1`,
        ),
      ).toEqual(
        expect.arrayContaining([
          'ACTIVE APPROVED',
          'ACTIVE CHANGES_REQUESTED',
          'ACTIVE NOT_REVIEWED',
          'ARCHIVED NOT_REVIEWED',
        ]),
      );
      expect(
        await cases(
          `SELECT DISTINCT status || ' ' || risk_level AS c FROM tool_declaration WHERE academy_id = $1`,
        ),
      ).toEqual(
        expect.arrayContaining([
          'SUBMITTED HIGH',
          'SUBMITTED LOW',
          'DRAFT HIGH',
          'APPROVED HIGH',
          'WITHDRAWN LOW',
        ]),
      );
      expect(await cases(`SELECT DISTINCT status AS c FROM violation WHERE academy_id = $1`)).toEqual(
        expect.arrayContaining(['OPEN', 'CLOSED']),
      );

      await migration.up(queryRunner);
      await later.up(queryRunner);
      const stored = await expectExactCounters(queryRunner);
      expect(stored.find((s) => s.school_id === school.id)).toMatchObject({ active_treatments: 0 });
      const [recounted] = await queryRunner.query(RECOUNTED_DASHBOARD, [w.academy.id]);
      const mine = stored.filter((s) => s.academy_id === w.academy.id);
      expect(mine.reduce((sum, s) => sum + s.pending_declarations, 0)).toBe(recounted.pendingDeclarations);
      expect(mine.reduce((sum, s) => sum + s.open_violations, 0)).toBe(recounted.openViolations);

      // and the triggers keep them from then on (fired at once here, deferred to commit otherwise)
      await queryRunner.query(`SET CONSTRAINTS ALL IMMEDIATE`);
      await queryRunner.query(
        `UPDATE violation SET status = 'CLOSED', closed_at = now() WHERE school_id = $1`,
        [w.schoolA.id],
      );
      await expectExactCounters(queryRunner);
    } finally {
      await queryRunner.rollbackTransaction();
      await queryRunner.release();
    }
    await expectDashboardExact();
  });
});

describe('seed:scale and school_stats', () => {
  const name = `registre_counters_seed_${process.pid}_${Date.now()}`;
  let database: ServerDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createServerDatabase(testDatabaseUrl(), name);
    await runMigrations({ url: database.url, entities, migrations });
    client = new Client({ connectionString: database.url });
    await client.connect();
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  }, 120_000);

  const seed = (force: boolean, seedNumber: number) =>
    seedScale({
      databaseUrl: database.url,
      scale: 0.002,
      seed: seedNumber,
      force,
      anchor: new Date('2026-09-01T00:00:00Z'),
      argon2MemoryKib: 1024,
      log: () => undefined,
    });

  async function expectSeededExact(): Promise<void> {
    const stored = await expectExactCounters(client);
    expect(stored).toHaveLength(6);
    const academies = (await client.query(`SELECT id FROM academy`)).rows as { id: string }[];
    for (const { id } of academies) {
      const [recounted] = (await client.query(RECOUNTED_DASHBOARD, [id])).rows;
      const mine = stored.filter((s) => s.academy_id === id);
      const sum = (pick: (s: Counters) => number) => mine.reduce((total, s) => total + pick(s), 0);
      expect(recounted).toMatchObject({
        schools: mine.length,
        schoolsWithoutTreatments: mine.filter((s) => s.active_treatments === 0).length,
        pendingDeclarations: sum((s) => s.pending_declarations),
        highRiskDeclarations: sum((s) => s.high_risk_declarations),
        treatmentsAwaitingReview: sum((s) => s.treatments_awaiting_review),
        openViolations: sum((s) => s.open_violations),
      });
    }
    // the triggers are on again after the bulk part
    const { rows } = await client.query(
      `SELECT tgname AS trigger, tgenabled AS enabled FROM pg_trigger WHERE tgname = ANY($1) ORDER BY 1`,
      [SCHOOL_STATS_TRIGGERS.map((x) => x.trigger)],
    );
    expect(rows).toEqual(
      SCHOOL_STATS_TRIGGERS.map((x) => ({ trigger: x.trigger, enabled: 'O' })).sort((a, b) =>
        a.trigger.localeCompare(b.trigger),
      ),
    );
  }

  it('leaves exact counters, seeded and reseeded over a wiped database (--force)', async () => {
    await seed(false, 7);
    await expectSeededExact();
    const { rows } = await client.query(
      `SELECT sum(pending_declarations)::int AS pending, sum(open_violations)::int AS open FROM school_stats`,
    );
    expect(rows[0].pending).toBeGreaterThan(0);
    expect(rows[0].open).toBeGreaterThan(0);
    await seed(true, 8);
    await expectSeededExact();
  }, 120_000);
});
