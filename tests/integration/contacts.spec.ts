import request from 'supertest';
import { Factory } from '../helpers/factories';
import { pdfText } from '../helpers/export-fixtures';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';
import { EXPORT_REGISTER } from '../helpers/operations/exports';
import { UPDATE_ACADEMY, UPDATE_SCHOOL } from '../helpers/operations/schools';

/** The contacts of the alert chain (RULES.md, "Alert chain and notifications"): who edits them, and the exports. */

describe('contacts of the académie and of the school', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Factory['world']>>;
  let other: Awaited<ReturnType<Factory['world']>>;

  beforeAll(async () => {
    t = await createTestApp();
    const f = new Factory(t.dataSource);
    w = await f.world();
    other = await f.world();
  });
  afterAll(() => t.close());

  /** The entity's audit events, oldest first, their changes parsed (stored as canonical JSON). */
  const events = async (entityId: string) =>
    (
      (await t.dataSource.query(`SELECT action, changes FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [
        entityId,
      ])) as { action: string; changes: string }[]
    ).map((e) => ({
      action: e.action,
      changes: JSON.parse(e.changes) as Record<string, [unknown, unknown]>,
    }));

  it('updateAcademy: ADMIN every field, the DPD its own dpo* fields, versioned and audited', async () => {
    const byAdmin = ok(
      await t.gql<{ updateAcademy: { version: number; rssiEmail: string; hierarchyEmail: string } }>(
        UPDATE_ACADEMY,
        { id: w.academy.id, input: { rssiEmail: ' RSSI@AC-TEST.FR ', hierarchyEmail: 'dsden31@ac-test.fr' } },
        w.admin.token,
      ),
    ).updateAcademy;
    expect(byAdmin).toMatchObject({ rssiEmail: 'rssi@ac-test.fr', hierarchyEmail: 'dsden31@ac-test.fr' });
    const byDpd = ok(
      await t.gql<{
        updateAcademy: { version: number; dpoPhone: string; dpoAddress: string; rssiEmail: string };
      }>(
        UPDATE_ACADEMY,
        {
          id: w.academy.id,
          input: { dpoPhone: '05 61 00 00 00', dpoAddress: 'Rectorat, 75 rue Saint-Roch, Toulouse' },
          version: byAdmin.version,
        },
        w.dpd.token,
      ),
    ).updateAcademy;
    expect(byDpd).toMatchObject({
      dpoPhone: '05 61 00 00 00',
      rssiEmail: 'rssi@ac-test.fr',
      version: byAdmin.version + 1,
    });
    expect(await events(w.academy.id)).toEqual([
      {
        action: 'UPDATE',
        changes: { rssiEmail: [null, 'rssi@ac-test.fr'], hierarchyEmail: [null, 'dsden31@ac-test.fr'] },
      },
      {
        action: 'UPDATE',
        changes: {
          dpoPhone: [null, '05 61 00 00 00'],
          dpoAddress: [null, 'Rectorat, 75 rue Saint-Roch, Toulouse'],
        },
      },
    ]);

    // stale version, a field the DPD may not change, another académie, another role, bad input
    expect(
      errorCode(
        await t.gql(UPDATE_ACADEMY, { id: w.academy.id, input: { dpoName: 'X' }, version: 1 }, w.dpd.token),
      ),
    ).toBe('CONFLICT');
    expect(
      errorCode(
        await t.gql(UPDATE_ACADEMY, { id: w.academy.id, input: { rssiEmail: 'x@ac-test.fr' } }, w.dpd.token),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await t.gql(UPDATE_ACADEMY, { id: other.academy.id, input: { dpoName: 'X' } }, w.dpd.token)),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(await t.gql(UPDATE_ACADEMY, { id: w.academy.id, input: { dpoName: 'X' } }, w.headA.token)),
    ).toBe('FORBIDDEN');
    const bad = await t.gql(
      UPDATE_ACADEMY,
      { id: w.academy.id, input: { dpoEmail: 'pas-une-adresse' } },
      w.dpd.token,
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(Object.keys(bad.errors?.[0]?.extensions?.fields ?? {})).toEqual(['dpoEmail']);
    expect(await events(w.academy.id)).toHaveLength(2);
  });

  it('updateSchool: ADMIN every field, a HEAD the address, e-mail and phone of its school', async () => {
    const byHead = ok(
      await t.gql<{ updateSchool: { address: string; email: string; phone: string; version: number } }>(
        UPDATE_SCHOOL,
        {
          id: w.schoolA.id,
          input: {
            address: '1 place du Capitole, Toulouse',
            email: 'CE.0310024H@ac-test.fr',
            phone: '05 00 00 00 01',
          },
        },
        w.headA.token,
      ),
    ).updateSchool;
    expect(byHead).toMatchObject({
      address: '1 place du Capitole, Toulouse',
      email: 'ce.0310024h@ac-test.fr',
      phone: '05 00 00 00 01',
    });
    const byAdmin = ok(
      await t.gql<{ updateSchool: { name: string; phone: string | null } }>(
        UPDATE_SCHOOL,
        {
          id: w.schoolA.id,
          input: { name: 'Collège Pierre-de-Fermat', phone: null },
          version: byHead.version,
        },
        w.admin.token,
      ),
    ).updateSchool;
    expect(byAdmin).toMatchObject({ name: 'Collège Pierre-de-Fermat', phone: null });
    expect(
      errorCode(await t.gql(UPDATE_SCHOOL, { id: w.schoolA.id, input: { name: 'Autre' } }, w.headA.token)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await t.gql(UPDATE_SCHOOL, { id: w.schoolA.id, input: { phone: '1' } }, w.teacherA.token)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await t.gql(UPDATE_SCHOOL, { id: w.schoolB.id, input: { phone: '1' } }, w.headA.token)),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await t.gql(UPDATE_SCHOOL, { id: w.schoolA.id, input: { phone: '1' }, version: 1 }, w.headA.token),
      ),
    ).toBe('CONFLICT');
    expect((await events(w.schoolA.id)).map((e) => Object.keys(e.changes).sort())).toEqual([
      ['address', 'email', 'phone'],
      ['name', 'phone'],
    ]);
  });

  it('the exports print the contacts', async () => {
    ok(
      await t.gql(
        UPDATE_ACADEMY,
        { id: w.academy.id, input: { hierarchyEmail: 'dsden31@ac-test.fr', rssiEmail: 'rssi@ac-test.fr' } },
        w.admin.token,
      ),
    );
    const { exportRegister } = ok(
      await t.gql<{ exportRegister: { downloadPath: string } }>(
        EXPORT_REGISTER,
        { schoolId: w.schoolA.id, kind: 'TREATMENT_REGISTER' },
        w.headA.token,
      ),
    );
    const res = await request(t.app.getHttpServer())
      .get(exportRegister.downloadPath)
      .set('Authorization', `Bearer ${w.headA.token}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const text = (await pdfText(res.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toContain('1 place du Capitole, Toulouse');
    expect(text).toContain('tél. 05 61 00 00 00');
    expect(text).toContain('Rectorat, 75 rue Saint-Roch, Toulouse');
    expect(text).toContain('rssi@ac-test.fr');
    expect(text).toContain('dsden31@ac-test.fr');
  });
});
