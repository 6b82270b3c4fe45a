import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { ValueType } from 'exceljs';
import { Factory } from '../helpers/factories';
import { insertTreatment, insertViolation } from '../helpers/export-fixtures';
import {
  download,
  EXPORT_SHEET,
  readWorkbook,
  SheetFile,
  sheetRows,
  TREATMENT_HEADINGS,
} from '../helpers/spreadsheets';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';

/** exportRegister(format: XLSX | CSV): French headings and labels, stored, traced and downloaded like the PDFs. */
describe('spreadsheet exports', () => {
  let t: TestApp;
  let f: Factory;
  let w: Awaited<ReturnType<Factory['world']>>;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
    w = await f.world();
    const cantine = await insertTreatment(t.dataSource, w.schoolA, {
      name: 'Cantine scolaire',
      purposes: ['Gestion des inscriptions', 'Facturation des repas'],
      legalBasis: 'PUBLIC_INTEREST',
      subjectCategories: ['STUDENTS', 'PARENTS'],
      dataCategories: ['IDENTITY', 'HEALTH'],
      retentionMonths: 24,
    });
    await insertTreatment(t.dataSource, w.schoolA, {
      name: '=HYPERLINK("http://exemple.test","clic")',
      purposes: ['+1+1', '@SOMME(A1)', '-2'],
    });
    await insertViolation(t.dataSource, w.schoolA, w.teacherA.id, {
      title: 'Clé USB perdue',
      treatmentIds: [cantine.id],
    });
  });
  afterAll(() => t.close());

  const exportAs = (token: string, kind: string, format: string | undefined, schoolId = w.schoolA.id) =>
    t.gql<{ exportRegister: SheetFile }>(EXPORT_SHEET, { schoolId, kind, format }, token);

  const fetchFile = async (file: SheetFile, token = w.headA.token) => {
    const res = await download(t, file.downloadPath, token);
    expect(res.status).toBe(200);
    return { content: res.body as Buffer, headers: res.headers };
  };

  it('the treatment register as XLSX: French headings and labels read back with exceljs, stored and traced', async () => {
    const file = ok(await exportAs(w.headA.token, 'TREATMENT_REGISTER', 'XLSX')).exportRegister;
    expect(file).toMatchObject({
      kind: 'TREATMENT_REGISTER',
      format: 'XLSX',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(file.fileName).toMatch(
      new RegExp(`^registre-des-traitements-${w.schoolA.uai}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`),
    );
    const { content, headers } = await fetchFile(file);
    expect(headers['content-type']).toBe(file.contentType);
    expect(headers['content-disposition']).toContain(file.fileName);
    expect(createHash('sha256').update(content).digest('hex')).toBe(file.sha256);
    expect(content.length).toBe(file.byteSize);

    const [row] = await t.dataSource.query(`SELECT format, page_count FROM export_file WHERE id = $1`, [
      file.id,
    ]);
    expect(row).toEqual({ format: 'XLSX', page_count: 3 });
    const [event] = await t.dataSource.query(
      `SELECT action, changes FROM audit_event WHERE entity_id = $1 AND entity_type = 'ExportFile'`,
      [file.id],
    );
    expect(event.action).toBe('EXPORT');
    expect(JSON.stringify(event.changes)).toContain('XLSX');

    const workbook = await readWorkbook(content);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Traitements',
      'Traitements archivés',
      'Informations',
    ]);
    const [headings, first, second] = sheetRows(workbook, 'Traitements');
    expect(headings.slice(0, TREATMENT_HEADINGS.length)).toEqual(TREATMENT_HEADINGS);
    const cell = (row: unknown[], heading: string) => row[headings.indexOf(heading)];
    expect(cell(first, 'Référence')).toBe('T-001');
    expect(cell(first, 'Nom du traitement')).toBe('Cantine scolaire');
    expect(cell(first, 'Finalités')).toBe('Gestion des inscriptions ; Facturation des repas');
    expect(cell(first, 'Base légale')).toBe("Mission d'intérêt public (art. 6.1.e du RGPD)");
    expect(cell(first, 'Catégories de personnes')).toBe('Élèves ; Parents et responsables légaux');
    expect(cell(first, 'Catégories de données')).toBe(
      'Identité (nom, prénom, date de naissance, INE) ; Santé, donnée sensible (art. 9 : santé, handicap, PAI)',
    );
    expect(cell(first, 'Données sensibles')).toBe('Oui');
    expect(cell(first, 'AIPD requise')).toBe('Oui');
    expect(cell(first, 'Durée de conservation (mois)')).toBe(24);
    expect(cell(first, 'Statut')).toBe('Actif');
    expect(cell(first, 'Créé le')).toBeInstanceOf(Date);
    expect(cell(second, 'Référence')).toBe('T-002');

    const info = sheetRows(workbook, 'Informations');
    expect(info).toEqual(
      expect.arrayContaining([
        ['Document', 'Registre des activités de traitement'],
        ['UAI', w.schoolA.uai],
        ['Établissement', w.schoolA.name],
      ]),
    );
  });

  it('cells that start like a formula are exported as text, never as formulas', async () => {
    const xlsx = ok(await exportAs(w.headA.token, 'TREATMENT_REGISTER', 'XLSX')).exportRegister;
    const workbook = await readWorkbook((await fetchFile(xlsx)).content);
    const sheet = workbook.getWorksheet('Traitements')!;
    const name = sheet.getRow(3).getCell(2);
    expect(name.type).toBe(ValueType.String);
    expect(name.value).toBe('=HYPERLINK("http://exemple.test","clic")');
    let formulas = 0;
    workbook.worksheets.forEach((s) =>
      s.eachRow((r) =>
        r.eachCell((c) => {
          if (c.type === ValueType.Formula) formulas++;
        }),
      ),
    );
    expect(formulas).toBe(0);

    const csv = ok(await exportAs(w.headA.token, 'TREATMENT_REGISTER', 'CSV')).exportRegister;
    const records: string[][] = parse((await fetchFile(csv)).content, { delimiter: ';', bom: true });
    const row = records.find((r) => r[0] === 'T-002')!;
    expect(row[1]).toBe(`'=HYPERLINK("http://exemple.test","clic")`);
    expect(row[2]).toBe(`'+1+1 ; @SOMME(A1) ; -2`);
  });

  it('the CSV opens with a BOM and semicolons, dates as JJ/MM/AAAA HH:MM', async () => {
    const file = ok(await exportAs(w.headA.token, 'TREATMENT_REGISTER', 'CSV')).exportRegister;
    expect(file).toMatchObject({ format: 'CSV', contentType: 'text/csv; charset=utf-8', pageCount: 1 });
    expect(file.fileName).toMatch(/\.csv$/);
    const { content, headers } = await fetchFile(file);
    expect(headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = content.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe([...TREATMENT_HEADINGS, "Motif d'archivage", 'Archivé le'].join(';'));
    const records: string[][] = parse(content, { delimiter: ';', bom: true });
    expect(records[0]).toEqual([...TREATMENT_HEADINGS, "Motif d'archivage", 'Archivé le']);
    const cantine = records[1];
    expect(cantine.slice(0, 4)).toEqual([
      'T-001',
      'Cantine scolaire',
      'Gestion des inscriptions ; Facturation des repas',
      "Mission d'intérêt public (art. 6.1.e du RGPD)",
    ]);
    expect(cantine[TREATMENT_HEADINGS.indexOf('Créé le')]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  });

  it.each([
    ['VIOLATION_REGISTER', ['Violations', 'Informations']],
    ['RIGHTS_REQUEST_REGISTER', ['Demandes de droits', 'Informations']],
    [
      'CNIL_DOSSIER',
      [
        'Synthèse',
        'Traitements',
        'Traitements archivés',
        'Violations',
        'Demandes de droits',
        'Déclarations en cours',
        'Avis du DPD',
      ],
    ],
  ])('the %s as XLSX has its sheets', async (kind, sheets) => {
    const file = ok(await exportAs(w.dpd.token, kind, 'XLSX')).exportRegister;
    expect(file.pageCount).toBe(sheets.length);
    const workbook = await readWorkbook((await fetchFile(file, w.dpd.token)).content);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(sheets);
  });

  it('the violation register as XLSX and CSV: labels, linked treatments, the 72-hour deadline', async () => {
    const xlsx = ok(await exportAs(w.headA.token, 'VIOLATION_REGISTER', 'XLSX')).exportRegister;
    const rows = sheetRows(await readWorkbook((await fetchFile(xlsx)).content), 'Violations');
    const [headings, violation] = rows;
    const cell = (heading: string) => violation[headings.indexOf(heading)];
    expect(cell('Référence')).toBe('V-001');
    expect(cell('Titre')).toBe('Clé USB perdue');
    expect(cell('Traitements concernés')).toBe('T-001 — Cantine scolaire');
    expect(cell('Échéance de notification (72 heures)')).toBeInstanceOf(Date);
    expect(String(cell('Respect du délai de 72 heures'))).toMatch(/CNIL|non requise/);

    const csv = ok(await exportAs(w.headA.token, 'VIOLATION_REGISTER', 'CSV')).exportRegister;
    const records: string[][] = parse((await fetchFile(csv)).content, { delimiter: ';', bom: true });
    expect(records[0][0]).toBe('Référence');
    expect(records[1][1]).toBe('Clé USB perdue');
  });

  it('the dossier has no CSV form: BAD_USER_INPUT on format, nothing stored', async () => {
    const [{ count: before }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM export_file`);
    const result = await exportAs(w.headA.token, 'CNIL_DOSSIER', 'CSV');
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.fields).toHaveProperty('format');
    const [{ count: after }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM export_file`);
    expect(after).toBe(before);
  });

  it('PDF stays the default format', async () => {
    const file = ok(await exportAs(w.headA.token, 'TREATMENT_REGISTER', undefined)).exportRegister;
    expect(file).toMatchObject({ format: 'PDF', contentType: 'application/pdf' });
    expect(file.fileName).toMatch(/\.pdf$/);
  });

  it('who may: a teacher is FORBIDDEN; another school’s head cannot download (404)', async () => {
    expect(errorCode(await exportAs(w.teacherA.token, 'TREATMENT_REGISTER', 'XLSX'))).toBe('FORBIDDEN');
    expect(errorCode(await exportAs(w.headB.token, 'TREATMENT_REGISTER', 'XLSX'))).toBe('NOT_FOUND');
    const file = ok(await exportAs(w.headA.token, 'TREATMENT_REGISTER', 'CSV')).exportRegister;
    expect((await download(t, file.downloadPath, w.headB.token)).status).toBe(404);
  });
});
