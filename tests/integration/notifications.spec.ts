import supertest from 'supertest';
import { ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { freePort } from '@app/database';
import { Factory, TEST_PASSWORD, TestSchool, TestUser } from '../helpers/factories';
import { TestSmtpServer } from '../helpers/smtp';
import {
  createTestApp,
  errorCode,
  ok,
  ownCheckpointDir,
  TEST_AUDIT_HMAC_KEY,
  TEST_JWT_SECRET,
  TestApp,
  testDatabaseUrl,
} from '../helpers/test-app';
import { LOGIN, ME, REQUEST_PASSWORD_RESET, RESET_PASSWORD } from '../helpers/operations/auth';
import { CREATE_USER, RESEND_INVITATION } from '../helpers/operations/users';
import {
  CREATE_DECLARATION,
  DECIDE_DECLARATION,
  SUBMIT_DECLARATION,
} from '../helpers/operations/declarations';
import { RECORD_VIOLATION } from '../helpers/operations/violations';
import { REVIEW_ENTRY } from '../helpers/operations/reviews';
import {
  MARK_NOTIFICATIONS_READ,
  MY_NOTIFICATIONS,
  NOTIFICATIONS,
} from '../helpers/operations/notifications';

/**
 * The alert chain and its e-mails (RULES.md, "Alert chain and notifications"), delivered to a real
 * SMTP server started here, by the API's own pg-boss workers, from the real outbox.
 */

const PUBLIC_URL = 'https://registre.ac-test.fr';

const HOUR = 3600 * 1000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

const breach = (school: TestSchool, extra: Record<string, unknown> = {}) => ({
  schoolId: school.id,
  title: 'Bulletin de Léa Martin envoyé à la mauvaise famille',
  description: 'Un bulletin a été envoyé par erreur à une autre famille.',
  incidentType: 'DATA_DISCLOSURE',
  natures: ['CONFIDENTIALITY'],
  discoveredAt: hoursAgo(1),
  risk: 'RISK',
  ...extra,
});

const tool = (schoolId: string) => ({
  schoolId,
  toolName: 'Quiz en ligne',
  purpose: 'Réviser en classe',
  classes: ['5e B'],
  dataCategories: ['IDENTITY'],
  pseudonymsUsed: true,
  hosting: 'EU',
  freeSoftware: 'YES',
  institutional: false,
  commercialReuse: 'NO',
  familiesInformed: true,
  retentionMonths: 12,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('notifications and their e-mails', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let f: Factory;
  let w: Awaited<ReturnType<Factory['world']>>;
  let dpd2: TestUser;
  const contacts = { dpo: '', rssi: '', hierarchy: '' };

  beforeAll(async () => {
    await smtp.start(0);
    t = await createTestApp({
      env: {
        SMTP_URL: smtp.url,
        PUBLIC_URL,
        MAIL_RETRY_DELAY_SECONDS: '1',
        SCHEDULER_INTERVAL_SECONDS: '1',
      },
    });
    f = new Factory(t.dataSource);
    w = await f.world();
    dpd2 = await f.user(w.academy, [{ role: 'DPD' }]);
    const suffix = w.academy.code.toLowerCase();
    contacts.dpo = `dpd.${suffix}@ac-test.fr`;
    contacts.rssi = `rssi.${suffix}@ac-test.fr`;
    contacts.hierarchy = `dsden.${suffix}@ac-test.fr`;
    await t.dataSource.query(
      `UPDATE academy SET dpo_email = $2, rssi_email = $3, hierarchy_email = $4 WHERE id = $1`,
      [w.academy.id, contacts.dpo, contacts.rssi, contacts.hierarchy],
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** The notifications of one entry and kind, as the database holds them. */
  const rowsOf = (entityId: string, kind: string): Promise<{ id: string; recipient_email: string }[]> =>
    t.dataSource.query(`SELECT id, recipient_email FROM notification WHERE entity_id = $1 AND kind = $2`, [
      entityId,
      kind,
    ]);
  /** The mails received for those notifications. */
  const mailsOf = async (entityId: string, kind: string) => {
    const ids = new Set((await rowsOf(entityId, kind)).map((r) => r.id));
    return smtp.mails.filter((m) => m.notificationId && ids.has(m.notificationId));
  };
  const recipientsOf = async (entityId: string, kind: string) =>
    (await mailsOf(entityId, kind)).flatMap((m) => m.to).sort();
  const waitForMails = async (entityId: string, kind: string, count: number) => {
    let mails = 0;
    const deadline = Date.now() + 30_000;
    while ((mails = (await mailsOf(entityId, kind)).length) < count) {
      if (Date.now() > deadline) throw new Error(`${kind}: ${mails} of ${count} mails arrived`);
      await sleep(200);
    }
  };
  const record = async (user: TestUser, extra: Record<string, unknown> = {}, school = w.schoolA) =>
    ok(
      await t.gql<{ recordViolation: { id: string; reference: string } }>(
        RECORD_VIOLATION,
        { input: breach(school, extra) },
        user.token,
      ),
    ).recordViolation;

  it('is ready with its mail worker running (GET /health/ready, check outbox)', async () => {
    const res = await supertest(t.app.getHttpServer()).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.checks.outbox).toBe(true);
  });

  it('BREACH_RECORDED reaches every link of the chain, and nobody else', async () => {
    const v = await record(w.teacherA);
    const expected = [
      w.headA.email,
      w.dpd.email,
      dpd2.email,
      contacts.dpo,
      contacts.rssi,
      contacts.hierarchy,
    ].sort();
    await waitForMails(v.id, 'BREACH_RECORDED', expected.length);
    await sleep(1500);
    expect(await recipientsOf(v.id, 'BREACH_RECORDED')).toEqual(expected);

    const [mail] = (await mailsOf(v.id, 'BREACH_RECORDED')).filter((m) => m.to.includes(w.headA.email));
    expect(mail.subject).toContain(v.reference);
    expect(mail.subject).not.toContain('Léa');
    expect(mail.text).toContain('Bulletin de Léa Martin');
    expect(mail.text).toContain(`${PUBLIC_URL}/fiche/violation/${v.id}`);
    expect(mail.text).toMatch(/avant le \d{1,2}(er)? [a-zéû]+ \d{4} à \d{1,2} h \d{2}/);
    expect(mail.html).toContain(`<a href="${PUBLIC_URL}/fiche/violation/${v.id}">`);

    const seen = ok(
      await t.gql<{
        notifications: {
          nodes: {
            deliveryStatus: string;
            attempts: number;
            sentAt: string | null;
            recipient: { id: string } | null;
            recipientEmail: string;
          }[];
        };
      }>(
        NOTIFICATIONS,
        { filter: { kind: 'BREACH_RECORDED', schoolId: w.schoolA.id }, first: 100 },
        w.dpd.token,
      ),
    ).notifications.nodes.filter((n) => expected.includes(n.recipientEmail));
    expect(seen).toHaveLength(expected.length);
    for (const n of seen) {
      expect(n).toMatchObject({ deliveryStatus: 'SENT', attempts: 1 });
      expect(n.sentAt).not.toBeNull();
    }
    expect(seen.find((n) => n.recipientEmail === contacts.rssi)?.recipient).toBeNull();
    expect(seen.find((n) => n.recipientEmail === w.headA.email)?.recipient).toEqual({ id: w.headA.id });
  });

  it('declarations and reviews tell exactly their people', async () => {
    const { createToolDeclaration: d } = ok(
      await t.gql<{ createToolDeclaration: { id: string } }>(
        CREATE_DECLARATION,
        { input: tool(w.schoolA.id) },
        w.teacherA.token,
      ),
    );
    ok(await t.gql(SUBMIT_DECLARATION, { id: d.id }, w.teacherA.token));
    await waitForMails(d.id, 'DECLARATION_SUBMITTED', 1);
    ok(
      await t.gql(
        REVIEW_ENTRY,
        {
          input: {
            targetType: 'TOOL_DECLARATION',
            targetId: d.id,
            verdict: 'COMMENT',
            comment: 'Vérifiez la durée.',
          },
        },
        w.dpd.token,
      ),
    );
    ok(
      await t.gql(
        DECIDE_DECLARATION,
        { id: d.id, input: { decision: 'REQUEST_CHANGES', comment: 'Précisez l’hébergeur.' } },
        w.headA.token,
      ),
    );
    await waitForMails(d.id, 'DECLARATION_DECIDED', 1);
    await waitForMails(d.id, 'REVIEW_RECORDED', 2);
    await sleep(1500);
    expect(await recipientsOf(d.id, 'DECLARATION_SUBMITTED')).toEqual([w.headA.email]);
    expect(await recipientsOf(d.id, 'DECLARATION_DECIDED')).toEqual([w.teacherA.email]);
    expect(await recipientsOf(d.id, 'REVIEW_RECORDED')).toEqual([w.headA.email, w.teacherA.email].sort());
    const [decided] = await mailsOf(d.id, 'DECLARATION_DECIDED');
    expect(decided.text).toContain('Précisez l’hébergeur.');
    expect(decided.subject).toContain('modifications demandées');
  });

  it('a review of a rights request tells the heads of its school, with its reference, no name', async () => {
    const { recordRightsRequest: request } = ok(
      await t.gql<{ recordRightsRequest: { id: string; reference: string } }>(
        `mutation ($input: RightsRequestInput!) { recordRightsRequest(input: $input) { id reference } }`,
        {
          input: {
            schoolId: w.schoolA.id,
            rightTypes: ['ACCESS'],
            channel: 'EMAIL',
            receivedAt: hoursAgo(48),
            requesterName: 'Paul Durand',
            requesterRelation: 'LEGAL_GUARDIAN',
            subjectName: 'Léa Durand',
            subjectCategory: 'STUDENTS',
            description: 'Copie des données de son enfant.',
          },
        },
        w.headA.token,
      ),
    );
    ok(
      await t.gql(
        REVIEW_ENTRY,
        {
          input: {
            targetType: 'RIGHTS_REQUEST',
            targetId: request.id,
            verdict: 'COMMENT',
            comment: 'Répondre sous un mois.',
          },
        },
        w.dpd.token,
      ),
    );
    await waitForMails(request.id, 'REVIEW_RECORDED', 1);
    await sleep(1500);
    expect(await recipientsOf(request.id, 'REVIEW_RECORDED')).toEqual([w.headA.email]);
    const [mail] = await mailsOf(request.id, 'REVIEW_RECORDED');
    expect(mail.subject).toContain(request.reference);
    expect(mail.subject).not.toContain('Durand');
    expect(mail.text).toContain(`${PUBLIC_URL}/fiche/demande/${request.id}`);
  });

  it('a failed mutation sends nothing, even when it fails after writing its notifications', async () => {
    // the audit events are inserted last, after the notifications: make that insert fail
    await t.dataSource.query(`
      CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.entity_type = 'Violation' AND NEW.changes::text LIKE '%refus-de-test%' THEN
          RAISE EXCEPTION 'refused by the test';
        END IF;
        RETURN NEW;
      END $$`);
    await t.dataSource.query(
      `CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`,
    );
    const [before] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM notification)::int AS notifications,
              (SELECT count(*) FROM pgboss.job)::int AS jobs`,
    );
    const mailsBefore = smtp.mails.length;
    try {
      const failed = await t.gql(
        RECORD_VIOLATION,
        { input: breach(w.schoolA, { title: 'refus-de-test' }) },
        w.headA.token,
      );
      expect(failed.errors?.length).toBe(1);
    } finally {
      await t.dataSource.query(`DROP TRIGGER test_refuse_audit ON audit_event`);
      await t.dataSource.query(`DROP FUNCTION test_refuse_audit()`);
    }
    const [after] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM notification WHERE subject LIKE '%refus-de-test%' OR body LIKE '%refus-de-test%')::int AS mine,
              (SELECT count(*) FROM pgboss.job WHERE created_on > now() - interval '1 minute'
                  AND data->>'notificationId' NOT IN (SELECT id::text FROM notification))::int AS orphan_jobs`,
    );
    expect(after).toEqual({ mine: 0, orphan_jobs: 0 });
    expect(before.notifications).toBeGreaterThan(0);
    await sleep(2000);
    expect(smtp.mails.slice(mailsBefore).filter((m) => m.text.includes('refus-de-test'))).toEqual([]);
  });

  it('a mail recorded while the SMTP server is down arrives once it is back, once', async () => {
    await smtp.stop();
    const v = await record(w.headA);
    // the workers try, fail, and say why
    const deadline = Date.now() + 20_000;
    let failing: { attempts: number; last_error: string | null; delivery_status: string }[] = [];
    do {
      await sleep(300);
      failing = await t.dataSource.query(
        `SELECT attempts, last_error, delivery_status FROM notification WHERE entity_id = $1`,
        [v.id],
      );
    } while (!failing.every((n) => n.attempts >= 1 && n.last_error) && Date.now() < deadline);
    expect(failing.length).toBe(6);
    for (const n of failing) {
      expect(n.delivery_status).toBe('QUEUED');
      expect(n.last_error).toMatch(/ECONNREFUSED|connect/i);
    }
    await smtp.start();
    await waitForMails(v.id, 'BREACH_RECORDED', 6);
    await sleep(3000);
    const mails = await mailsOf(v.id, 'BREACH_RECORDED');
    expect(mails).toHaveLength(6);
    expect(new Set(mails.map((m) => m.notificationId)).size).toBe(6);
    const rows: { attempts: number; delivery_status: string; last_error: string | null }[] =
      await t.dataSource.query(
        `SELECT attempts, delivery_status, last_error FROM notification WHERE entity_id = $1`,
        [v.id],
      );
    for (const row of rows) {
      expect(row.delivery_status).toBe('SENT');
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      expect(row.last_error).toBeNull();
    }
  });

  it('reminders fire once at 48 h, 24 h and 6 h before the deadline, then once when it has passed', async () => {
    const v = await record(w.headA, { title: 'Ordinateur volé', incidentType: 'EQUIPMENT_THEFT_OR_LOSS' });
    const expected = [w.headA.email, w.dpd.email, dpd2.email, contacts.dpo].sort();
    // the clock moves through the database: the breach was discovered, and recorded, long ago
    const age = (hours: number) =>
      t.dataSource.query(
        `UPDATE violation SET discovered_at = now() - $2::int * interval '1 hour',
                              created_at = now() - 30 * interval '1 hour' - $2::int * interval '1 hour'
          WHERE id = $1`,
        [v.id, hours],
      );
    await sleep(2500);
    expect(await rowsOf(v.id, 'CNIL_DEADLINE_REMINDER')).toEqual([]);

    await age(25); // 47 h left: the 48-hour reminder
    await waitForMails(v.id, 'CNIL_DEADLINE_REMINDER', 4);
    await sleep(2500); // more ticks: nothing more
    expect(await recipientsOf(v.id, 'CNIL_DEADLINE_REMINDER')).toEqual(expected);
    expect((await mailsOf(v.id, 'CNIL_DEADLINE_REMINDER'))[0].subject).toContain('sous 47 h');

    await age(49); // 23 h left: the 24-hour reminder
    await waitForMails(v.id, 'CNIL_DEADLINE_REMINDER', 8);
    await sleep(2500);
    expect(await mailsOf(v.id, 'CNIL_DEADLINE_REMINDER')).toHaveLength(8);

    await age(67); // 5 h left: the 6-hour reminder
    await waitForMails(v.id, 'CNIL_DEADLINE_REMINDER', 12);
    await sleep(2500);
    expect(await mailsOf(v.id, 'CNIL_DEADLINE_REMINDER')).toHaveLength(12);
    expect(await rowsOf(v.id, 'CNIL_DEADLINE_PASSED')).toEqual([]);

    await age(73); // the deadline has passed: told once
    await waitForMails(v.id, 'CNIL_DEADLINE_PASSED', 4);
    await sleep(2500);
    expect(await recipientsOf(v.id, 'CNIL_DEADLINE_PASSED')).toEqual(expected);
    expect(await mailsOf(v.id, 'CNIL_DEADLINE_REMINDER')).toHaveLength(12);
  });

  it('a rights request is reminded 7 and 2 days before its deadline, then once past it, never naming the requester', async () => {
    const recordRequest = async () =>
      ok(
        await t.gql<{ recordRightsRequest: { id: string; reference: string } }>(
          `mutation($input: RightsRequestInput!) { recordRightsRequest(input: $input) { id reference } }`,
          {
            input: {
              schoolId: w.schoolA.id,
              rightTypes: ['ACCESS', 'ERASURE'],
              channel: 'EMAIL',
              receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
              requesterName: 'Mme Camille Durand-Lefèvre',
              requesterRelation: 'LEGAL_GUARDIAN',
              subjectName: 'Léo Durand',
              subjectCategory: 'STUDENTS',
              description: 'Copie des données de son enfant.',
            },
          },
          w.headA.token,
        ),
      ).recordRightsRequest;
    const r = await recordRequest();
    const paused = await recordRequest();
    await t.dataSource.query(
      `UPDATE rights_request SET status = 'AWAITING_REQUESTER', awaiting_since = now() WHERE id = $1`,
      [paused.id],
    );
    const expected = [w.headA.email, w.dpd.email, dpd2.email, contacts.dpo].sort();
    // the clock moves through the database: the request was recorded a month ago, its deadline nears
    const dueIn = (interval: string) =>
      t.dataSource.query(
        `UPDATE rights_request SET due_at = now() + $2::interval, created_at = now() - interval '30 days'
          WHERE id = ANY($1)`,
        [[r.id, paused.id], interval],
      );
    await sleep(2500);
    expect(await rowsOf(r.id, 'RIGHTS_REQUEST_DUE_SOON')).toEqual([]);

    await dueIn('6 days 23 hours');
    await waitForMails(r.id, 'RIGHTS_REQUEST_DUE_SOON', 4);
    await sleep(2500); // more ticks: nothing more
    expect(await recipientsOf(r.id, 'RIGHTS_REQUEST_DUE_SOON')).toEqual(expected);
    const [soon] = await mailsOf(r.id, 'RIGHTS_REQUEST_DUE_SOON');
    expect(soon.subject).toContain(`Demande ${r.reference} : réponse attendue sous 7 jours`);
    expect(soon.text).toContain("Droits exercés : Droit d'accès (art. 15), Droit à l'effacement (art. 17)");

    await dueIn('1 day 23 hours');
    await waitForMails(r.id, 'RIGHTS_REQUEST_DUE_SOON', 8);
    await sleep(2500);
    expect(await mailsOf(r.id, 'RIGHTS_REQUEST_DUE_SOON')).toHaveLength(8);
    expect(await rowsOf(r.id, 'RIGHTS_REQUEST_OVERDUE')).toEqual([]);

    await dueIn('-1 hour');
    await waitForMails(r.id, 'RIGHTS_REQUEST_OVERDUE', 4);
    await sleep(2500);
    expect(await recipientsOf(r.id, 'RIGHTS_REQUEST_OVERDUE')).toEqual(expected);
    expect(await mailsOf(r.id, 'RIGHTS_REQUEST_DUE_SOON')).toHaveLength(8);
    for (const mail of [
      ...(await mailsOf(r.id, 'RIGHTS_REQUEST_DUE_SOON')),
      ...(await mailsOf(r.id, 'RIGHTS_REQUEST_OVERDUE')),
    ]) {
      expect(`${mail.subject}\n${mail.text}`).not.toMatch(/Durand|Camille|Léo/);
    }
    // a paused clock (waiting for the requester) reminds nobody
    expect(await rowsOf(paused.id, 'RIGHTS_REQUEST_DUE_SOON')).toEqual([]);
    expect(await rowsOf(paused.id, 'RIGHTS_REQUEST_OVERDUE')).toEqual([]);
  });

  it('a stage missed while no API ran is skipped: only the latest one reached is sent', async () => {
    const v = await record(w.headA, { title: 'Clé USB perdue', incidentType: 'EQUIPMENT_THEFT_OR_LOSS' });
    // recorded long ago, and 5 h left now: the 48-hour and 24-hour stages passed unseen
    await t.dataSource.query(
      `UPDATE violation SET discovered_at = now() - interval '67 hours', created_at = now() - interval '97 hours'
        WHERE id = $1`,
      [v.id],
    );
    await waitForMails(v.id, 'CNIL_DEADLINE_REMINDER', 4);
    await sleep(2500);
    expect(await mailsOf(v.id, 'CNIL_DEADLINE_REMINDER')).toHaveLength(4);
    const [mail] = await mailsOf(v.id, 'CNIL_DEADLINE_REMINDER');
    expect(mail.subject).toContain('sous 5 h');
  });

  it('no reminder once the CNIL is notified', async () => {
    const v = await record(w.headA);
    await t.dataSource.query(
      `UPDATE violation SET discovered_at = now() - interval '25 hours', created_at = now() - interval '60 hours',
                            cnil_notified_at = now() - interval '1 hour' WHERE id = $1`,
      [v.id],
    );
    await sleep(3000);
    expect(await rowsOf(v.id, 'CNIL_DEADLINE_REMINDER')).toEqual([]);
  });

  it('the weekly digest reaches each DPD once, with the counts and the most urgent items', async () => {
    // the digest's time is set to this very minute (Europe/Paris), so that it is due now
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Paris',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(new Date(Date.now() - 60_000))
        .map((p) => [p.type, p.value]),
    );
    const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1;
    const digestApp = await createTestApp({
      env: {
        SMTP_URL: smtp.url,
        PUBLIC_URL,
        SCHEDULER_INTERVAL_SECONDS: '1',
        WEEKLY_DIGEST_AT: `${weekday} ${parts.hour}:${parts.minute}`,
      },
    });
    try {
      const digestsOf = () =>
        smtp.mails.filter((m) => m.subject.includes('Synthèse hebdomadaire') && m.to.includes(w.dpd.email));
      await smtp.waitFor('the digest', () => digestsOf().length >= 1, 30_000);
      await sleep(3000);
      expect(digestsOf()).toHaveLength(1);
      const [digest] = digestsOf();
      expect(digest.text).toContain('Violations ouvertes :');
      expect(digest.text).toMatch(/1\. Violation V-\d{3}/);
      expect(
        smtp.mails.filter((m) => m.subject.includes('Synthèse hebdomadaire') && m.to.includes(w.headA.email)),
      ).toEqual([]);
    } finally {
      await digestApp.close();
    }
  });

  it('myNotifications, notifications and markNotificationsRead keep to their scope', async () => {
    const v = await record(w.headB, {}, w.schoolB);
    await waitForMails(v.id, 'BREACH_RECORDED', 1);
    // a teacher oversees nothing
    expect(errorCode(await t.gql(NOTIFICATIONS, {}, w.teacherA.token))).toBe('FORBIDDEN');
    // a head sees its school's only
    const headView = ok(
      await t.gql<{ notifications: { nodes: { school: { id: string } | null; entityId: string }[] } }>(
        NOTIFICATIONS,
        { first: 100 },
        w.headA.token,
      ),
    );
    expect(headView.notifications.nodes.length).toBeGreaterThan(0);
    expect(headView.notifications.nodes.every((n) => n.school?.id === w.schoolA.id)).toBe(true);
    expect(headView.notifications.nodes.some((n) => n.entityId === v.id)).toBe(false);
    // the DPD sees both schools
    const dpdView = ok(
      await t.gql<{ notifications: { nodes: { entityId: string }[] } }>(
        NOTIFICATIONS,
        { filter: { schoolId: w.schoolB.id }, first: 100 },
        w.dpd.token,
      ),
    );
    expect(dpdView.notifications.nodes.some((n) => n.entityId === v.id)).toBe(true);
    // an ADMIN sees everything; the DPD of another académie nothing of this one
    const adminView = ok(
      await t.gql<{ notifications: { nodes: { entityId: string }[] } }>(
        NOTIFICATIONS,
        { filter: { schoolId: w.schoolB.id }, first: 100 },
        w.admin.token,
      ),
    );
    expect(adminView.notifications.nodes.some((n) => n.entityId === v.id)).toBe(true);
    const stranger = await f.user(await f.academy(), [{ role: 'DPD' }]);
    const strangerView = ok(
      await t.gql<{ notifications: { totalCount: number } }>(
        NOTIFICATIONS,
        { filter: { schoolId: w.schoolB.id } },
        stranger.token,
      ),
    );
    expect(strangerView.notifications.totalCount).toBe(0);

    const mine = ok(
      await t.gql<{
        myNotifications: { totalCount: number; nodes: { id: string; recipient: { id: string } }[] };
      }>(MY_NOTIFICATIONS, {}, w.headB.token),
    );
    expect(mine.myNotifications.nodes.every((n) => n.recipient.id === w.headB.id)).toBe(true);
    const theirs = (await rowsOf(v.id, 'BREACH_RECORDED')).find((r) => r.recipient_email === w.dpd.email)!;
    const ids = mine.myNotifications.nodes.map((n) => n.id);
    // another's notification is left alone
    expect(
      ok(
        await t.gql<{ markNotificationsRead: number }>(
          MARK_NOTIFICATIONS_READ,
          { ids: [...ids, theirs.id] },
          w.headB.token,
        ),
      ).markNotificationsRead,
    ).toBe(ids.length);
    expect(
      ok(await t.gql<{ markNotificationsRead: number }>(MARK_NOTIFICATIONS_READ, { ids }, w.headB.token))
        .markNotificationsRead,
    ).toBe(0);
    const [{ read_at }] = await t.dataSource.query(`SELECT read_at FROM notification WHERE id = $1`, [
      theirs.id,
    ]);
    expect(read_at).toBeNull();
    const unread = ok(
      await t.gql<{ myNotifications: { totalCount: number } }>(
        MY_NOTIFICATIONS,
        { filter: { unreadOnly: true } },
        w.headB.token,
      ),
    );
    expect(unread.myNotifications.totalCount).toBe(0);
  });

  describe('account e-mails', () => {
    const tokenIn = (text: string) => /jeton=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

    it('requestPasswordReset answers alike for a known and an unknown address; the token works once', async () => {
      const user = await f.user(w.academy, [{ role: 'TEACHER', school: w.schoolA }]);
      const timed = async (email: string) => {
        const started = Date.now();
        const result = await t.gql<{ requestPasswordReset: boolean }>(REQUEST_PASSWORD_RESET, { email });
        return { result: { data: result.data, errors: result.errors }, ms: Date.now() - started };
      };
      const known = await timed(user.email);
      const unknown = await timed(`inconnu.${Date.now()}@ac-test.fr`);
      expect(known.result).toEqual({ data: { requestPasswordReset: true }, errors: undefined });
      expect(unknown.result).toEqual(known.result);
      expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(150);

      await waitForMails(user.id, 'PASSWORD_RESET', 1);
      const [mail] = await mailsOf(user.id, 'PASSWORD_RESET');
      expect(mail.to).toEqual([user.email]);
      const token = tokenIn(mail.text);
      expect(mail.text).toContain(`${PUBLIC_URL}/mot-de-passe/reinitialiser?jeton=${token}`);
      // the database holds neither the link nor the token in clear
      const stored = await t.dataSource.query(
        `SELECT 1 FROM notification WHERE body LIKE $1 UNION ALL SELECT 1 FROM account_token WHERE token_hash = $2`,
        [`%${token}%`, token],
      );
      expect(stored).toEqual([]);

      expect(errorCode(await t.gql(RESET_PASSWORD, { token, newPassword: 'court' }))).toBe('BAD_USER_INPUT');
      const session = ok(
        await t.gql<{ resetPassword: { token: string; user: { id: string } } }>(RESET_PASSWORD, {
          token,
          newPassword: 'un-nouveau-mot-de-passe',
        }),
      );
      expect(session.resetPassword.user.id).toBe(user.id);
      expect(ok(await t.gql<{ me: { id: string } }>(ME, {}, session.resetPassword.token)).me.id).toBe(
        user.id,
      );
      // the sessions opened before the reset have ended (AuthService.revokeSessions)
      expect(errorCode(await t.gql(ME, {}, user.token))).toBe('UNAUTHENTICATED');
      expect(
        errorCode(await t.gql(RESET_PASSWORD, { token, newPassword: 'encore-un-autre-mot-de-passe' })),
      ).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql(LOGIN, { email: user.email, password: TEST_PASSWORD }))).toBe(
        'UNAUTHENTICATED',
      );
      ok(await t.gql(LOGIN, { email: user.email, password: 'un-nouveau-mot-de-passe' }));
    });

    it('a reset token expires', async () => {
      const user = await f.user(w.academy, [{ role: 'TEACHER', school: w.schoolA }]);
      ok(await t.gql(REQUEST_PASSWORD_RESET, { email: user.email }));
      await waitForMails(user.id, 'PASSWORD_RESET', 1);
      const token = tokenIn((await mailsOf(user.id, 'PASSWORD_RESET'))[0].text);
      const [{ hours }] = await t.dataSource.query(
        `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM account_token WHERE user_id = $1`,
        [user.id],
      );
      expect(hours).toBe(1);
      await t.dataSource.query(
        `UPDATE account_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [user.id],
      );
      expect(errorCode(await t.gql(RESET_PASSWORD, { token, newPassword: 'un-nouveau-mot-de-passe' }))).toBe(
        'UNAUTHENTICATED',
      );
      expect(
        errorCode(await t.gql(RESET_PASSWORD, { token: 'inconnu', newPassword: 'un-nouveau-mot-de-passe' })),
      ).toBe('UNAUTHENTICATED');
    });

    it('createUser without a password invites the user, who chooses one', async () => {
      const email = `invite.${Date.now()}@ac-test.fr`;
      const created = ok(
        await t.gql<{ createUser: { id: string; invitationPending: boolean } }>(
          CREATE_USER,
          {
            input: {
              academyId: w.academy.id,
              email,
              displayName: 'Nouvelle Enseignante',
              grants: [{ role: 'TEACHER', schoolId: w.schoolA.id }],
            },
          },
          w.headA.token,
        ),
      ).createUser;
      expect(created.invitationPending).toBe(true);
      await waitForMails(created.id, 'INVITATION', 1);
      const [mail] = await mailsOf(created.id, 'INVITATION');
      expect(mail.to).toEqual([email]);
      const [{ hours }] = await t.dataSource.query(
        `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM account_token WHERE user_id = $1`,
        [created.id],
      );
      expect(hours).toBe(7 * 24);
      // no password yet: no login
      expect(errorCode(await t.gql(LOGIN, { email, password: 'n-importe-quoi-123' }))).toBe(
        'UNAUTHENTICATED',
      );
      // sent again: the first link no longer works
      expect(
        ok(
          await t.gql<{ resendInvitation: boolean }>(
            RESEND_INVITATION,
            { userId: created.id },
            w.headA.token,
          ),
        ).resendInvitation,
      ).toBe(true);
      // another school's head and a teacher do not see the account; the DPD sees it, may not resend
      expect(errorCode(await t.gql(RESEND_INVITATION, { userId: created.id }, w.headB.token))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await t.gql(RESEND_INVITATION, { userId: created.id }, w.teacherA.token))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await t.gql(RESEND_INVITATION, { userId: created.id }, w.dpd.token))).toBe(
        'FORBIDDEN',
      );
      await waitForMails(created.id, 'INVITATION', 2);
      const [first, second] = (await mailsOf(created.id, 'INVITATION')).map((m) => tokenIn(m.text));
      expect(
        errorCode(await t.gql(RESET_PASSWORD, { token: first, newPassword: 'mon-mot-de-passe-choisi' })),
      ).toBe('UNAUTHENTICATED');
      const session = ok(
        await t.gql<{ resetPassword: { user: { invitationPending: boolean } } }>(RESET_PASSWORD, {
          token: second,
          newPassword: 'mon-mot-de-passe-choisi',
        }),
      );
      expect(session.resetPassword.user.invitationPending).toBe(false);
      ok(await t.gql(LOGIN, { email, password: 'mon-mot-de-passe-choisi' }));
      expect(errorCode(await t.gql(RESEND_INVITATION, { userId: created.id }, w.headA.token))).toBe(
        'CONFLICT',
      );
    });
  });
});

describe('notifications without SMTP_URL', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('are kept in the application, NOT_SENT', async () => {
    t = await createTestApp();
    const f = new Factory(t.dataSource);
    const w = await f.world();
    const v = ok(
      await t.gql<{ recordViolation: { id: string } }>(
        RECORD_VIOLATION,
        { input: breach(w.schoolA) },
        w.headA.token,
      ),
    ).recordViolation;
    const mine = ok(
      await t.gql<{
        myNotifications: {
          nodes: { kind: string; entityId: string; deliveryStatus: string; attempts: number; body: string }[];
        };
      }>(
        `query { myNotifications { nodes { kind entityId deliveryStatus attempts body } } }`,
        {},
        w.headA.token,
      ),
    ).myNotifications.nodes.filter((n) => n.entityId === v.id);
    expect(mine).toEqual([
      expect.objectContaining({ kind: 'BREACH_RECORDED', deliveryStatus: 'NOT_SENT', attempts: 0 }),
    ]);
    expect(mine[0].body).toContain(`/fiche/violation/${v.id}`);
  });
});

/** POST /graphql on a new connection each time, so that the cluster hands it to the next worker. */
function post(
  port: number,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<{ data?: { recordViolation?: { id: string } }; errors?: unknown[] }> {
  const body = JSON.stringify({ query, variables });
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(JSON.parse(text)));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

/**
 * `API_WORKERS=2 npm start` with SMTP_URL: two real API processes (node:cluster, ts-node, the test
 * database), and nothing else delivering: each mail reaches the SMTP server once.
 */
describe('two API processes (API_WORKERS=2)', () => {
  const smtp = new TestSmtpServer();
  let server: ChildProcess;
  let port: number;
  let output = '';
  let t: TestApp;

  beforeAll(async () => {
    await smtp.start(0);
    // this app only writes fixtures and reads: no SMTP, no scheduler, so it delivers nothing
    t = await createTestApp();
    port = await freePort();
    server = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'apps/api/src/main.ts'], {
      cwd: resolve(__dirname, '../..'),
      env: {
        ...process.env,
        TS_NODE_PROJECT: 'tsconfig.json',
        NODE_ENV: 'test',
        API_WORKERS: '2',
        PORT: String(port),
        DATABASE_URL: testDatabaseUrl(),
        JWT_SECRET: TEST_JWT_SECRET,
        // its audit events keyed as the test apps key theirs: the run's trail stays verifiable
        AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
        AUDIT_CHECKPOINT_DIR: ownCheckpointDir(),
        ARGON2_MEMORY_KIB: '1024',
        SMTP_URL: smtp.url,
        MAIL_RETRY_DELAY_SECONDS: '1',
        SCHEDULER_INTERVAL_SECONDS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await smtp
      .waitFor('the cluster to be ready', () => output.includes('(2 API workers)'), 240_000)
      .catch((error: Error) => {
        throw new Error(`${error.message}; its output:\n${output}`);
      });
  }, 270_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((done) => server.once('exit', done));
      server.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    await t.close();
    await smtp.stop();
  }, 60_000);

  it('delivers each mail once', async () => {
    const w = await new Factory(t.dataSource).world();
    await t.dataSource.query(`UPDATE academy SET dpo_email = NULL WHERE id = $1`, [w.academy.id]);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const answer = await post(
        port,
        RECORD_VIOLATION,
        { input: breach(w.schoolA) },
        i % 2 ? w.headA.token : w.teacherA.token,
      );
      ids.push(answer.data!.recordViolation!.id);
    }
    const rows: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM notification WHERE entity_id = ANY($1) AND kind = 'BREACH_RECORDED'`,
      [ids],
    );
    // the head and the DPD user, for each breach
    expect(rows).toHaveLength(24);
    const expected = new Set(rows.map((r) => r.id));
    await smtp.waitFor(
      '24 mails',
      () => smtp.mails.filter((m) => expected.has(m.notificationId ?? '')).length >= 24,
      60_000,
    );
    await sleep(3000);
    const mails = smtp.mails.filter((m) => expected.has(m.notificationId ?? ''));
    expect(mails).toHaveLength(24);
    expect(new Set(mails.map((m) => m.notificationId)).size).toBe(24);
  }, 120_000);
});
