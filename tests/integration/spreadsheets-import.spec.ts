import request from 'supertest';
import { stringify } from 'csv-stringify/sync';
import { Workbook } from 'exceljs';
import { encode } from 'iconv-lite';
import { Factory, TestSchool, TestUser } from '../helpers/factories';
import { download, EXPORT_SHEET, importFile, SheetFile, zip } from '../helpers/spreadsheets';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';
import { CREATE_TREATMENT } from '../helpers/operations/treatments';

/** importTreatments: dry run, line-and-column report, all-or-nothing, round trip, hostile files. */
const TREATMENTS = `query ($schoolId: ID!) {
  treatments(filter: { schoolId: $schoolId }, first: 100) {
    nodes {
      reference name purposes legalBasis subjectCategories dataCategories sensitiveData recipients
      processors transfers { country recipient safeguard } retention retentionMonths securityMeasures
      dpiaRequired status
    }
  }
}`;

const HEADINGS = [
  'Nom du traitement',
  'Finalités',
  'Base légale',
  'Catégories de personnes',
  'Catégories de données',
  'Durée de conservation',
  'Durée de conservation (mois)',
  'AIPD requise',
];
const row = (name: string, over: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    'Nom du traitement': name,
    Finalités: 'Gestion de la vie scolaire ; Information des familles',
    'Base légale': "Mission d'intérêt public (art. 6.1.e du RGPD)",
    'Catégories de personnes': 'Élèves ; PARENTS',
    'Catégories de données': 'identite (nom, prenom, date de naissance, INE) ; SCHOOLING',
    'Durée de conservation': "Un an après la fin de l'année scolaire",
    'Durée de conservation (mois)': '12',
    'AIPD requise': 'Non',
    ...over,
  };
  return HEADINGS.map((h) => values[h]);
};
const csv = (rows: string[][], headings = HEADINGS, delimiter = ';') =>
  Buffer.from(stringify([headings, ...rows], { delimiter, bom: true }), 'utf8');

