import { createHash } from 'node:crypto';
import request from 'supertest';
import { counts, Factory, tokenFor } from '../helpers/factories';
import { insertTreatment, insertViolation, pdfPageCount, qpdfCheck } from '../helpers/export-fixtures';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';
import { EXPORTS, EXPORT_REGISTER } from '../helpers/operations/exports';

/** exportRegister, exports and GET /exports/:id/download: who may, what is stored, what is traced. */

interface ExportFileResult {
  id: string;
  kind: string;
  createdAt: string;
  sha256: string;
  byteSize: number;
  pageCount: number;
  downloadPath: string;
  school: { id: string; uai: string; name: string };
  createdBy: { id: string; displayName: string };
}

type World = Awaited<ReturnType<Factory['world']>>;

describe('exports', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
    w = await f.world();
    const treatment = await insertTreatment(t.dataSource, w.schoolA, { name: 'Cantine scolaire' });
    await insertViolation(t.dataSource, w.schoolA, w.teacherA.id, {
      title: 'Clé USB perdue',
      treatmentIds: [treatment.id],
    });
  });
  afterAll(() => t.close());

  const exportAs = (token: string | undefined, schoolId: string, kind = 'TREATMENT_REGISTER') =>
    t.gql<{ exportRegister: ExportFileResult }>(EXPORT_REGISTER, { schoolId, kind }, token);

  /** GET with a binary body (supertest only buffers text types by itself). */
  const download = (path: string, token?: string) => {
    const req = request(t.app.getHttpServer())
      .get(path)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    if (token) req.set('Authorization', `Bearer ${token}`);
    return req;
  };

  describe('exportRegister', () => {
    it.each(['TREATMENT_REGISTER', 'VIOLATION_REGISTER', 'CNIL_DOSSIER'])(
      'a head of the school exports the %s, stored with its hash, size and page count',
      async (kind) => {
        const before = await counts(t.dataSource, 'export_file');
        const file = ok(await exportAs(w.headA.token, w.schoolA.id, kind)).exportRegister;
        expect(file).toMatchObject({
          kind,
          downloadPath: `/exports/${file.id}/download`,
          school: { id: w.schoolA.id, uai: w.schoolA.uai },
          createdBy: { id: w.headA.id },
        });
        const [row] = await t.dataSource.query(
          `SELECT kind, school_id, academy_id, created_by_id, file_name, sha256, byte_size, page_count, content
             FROM export_file WHERE id = $1`,
          [file.id],
        );
        const content = row.content as Buffer;
        expect(row).toMatchObject({
          kind,
          school_id: w.schoolA.id,
          academy_id: w.academy.id,
          created_by_id: w.headA.id,
          byte_size: content.length,
          page_count: file.pageCount,
        });
        expect(file.byteSize).toBe(content.length);
        expect(file.sha256).toBe(createHash('sha256').update(content).digest('hex'));
        expect(row.sha256).toBe(file.sha256);
        expect(content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(await pdfPageCount(content)).toBe(file.pageCount);
        const check = await qpdfCheck(content);
        expect(check.output).toContain('No syntax or stream encoding errors found');
        expect(check.ok).toBe(true);
        const prefix = {
          TREATMENT_REGISTER: 'registre-des-traitements',
          VIOLATION_REGISTER: 'registre-des-violations',
          CNIL_DOSSIER: 'dossier-cnil',
        }[kind];
        expect(row.file_name).toMatch(new RegExp(`^${prefix}-${w.schoolA.uai}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
        const after = await counts(t.dataSource, 'export_file');
        expect(after.rows).toBe(before.rows + 1);
        expect(after.events).toBe(before.events + 1);
      },
    );

    it('the DPD of the academy exports, and is named as the author', async () => {
      const file = ok(await exportAs(w.dpd.token, w.schoolB.id, 'CNIL_DOSSIER')).exportRegister;
      expect(file.school.id).toBe(w.schoolB.id);
      expect(file.createdBy.id).toBe(w.dpd.id);
    });

    it('records an EXPORT audit event in the school chain, with what was exported', async () => {
      const file = ok(await exportAs(w.headA.token, w.schoolA.id, 'VIOLATION_REGISTER')).exportRegister;
      const events = await t.dataSource.query(
        `SELECT action, entity_type, actor_id, school_id, academy_id, chain, changes FROM audit_event WHERE entity_id = $1`,
        [file.id],
      );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'EXPORT',
        entity_type: 'ExportFile',
        actor_id: w.headA.id,
        school_id: w.schoolA.id,
        academy_id: w.academy.id,
        chain: w.schoolA.id,
      });
      const [{ file_name }] = await t.dataSource.query(`SELECT file_name FROM export_file WHERE id = $1`, [
        file.id,
      ]);
      expect(JSON.parse(events[0].changes)).toEqual({
        kind: [null, 'VIOLATION_REGISTER'],
        format: [null, 'PDF'],
        fileName: [null, file_name],
        sha256: [null, file.sha256],
        byteSize: [null, file.byteSize],
        pageCount: [null, file.pageCount],
      });
      // the head reads it in the school's audit trail
      const trail = ok(
        await t.gql<{
          auditTrail: { nodes: { action: string; entityType: string; actor: { id: string } }[] };
        }>(
          `query ($id: ID!) { auditTrail(filter: { entityId: $id }) { nodes { action entityType actor { id } } } }`,
          { id: file.id },
          w.headA.token,
        ),
      );
      expect(trail.auditTrail.nodes).toEqual([
        { action: 'EXPORT', entityType: 'ExportFile', actor: { id: w.headA.id } },
      ]);
    });

    it('refuses a teacher and an admin (FORBIDDEN), writing nothing', async () => {
      const before = await counts(t.dataSource, 'export_file');
      expect(errorCode(await exportAs(w.teacherA.token, w.schoolA.id))).toBe('FORBIDDEN');
      expect(errorCode(await exportAs(w.admin.token, w.schoolA.id))).toBe('FORBIDDEN');
      expect(await counts(t.dataSource, 'export_file')).toEqual(before);
    });

    it('treats a school out of scope as missing (NOT_FOUND), writing nothing', async () => {
      const other = await f.world();
      const before = await counts(t.dataSource, 'export_file');
      expect(errorCode(await exportAs(w.headB.token, w.schoolA.id))).toBe('NOT_FOUND');
      expect(errorCode(await exportAs(w.teacherB.token, w.schoolA.id))).toBe('NOT_FOUND');
      expect(errorCode(await exportAs(other.dpd.token, w.schoolA.id))).toBe('NOT_FOUND');
      expect(errorCode(await exportAs(w.headA.token, '00000000-0000-4000-8000-000000000000'))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await exportAs(w.headA.token, 'pas-un-identifiant'))).toBe('NOT_FOUND');
      expect(await counts(t.dataSource, 'export_file')).toEqual(before);
    });

    it('needs a token', async () => {
      expect(errorCode(await exportAs(undefined, w.schoolA.id))).toBe('UNAUTHENTICATED');
    });

    it('rejects an unknown kind before running', async () => {
      const result = await exportAs(w.headA.token, w.schoolA.id, 'REGISTRE');
      expect(result.errors?.length).toBeGreaterThan(0);
      expect(errorCode(result)).not.toBe('INTERNAL_SERVER_ERROR');
    });
  });

  describe('exports', () => {
    it("lists the school's exports newest first, to its head and to the DPD", async () => {
      const w2 = await f.world();
      const first = ok(await exportAs(w2.headA.token, w2.schoolA.id, 'TREATMENT_REGISTER')).exportRegister;
      const second = ok(await exportAs(w2.dpd.token, w2.schoolA.id, 'CNIL_DOSSIER')).exportRegister;
      const third = ok(await exportAs(w2.headA.token, w2.schoolA.id, 'VIOLATION_REGISTER')).exportRegister;
      ok(await exportAs(w2.headB.token, w2.schoolB.id, 'TREATMENT_REGISTER'));
      for (const token of [w2.headA.token, w2.dpd.token]) {
        const list = ok(
          await t.gql<{ exports: ExportFileResult[] }>(EXPORTS, { schoolId: w2.schoolA.id }, token),
        ).exports;
        expect(list.map((e) => e.id)).toEqual([third.id, second.id, first.id]);
        expect(list[1]).toEqual({
          id: second.id,
          kind: 'CNIL_DOSSIER',
          createdAt: second.createdAt,
          sha256: second.sha256,
          byteSize: second.byteSize,
          pageCount: second.pageCount,
          downloadPath: `/exports/${second.id}/download`,
          school: { uai: w2.schoolA.uai },
          createdBy: { id: w2.dpd.id },
        });
      }
    });

    it('is FORBIDDEN to a teacher and an admin of the school', async () => {
      for (const token of [w.teacherA.token, w.admin.token]) {
        expect(errorCode(await t.gql(EXPORTS, { schoolId: w.schoolA.id }, token))).toBe('FORBIDDEN');
      }
    });

    it('is empty for a school out of scope, unknown or malformed', async () => {
      const other = await f.world();
      ok(await exportAs(w.headA.token, w.schoolA.id));
      const empty = async (token: string, schoolId: string) =>
        ok(await t.gql<{ exports: unknown[] }>(EXPORTS, { schoolId }, token)).exports;
      expect(await empty(w.headA.token, w.schoolA.id)).not.toEqual([]);
      expect(await empty(w.headB.token, w.schoolA.id)).toEqual([]);
      expect(await empty(other.dpd.token, w.schoolA.id)).toEqual([]);
      expect(await empty(w.headA.token, '00000000-0000-4000-8000-000000000000')).toEqual([]);
      expect(await empty(w.headA.token, 'nimporte-quoi')).toEqual([]);
    });
  });

  describe('GET downloadPath', () => {
    let file: ExportFileResult;
    let stored: Buffer;

    beforeAll(async () => {
      file = ok(await exportAs(w.headA.token, w.schoolA.id, 'CNIL_DOSSIER')).exportRegister;
      stored = (await t.dataSource.query(`SELECT content FROM export_file WHERE id = $1`, [file.id]))[0]
        .content;
    });

    it.each(['head', 'dpd'] as const)('gives the %s the stored bytes, as a French-named PDF', async (who) => {
      const token = who === 'head' ? w.headA.token : w.dpd.token;
      const res = await download(file.downloadPath, token);
      expect(res.status).toBe(200);
      const body = res.body as Buffer;
      expect(Buffer.isBuffer(body)).toBe(true);
      expect(body.equals(stored)).toBe(true);
      expect(body.length).toBe(file.byteSize);
      expect(createHash('sha256').update(body).digest('hex')).toBe(file.sha256);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-length']).toBe(String(file.byteSize));
      const [{ file_name }] = await t.dataSource.query(`SELECT file_name FROM export_file WHERE id = $1`, [
        file.id,
      ]);
      expect(file_name).toMatch(/^dossier-cnil-/);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="${file_name}"; filename*=UTF-8''${file_name}`,
      );
      expect(res.headers['repr-digest']).toBe(
        `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
      );
      expect(res.headers['cache-control']).toContain('no-store');
    });

    it('answers 404 to anyone who may not export for the school', async () => {
      const other = await f.world();
      const inactiveHead = await f.user(w.academy, [{ role: 'HEAD', school: w.schoolA }], { active: false });
      const refused: [string, string | undefined][] = [
        ['head of another school', w.headB.token],
        ['teacher of the school', w.teacherA.token],
        ['admin', w.admin.token],
        ['DPD of another academy', other.dpd.token],
        ['deactivated head of the school', inactiveHead.token],
        ['no token', undefined],
        ['malformed token', 'pas-un-jeton'],
        ['expired token', tokenFor(w.headA.id, { expiresIn: -10 })],
      ];
      for (const [who, token] of refused) {
        const res = await download(file.downloadPath, token);
        expect({ who, status: res.status }).toEqual({ who, status: 404 });
        expect(res.headers['content-type']).not.toBe('application/pdf');
      }
    });

    it('answers 404 for an unknown or malformed id', async () => {
      for (const path of [
        '/exports/00000000-0000-4000-8000-000000000000/download',
        '/exports/pas-un-identifiant/download',
        `/exports/${file.id.toUpperCase()}x/download`,
      ]) {
        expect((await download(path, w.headA.token)).status).toBe(404);
      }
    });

    it('no longer serves a head who lost the school', async () => {
      const formerHead = await f.user(w.academy, [{ role: 'HEAD', school: w.schoolA }]);
      expect((await download(file.downloadPath, formerHead.token)).status).toBe(200);
      await t.dataSource.query(`DELETE FROM role_grant WHERE user_id = $1`, [formerHead.id]);
      expect((await download(file.downloadPath, formerHead.token)).status).toBe(404);
    });
  });
});
