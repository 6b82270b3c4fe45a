import { writeFileSync } from 'node:fs';
import request from 'supertest';
import { insertTreatment, pdfText, qpdfCheck, squash } from '../helpers/export-fixtures';
import { Factory } from '../helpers/factories';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';
import { RECORD_RIGHTS_REQUEST, TRANSITION_RIGHTS_REQUEST } from '../helpers/operations/rights-requests';
import { EXPORT_REGISTER } from '../helpers/operations/exports';

/** RIGHTS_REQUEST_REGISTER and the dossier's part: stored, traced, downloadable, every request with its deadline. */

interface ExportFile {
  id: string;
  kind: string;
  sha256: string;
  pageCount: number;
  downloadPath: string;
}

describe('rights requests in the exports', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Factory['world']>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await new Factory(t.dataSource).world();
    const treatment = await insertTreatment(t.dataSource, w.schoolA, { name: 'Vie scolaire (Pronote)' });
    const record = async (input: Record<string, unknown>) =>
      ok(
        await t.gql<{ recordRightsRequest: { id: string; version: number } }>(
          RECORD_RIGHTS_REQUEST,
          {
            input: {
              schoolId: w.schoolA.id,
              channel: 'EMAIL',
              requesterRelation: 'LEGAL_GUARDIAN',
              subjectCategory: 'STUDENTS',
              ...input,
            },
          },
          w.headA.token,
        ),
      ).recordRightsRequest;
    const move = async (r: { id: string; version: number }, input: Record<string, unknown>) =>
      ok(
        await t.gql<{ transitionRightsRequest: { id: string; version: number } }>(
          TRANSITION_RIGHTS_REQUEST,
          { id: r.id, version: r.version, input },
          w.headA.token,
        ),
      ).transitionRightsRequest;
    // answered in time
    const first = await record({
      rightTypes: ['ACCESS'],
      receivedAt: '2026-03-15T09:00:00.000Z',
      requesterName: 'Mme Hélène Garçon',
      subjectName: 'Zoé Garçon',
      description: 'Copie des données de sa fille dans Pronote (notes, absences, appréciations).',
      treatmentIds: [treatment.id],
    });
    await move(first, {
      transition: 'ANSWER',
      at: '2026-04-10T10:00:00.000Z',
      answerSummary: 'Export Pronote remis en main propre.',
    });
    // answered late, with its reason
    const second = await record({
      rightTypes: ['ERASURE'],
      receivedAt: '2026-05-04T08:00:00.000Z',
      requesterName: 'M. Éric Lefèvre',
      subjectName: 'Noé Lefèvre',
      description: "Effacement d'une photo de classe publiée sur le site de l'établissement.",
    });
    await move(second, {
      transition: 'ANSWER',
      at: '2026-06-12T10:00:00.000Z',
      answerSummary:
        'Photo retirée du site ; réponse tardive : demande reçue pendant la fermeture du secrétariat.',
    });
  });
  afterAll(() => t.close());

  const exportAs = (token: string, kind: string) =>
    t.gql<{ exportRegister: ExportFile }>(EXPORT_REGISTER, { schoolId: w.schoolA.id, kind }, token);
  const download = (path: string, token: string) =>
    request(t.app.getHttpServer())
      .get(path)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });

  it('renders the register: every request, its dates, deadline and whether it was met', async () => {
    const file = ok(await exportAs(w.headA.token, 'RIGHTS_REQUEST_REGISTER')).exportRegister;
    expect(file.kind).toBe('RIGHTS_REQUEST_REGISTER');
    const res = await download(file.downloadPath, w.dpd.token);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.headers['content-disposition']).toContain('registre-des-demandes-de-droits-');
    const content = res.body as Buffer;
    if (process.env.KEEP_PDF) writeFileSync(process.env.KEEP_PDF, content);
    expect((await qpdfCheck(content)).ok).toBe(true);
    const text = squash(await pdfText(content));
    expect(text).toContain("Registre des demandes d'exercice des droits");
    expect(text).toContain(
      'Le registre compte 2 demandes (0 en cours). Délai de réponse : 1 réponse dans le délai, 1 en retard, 0 demande en cours hors délai.',
    );
    expect(text).not.toContain('(s)');
    expect(text).toContain("D-001 — Droit d'accès (art. 15)");
    expect(text).toContain('Mme Hélène Garçon');
    expect(text).toContain('Zoé Garçon');
    expect(text).toContain('Échéance de réponse : 15/04/2026 à 23:59');
    expect(text).toContain("Respecté : réponse donnée avant l'échéance");
    expect(text).toContain('T-001 — Vie scolaire (Pronote)');
    expect(text).toContain("D-002 — Droit à l'effacement (art. 17)");
    expect(text).toContain("Non respecté : réponse donnée 8 jours après l'échéance");
    expect(text).toContain('fermeture du secrétariat');
    const [event] = await t.dataSource.query(
      `SELECT action, entity_type FROM audit_event WHERE entity_id = $1`,
      [file.id],
    );
    expect(event).toEqual({ action: 'EXPORT', entity_type: 'ExportFile' });
  });

  it('gives the CNIL dossier its part 5', async () => {
    const file = ok(await exportAs(w.dpd.token, 'CNIL_DOSSIER')).exportRegister;
    const res = await download(file.downloadPath, w.headA.token);
    if (process.env.KEEP_PDF) writeFileSync(`${process.env.KEEP_PDF}.dossier.pdf`, res.body as Buffer);
    const text = squash(await pdfText(res.body as Buffer));
    expect(text).toContain("Partie 5 — Registre des demandes d'exercice des droits");
    expect(text).toContain(
      "Demandes d'exercice des droits : 2 (0 en cours ; 1 réponse dans le délai, 1 en retard, 0 demande en cours hors délai)",
    );
    expect(text).toContain('Mme Hélène Garçon');
    expect(text).toContain("Non respecté : réponse donnée 8 jours après l'échéance");
  });

  it('is refused to a teacher and to the admin, as the other registers', async () => {
    expect(errorCode(await exportAs(w.teacherA.token, 'RIGHTS_REQUEST_REGISTER'))).toBe('FORBIDDEN');
    expect(errorCode(await exportAs(w.admin.token, 'RIGHTS_REQUEST_REGISTER'))).toBe('FORBIDDEN');
    expect(errorCode(await exportAs(w.headB.token, 'RIGHTS_REQUEST_REGISTER'))).toBe('NOT_FOUND');
  });
});