describe('importing a treatment register', () => {
  let t: TestApp;
  let f: Factory;
  let w: Awaited<ReturnType<Factory['world']>>;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
    w = await f.world();
  });
  afterAll(() => t.close());

  /** A school with no treatment yet, and its head. */
  const emptySchool = async (): Promise<{ school: TestSchool; head: TestUser }> => {
    const school = await f.school(w.academy);
    return { school, head: await f.user(w.academy, [{ role: 'HEAD', school }]) };
  };
  const treatmentsOf = async (token: string, schoolId: string) => {
    const nodes = ok(
      await t.gql<{ treatments: { nodes: Record<string, unknown>[] } }>(TREATMENTS, { schoolId }, token),
    ).treatments.nodes;
    return nodes.sort((a, b) => String(a.reference).localeCompare(String(b.reference)));
  };
  const tally = async (schoolId: string) => {
    const [r] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM treatment WHERE school_id = $1) AS treatments,
              (SELECT count(*)::int FROM audit_event WHERE school_id = $1) AS events`,
      [schoolId],
    );
    return r as { treatments: number; events: number };
  };

  it('a dry run reports every row; a file with one bad row rejects exactly that row (line and column)', async () => {
    const { school, head } = await emptySchool();
    const file = csv([
      row('Cantine'),
      row('Vie scolaire', { 'Base légale': 'Au petit bonheur' }),
      row('Pronote', { 'Durée de conservation (mois)': 'deux ans' }),
      row('ENT'),
    ]);
    for (const dryRun of [true, false]) {
      const report = ok(await importFile(t, head.token, school.id, file, dryRun)).importTreatments;
      expect(report).toMatchObject({
        dryRun,
        applied: false,
        rowCount: 4,
        rejectedCount: 2,
        ignoredColumns: [],
      });
      expect(report.rows.map((r) => [r.line, r.name, r.status])).toEqual([
        [2, 'Cantine', 'OK'],
        [3, 'Vie scolaire', 'REJECTED'],
        [4, 'Pronote', 'REJECTED'],
        [5, 'ENT', 'OK'],
      ]);
      expect(report.rows[1].errors).toEqual([
        { column: 'Base légale', message: expect.stringMatching(/^Valeur inconnue : « Au petit bonheur »/) },
      ]);
      expect(report.rows[2].errors).toEqual([
        {
          column: 'Durée de conservation (mois)',
          message: 'Nombre de mois entier attendu (ou cellule vide).',
        },
      ]);
      expect(report.rows.every((r) => r.treatment === null)).toBe(true);
      // all-or-nothing: neither the dry run nor the refused import wrote anything
      expect(await tally(school.id)).toEqual({ treatments: 0, events: 0 });
    }
  });

  it('rows are checked as createTreatment checks its input (required fields, lengths, enums, lists)', async () => {
    const { school, head } = await emptySchool();
    const report = ok(
      await importFile(
        t,
        head.token,
        school.id,
        csv([
          row('   ', { Finalités: '' }),
          row('x'.repeat(201)),
          row('Doublons', { 'Catégories de personnes': 'Élèves ; STUDENTS' }),
          row('Mois', { 'Durée de conservation (mois)': '1201' }),
        ]),
        true,
      ),
    ).importTreatments;
    expect(report.rows.map((r) => r.errors.map((e) => e.column))).toEqual([
      ['Nom du traitement', 'Finalités'],
      ['Nom du traitement'],
      ['Catégories de personnes'],
      ['Durée de conservation (mois)'],
    ]);
    expect(report.rows[0].errors[0].message).toBe('Ce champ est obligatoire.');
    expect(report.rows[2].errors[0].message).toBe('La liste contient des doublons.');
  });

  it('the real import of a valid file creates T-001… in file order, each with its CREATE event, in one transaction', async () => {
    const { school, head } = await emptySchool();
    const names = ['Cantine', 'Vie scolaire', 'Pronote', 'ENT', 'Voyages scolaires'];
    const report = ok(
      await importFile(t, head.token, school.id, csv(names.map((n) => row(n))), false),
    ).importTreatments;
    expect(report).toMatchObject({ dryRun: false, applied: true, rowCount: 5, rejectedCount: 0 });
    expect(report.rows.map((r) => [r.line, r.treatment?.reference, r.treatment?.name])).toEqual(
      names.map((n, i) => [i + 2, `T-00${i + 1}`, n]),
    );
    const created = await treatmentsOf(head.token, school.id);
    expect(created.map((c) => [c.reference, c.name])).toEqual(names.map((n, i) => [`T-00${i + 1}`, n]));
    expect(created[0]).toMatchObject({
      purposes: ['Gestion de la vie scolaire', 'Information des familles'],
      legalBasis: 'PUBLIC_INTEREST',
      subjectCategories: ['STUDENTS', 'PARENTS'],
      dataCategories: ['IDENTITY', 'SCHOOLING'],
      retentionMonths: 12,
      dpiaRequired: false,
      status: 'ACTIVE',
    });
    const events = await t.dataSource.query(
      `SELECT action, entity_type FROM audit_event WHERE school_id = $1 ORDER BY seq`,
      [school.id],
    );
    expect(events).toEqual(names.map(() => ({ action: 'CREATE', entity_type: 'Treatment' })));
  });

  it('the round trip: an exported register imported into an empty school gives the same register (XLSX and CSV)', async () => {
    const source = await emptySchool();
    const inputs = [
      {
        name: 'Cantine ; menus',
        purposes: ['Inscription à la cantine', 'Facturation'],
        legalBasis: 'PUBLIC_INTEREST',
        subjectCategories: ['STUDENTS', 'PARENTS'],
        dataCategories: ['IDENTITY', 'FINANCIAL', 'HEALTH'],
        recipients: ['Intendance', 'Mairie'],
        processors: ['Turbo-Self'],
        transfers: [
          { country: 'États-Unis', recipient: 'Nuage SA', safeguard: 'STANDARD_CONTRACTUAL_CLAUSES' },
          { country: 'Inde', recipient: 'Support — niveau 2', safeguard: 'OTHER' },
        ],
        retention: "Jusqu'à la fin de la scolarité",
        retentionMonths: 36,
        securityMeasures: ['Accès nominatif', 'Journalisation'],
        dpiaRequired: false,
      },
      {
        name: '=Élèves « à besoins » — PAP',
        purposes: ['@Suivi des aménagements'],
        legalBasis: 'LEGAL_OBLIGATION',
        subjectCategories: ['STUDENTS'],
        dataCategories: ['SCHOOLING'],
        retention: 'À définir',
        dpiaRequired: true,
      },
      {
        name: 'Photos de classe',
        purposes: ['Photos annuelles'],
        legalBasis: 'CONSENT',
        subjectCategories: ['STUDENTS', 'STAFF'],
        dataCategories: ['IMAGE_VOICE'],
        retention: '1 an',
        retentionMonths: 0,
      },
    ];
    // the first name holds a ";": a name is one cell, not a list
    for (const input of inputs) {
      ok(
        await t.gql(CREATE_TREATMENT, { input: { ...input, schoolId: source.school.id } }, source.head.token),
      );
    }
    const expected = await treatmentsOf(source.head.token, source.school.id);
    expect(expected).toHaveLength(3);

    for (const format of ['XLSX', 'CSV']) {
      const file = ok(
        await t.gql<{ exportRegister: SheetFile }>(
          EXPORT_SHEET,
          { schoolId: source.school.id, kind: 'TREATMENT_REGISTER', format },
          source.head.token,
        ),
      ).exportRegister;
      const content = (await download(t, file.downloadPath, source.head.token)).body as Buffer;
      const target = await emptySchool();
      const report = ok(
        await importFile(t, target.head.token, target.school.id, content, false, file.fileName),
      ).importTreatments;
      expect(report.rows.flatMap((r) => r.errors)).toEqual([]);
      expect(report).toMatchObject({ applied: true, rowCount: 3, ignoredColumns: [] });
      expect(await treatmentsOf(target.head.token, target.school.id)).toEqual(expected);
    }
  });

  it('reads XLSX (first sheet), comma-separated UTF-8 without BOM, and Windows-1252 as French Excel saves it', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Mon registre');
    sheet.addRow(['Registre du collège']);
    sheet.addRow([]);
    sheet.addRow([...HEADINGS, 'Commentaire interne']);
    sheet.addRow(row('Cantine', { 'Durée de conservation (mois)': '' }));
    sheet.getRow(4).getCell(7).value = 24;
    workbook.addWorksheet('Autre').addRow(['ignorée']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const a = await emptySchool();
    const fromXlsx = ok(
      await importFile(t, a.head.token, a.school.id, xlsx, false, 'registre.xlsx'),
    ).importTreatments;
    expect(fromXlsx).toMatchObject({ applied: true, rowCount: 1, ignoredColumns: ['Commentaire interne'] });
    expect(fromXlsx.rows[0]).toMatchObject({ line: 4, name: 'Cantine' });
    expect((await treatmentsOf(a.head.token, a.school.id))[0]).toMatchObject({ retentionMonths: 24 });

    const comma = Buffer.from(stringify([HEADINGS, row('Vie scolaire')], { delimiter: ',' }), 'utf8');
    const b = await emptySchool();
    expect(ok(await importFile(t, b.head.token, b.school.id, comma, false)).importTreatments.applied).toBe(
      true,
    );

    const text = stringify(
      [
        HEADINGS.map((h) => h.toUpperCase()),
        row('Sorties pédagogiques — coût 5 €', { Finalités: 'Élèves « en sortie »' }),
      ],
      { delimiter: ';', record_delimiter: 'windows' },
    );
    const cp1252 = encode(text, 'win1252');
    expect(cp1252.includes(Buffer.from('é'))).toBe(false); // not UTF-8: é is the single byte 0xE9
    const c = await emptySchool();
    const report = ok(await importFile(t, c.head.token, c.school.id, cp1252, false)).importTreatments;
    expect(report.rows.flatMap((r) => r.errors)).toEqual([]);
    expect((await treatmentsOf(c.head.token, c.school.id))[0]).toMatchObject({
      name: 'Sorties pédagogiques — coût 5 €',
      purposes: ['Élèves « en sortie »'],
      subjectCategories: ['STUDENTS', 'PARENTS'],
    });
  });

  it('who may import is who may create treatments: the HEAD of the school', async () => {
    const file = csv([row('Cantine')]);
    expect(errorCode(await importFile(t, w.teacherA.token, w.schoolA.id, file, true))).toBe('FORBIDDEN');
    expect(errorCode(await importFile(t, w.dpd.token, w.schoolA.id, file, true))).toBe('FORBIDDEN');
    expect(errorCode(await importFile(t, w.admin.token, w.schoolA.id, file, true))).toBe('FORBIDDEN');
    expect(errorCode(await importFile(t, w.headB.token, w.schoolA.id, file, false))).toBe('NOT_FOUND');
    expect(await tally(w.schoolA.id)).toEqual({ treatments: 0, events: 0 });
  });

  describe('hostile files', () => {
    const refused = async (content: Buffer | string, fileName = 'registre.xlsx') => {
      const { school, head } = await emptySchool();
      const result =
        typeof content === 'string'
          ? await t.gql(
              `mutation ($s: ID!, $c: String!) { importTreatments(schoolId: $s, fileName: "x.csv", contentBase64: $c, dryRun: false) { applied } }`,
              { s: school.id, c: content },
              head.token,
            )
          : await importFile(t, head.token, school.id, content, false, fileName);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(await tally(school.id)).toEqual({ treatments: 0, events: 0 });
      return result.errors![0].extensions!.fields!.contentBase64 as string;
    };

    it('a file that is not a spreadsheet (PNG, PDF, .xls, a zip that is no workbook, not base64)', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
      expect(await refused(png, 'registre.png')).toMatch(/pas un tableur/);
      expect(await refused(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'registre.pdf')).toMatch(
        /pas un tableur/,
      );
      expect(await refused(Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), 'registre.xls')).toMatch(/\.xls/);
      expect(await refused(zip([{ name: 'bonjour.txt', content: Buffer.from('bonjour') }]))).toMatch(
        /pas un tableur/,
      );
      expect(await refused('ceci n’est pas du base64 !')).toMatch(/base64/);
      expect(await refused(csv([], ['Colonne A', 'Colonne B']), 'registre.csv')).toMatch(
        /Colonnes obligatoires absentes/,
      );
    });

    it('a zip bomb is refused, whether its sizes are declared or lie', async () => {
      const huge = Buffer.alloc(80 * 1024 * 1024, 0x20);
      const declared = zip([{ name: 'xl/worksheets/sheet1.xml', content: huge }]);
      expect(declared.length).toBeLessThan(1024 * 1024);
      expect(await refused(declared)).toMatch(/décompressé/);
      const lying = zip([{ name: 'xl/worksheets/sheet1.xml', content: huge, declare: 1000 }]);
      expect(await refused(lying)).toMatch(/décompressé/);
    });

    it('more than 2,000 rows is refused; over the 1 MB body limit is 413', async () => {
      const rows = Array.from({ length: 2001 }, (_, i) => [
        `T${i}`,
        'F',
        'CONSENT',
        'STUDENTS',
        'OTHER',
        '1 an',
      ]);
      const file = Buffer.from(stringify([HEADINGS.slice(0, 6), ...rows], { delimiter: ';' }), 'utf8');
      expect(file.length).toBeLessThan(700 * 1024);
      expect(await refused(file, 'registre.csv')).toMatch(/plus de 2 000 lignes/);

      const { school, head } = await emptySchool();
      const res = await request(t.app.getHttpServer())
        .post('/graphql')
        .set('Authorization', `Bearer ${head.token}`)
        .send({
          query: `mutation ($s: ID!, $c: String!) { importTreatments(schoolId: $s, fileName: "x.csv", contentBase64: $c, dryRun: true) { applied } }`,
          variables: { s: school.id, c: 'A'.repeat(1024 * 1024 + 16) },
        });
      expect(res.status).toBe(413);
      expect(res.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('an archived entry is not imported as an active one: its row is rejected on Statut', async () => {
      const { school, head } = await emptySchool();
      const headings = [...HEADINGS, 'Statut'];
      const report = ok(
        await importFile(
          t,
          head.token,
          school.id,
          csv(
            [
              [...row('Ancien'), 'Archivé'],
              [...row('Actuel'), 'Actif'],
            ],
            headings,
          ),
          true,
        ),
      ).importTreatments;
      expect(report.rows.map((r) => [r.line, r.status, r.errors.map((e) => e.column)])).toEqual([
        [2, 'REJECTED', ['Statut']],
        [3, 'OK', []],
      ]);
    });
  });

  it('2,000 rows, the most a file may hold, are imported in one transaction', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => row(`Traitement ${i + 1}`));
    const { school, head } = await emptySchool();
    const report = ok(await importFile(t, head.token, school.id, csv(rows), false)).importTreatments;
    expect(report).toMatchObject({ applied: true, rowCount: 2000 });
    expect(report.rows[1999].treatment?.reference).toBe('T-2000');
  }, 120_000);
});
