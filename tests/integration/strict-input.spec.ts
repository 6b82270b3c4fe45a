import { Factory } from '../helpers/factories';
import { createTestApp, errorCode, GqlResult, ok, TestApp } from '../helpers/test-app';
import { CREATE_TREATMENT } from '../helpers/operations/treatments';
import { CREATE_USER } from '../helpers/operations/users';
import { RECORD_VIOLATION } from '../helpers/operations/violations';

/** Issue #22, item 5: inputs refused by value, field by field (BAD_USER_INPUT with its field). */

type World = Awaited<ReturnType<Factory['world']>>;

const fields = (result: GqlResult<unknown>) => result.errors?.[0]?.extensions?.fields;

describe('strict input', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await new Factory(t.dataSource).world();
  });
  afterAll(() => t.close());

  const violation = (extra: Record<string, unknown>) => ({
    schoolId: w.schoolA.id,
    title: 'Clé USB perdue',
    description: 'Une clé USB contenant des bulletins a été perdue dans le bus.',
    incidentType: 'EQUIPMENT_THEFT_OR_LOSS',
    natures: ['CONFIDENTIALITY'],
    discoveredAt: '2026-02-01T10:00:00Z',
    risk: 'RISK',
    ...extra,
  });

  describe('dates', () => {
    const impossible = [
      '2026-02-30T10:00:00Z', // rolled into March by new Date
      '2026-02-30',
      '2025-02-29T10:00:00Z', // not a leap year
      '2026-04-31T10:00:00Z',
      '0000-01-01T00:00:00Z', // year 0
      '-000001-01-01T00:00:00Z', // a negative year
      '+275760-09-13T00:00:00Z', // six digits
      '2026-02-28T24:00:00Z', // rolled into the next day
      '2026-02-28T10:60:00Z',
      '2026-13-01T10:00:00Z',
      '2026-02-01T10:00:00+25:00',
      '20260201',
      'hier',
      '',
    ];

    it.each(impossible)('refuses %p as a variable, on its field', async (value) => {
      const result = await t.gql(
        RECORD_VIOLATION,
        { input: violation({ occurredAt: value }) },
        w.teacherA.token,
      );
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(fields(result)).toEqual({ occurredAt: expect.any(String) });
      const required = await t.gql(
        RECORD_VIOLATION,
        { input: violation({ discoveredAt: value }) },
        w.teacherA.token,
      );
      expect(fields(required)).toEqual({ discoveredAt: expect.stringMatching(/Date invalide|obligatoire/) });
    });

    it('refuses an impossible date written in the query itself, on its field', async () => {
      // stays local: the input is a literal of the document, not a variable
      const result = await t.gql(
        `mutation { recordViolation(input: {
          schoolId: "${w.schoolA.id}", title: "Clé perdue", description: "Perdue dans le bus.",
          incidentType: EQUIPMENT_THEFT_OR_LOSS, natures: [CONFIDENTIALITY], risk: RISK,
          discoveredAt: "2026-02-30T10:00:00Z" }) { id } }`,
        {},
        w.teacherA.token,
      );
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(fields(result)).toEqual({
        discoveredAt: 'Date invalide : ce jour n’existe pas, ou l’année n’est pas comprise entre 1 et 9999.',
      });
    });

    it('refuses an impossible date in a filter too', async () => {
      // stays local: only `since` is a variable, inside a literal filter (its error names 'filter.since')
      const result = await t.gql(
        `query($since: DateTime) { auditTrail(filter: { since: $since }) { totalCount } }`,
        { since: '2026-02-30T00:00:00Z' },
        w.dpd.token,
      );
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(fields(result)).toEqual({ 'filter.since': expect.stringContaining('Date invalide') });
    });

    it('accepts real dates: leap day, offsets, fractions, a date alone, years 1 and 9999', async () => {
      const recorded = ok(
        await t.gql<{ recordViolation: { occurredAt: string } }>(
          RECORD_VIOLATION,
          { input: violation({ occurredAt: '2024-02-29T10:00:00+02:00' }) },
          w.teacherA.token,
        ),
      );
      expect(recorded.recordViolation.occurredAt).toBe('2024-02-29T08:00:00.000Z');
      for (const since of [
        '2026-02-01T10:00:00.123Z',
        '2026-02-01',
        '2026-02-01T10:00',
        '0001-01-01T00:00:00Z',
        '9999-12-31T23:59:59Z',
      ]) {
        ok(
          await t.gql(
            `query($since: DateTime) { auditTrail(filter: { since: $since }) { totalCount } }`,
            { since },
            w.dpd.token,
          ),
        );
      }
    });
  });

  describe('texts: control and invisible characters', () => {
    const treatment = (extra: Record<string, unknown>) => ({
      schoolId: w.schoolA.id,
      name: 'Gestion de la vie scolaire',
      purposes: ['Suivre les absences'],
      legalBasis: 'PUBLIC_INTEREST',
      subjectCategories: ['STUDENTS'],
      dataCategories: ['IDENTITY'],
      retention: "Un an après la fin de l'année scolaire",
      ...extra,
    });

    it.each([
      ['a line break', 'Cantine\nscolaire'],
      ['a carriage return', 'Cantine\rscolaire'],
      ['a tab', 'Cantine\tscolaire'],
      ['a bell and an escape', 'Cantine\u0007\u001b[31m'],
      ['a C1 control', 'Cantine\u0085'],
      ['a right-to-left override', 'Cantine \u202eeriannoitcid'],
      ['a bidirectional isolate', 'Cantine \u2066x\u2069'],
      ['a line separator', 'Cantine\u2028scolaire'],
      ['zero-width spaces only', '\u200b\u200b'],
      ['a byte order mark and a word joiner only', '\ufeff\u2060'],
      ['Hangul fillers only', '\u3164\u115f'],
      ['blank Braille only', '\u2800\u2800'],
    ])('refuses a name holding %s, on its field', async (_what, name) => {
      const result = await t.gql(CREATE_TREATMENT, { input: treatment({ name }) }, w.headA.token);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(fields(result)).toEqual({ name: expect.any(String) });
    });

    it('refuses them in a violation title and a display name too, and in list items', async () => {
      const title = await t.gql(
        RECORD_VIOLATION,
        { input: violation({ title: 'Clé\nperdue' }) },
        w.teacherA.token,
      );
      expect(fields(title)).toEqual({
        title: 'Caractère de contrôle non accepté (pas de retour à la ligne dans ce champ).',
      });
      const user = await t.gql(
        CREATE_USER,
        {
          input: {
            academyId: w.academy.id,
            email: `invisible${Date.now()}@ac-test.fr`,
            displayName: '\u200b\u200c\u200d',
            password: 'un-mot-de-passe-long',
            grants: [{ role: 'TEACHER', schoolId: w.schoolA.id }],
          },
        },
        w.headA.token,
      );
      expect(fields(user)).toEqual({ displayName: 'Le texte ne contient aucun caractère visible.' });
      const item = await t.gql(
        CREATE_TREATMENT,
        { input: treatment({ recipients: ['Mairie', 'Service\u0008'] }) },
        w.headA.token,
      );
      expect(errorCode(item)).toBe('BAD_USER_INPUT');
      expect(Object.keys(fields(item) ?? {})).toEqual(['recipients']);
    });

    it('keeps line breaks and tabs in free texts, and every visible character anywhere', async () => {
      const created = ok(
        await t.gql<{ createTreatment: { name: string; purposes: string[]; retention: string } }>(
          CREATE_TREATMENT,
          {
            input: treatment({
              name: 'Élève 😀👩🏽‍🏫 — « cantine » 𝔘𝔫𝔦 ﷽',
              purposes: ['Suivre les absences\net les retards', 'Informer\r\nles familles'],
              retention: "Un an\n\tpuis archivage à la fin de l'année",
            }),
          },
          w.headA.token,
        ),
      );
      // the shared document selects the whole treatment: these are the fields written with visible characters
      expect(created.createTreatment).toMatchObject({
        id: expect.any(String),
        name: 'Élève 😀👩🏽‍🏫 — « cantine » 𝔘𝔫𝔦 ﷽',
        purposes: ['Suivre les absences\net les retards', 'Informer\r\nles familles'],
        retention: "Un an\n\tpuis archivage à la fin de l'année",
      });
      const recorded = await t.gql(
        RECORD_VIOLATION,
        { input: violation({ description: 'Premier paragraphe.\n\nSecond paragraphe.' }) },
        w.teacherA.token,
      );
      ok(recorded);
      // still refused in a free text: the controls that are not line breaks
      const bell = await t.gql(
        RECORD_VIOLATION,
        { input: violation({ description: 'Perdue\u0007' }) },
        w.teacherA.token,
      );
      expect(fields(bell)).toEqual({ description: 'Caractère de contrôle non accepté.' });
    });
  });
});
