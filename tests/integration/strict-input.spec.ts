import { Factory } from '../helpers/factories';
import { createTestApp, errorCode, GqlResult, ok, TestApp } from '../helpers/test-app';

/** Issue #22, item 5: inputs refused by value, field by field (BAD_USER_INPUT with its field). */

type World = Awaited<ReturnType<Factory['world']>>;

const RECORD = `mutation($input: ViolationInput!) { recordViolation(input: $input) { id discoveredAt occurredAt } }`;

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
      const result = await t.gql(RECORD, { input: violation({ occurredAt: value }) }, w.teacherA.token);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(fields(result)).toEqual({ occurredAt: expect.any(String) });
      const required = await t.gql(RECORD, { input: violation({ discoveredAt: value }) }, w.teacherA.token);
      expect(fields(required)).toEqual({ discoveredAt: expect.stringMatching(/Date invalide|obligatoire/) });
    });

    it('refuses an impossible date written in the query itself, on its field', async () => {
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
          RECORD,
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
});
