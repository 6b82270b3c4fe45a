import { describe, expect, it } from 'vitest';
import { awaitsNotification, byRisk, byUrgency } from './to-do';
import {
  EMPTY_TREATMENT,
  formOf,
  lines,
  toInput,
  toPatch,
  treatmentFieldPlace,
  type StoredTreatment,
} from './treatment-form';
import { factsOfForm, fromParisInput, toParisInput, violationFormOf, violationPatch } from './violation-form';
import { deadlineLabel, missingForClosing, type ViolationFacts } from './violation-state';

const breach = (over: Partial<ViolationFacts> & { id: string }) => ({
  risk: 'RISK',
  cnilNotificationRequired: true,
  cnilDeadline: '2026-12-06T12:00:00Z',
  cnilNotifiedAt: null,
  ...over,
});

describe('À traiter: the order of urgency', () => {
  it('puts breaches awaiting their notification first, nearest deadline first, the others after', () => {
    const items = [
      breach({
        id: 'notified',
        cnilNotifiedAt: '2026-12-04T10:00:00Z',
        cnilDeadline: '2026-12-01T00:00:00Z',
      }),
      breach({ id: 'later', cnilDeadline: '2026-12-07T00:00:00Z' }),
      breach({ id: 'unlikely', risk: 'UNLIKELY', cnilNotificationRequired: false }),
      breach({ id: 'overdue', cnilDeadline: '2026-12-02T00:00:00Z' }),
    ];
    expect(byUrgency(items).map((v) => v.id)).toEqual(['overdue', 'later', 'notified', 'unlikely']);
    expect(awaitsNotification(items[2])).toBe(false);
  });
  it('puts the highest risk first, then the oldest submission', () => {
    const items = [
      { id: 'low', riskLevel: 'LOW' as const, submittedAt: '2026-12-01T00:00:00Z' },
      { id: 'high-new', riskLevel: 'HIGH' as const, submittedAt: '2026-12-03T00:00:00Z' },
      { id: 'medium', riskLevel: 'MEDIUM' as const, submittedAt: null },
      { id: 'high-old', riskLevel: 'HIGH' as const, submittedAt: '2026-12-02T00:00:00Z' },
    ];
    expect(byRisk(items).map((d) => d.id)).toEqual(['high-old', 'high-new', 'medium', 'low']);
  });
});

const stored: StoredTreatment = {
  name: 'Padlet',
  purposes: ['Mur collaboratif'],
  legalBasis: 'PUBLIC_INTEREST',
  subjectCategories: ['STUDENTS'],
  dataCategories: ['IDENTITY'],
  recipients: [],
  processors: ['Padlet Inc.'],
  transfers: [{ country: 'États-Unis', recipient: 'Padlet Inc.', safeguard: 'OTHER' }],
  retention: '12 mois',
  retentionMonths: 12,
  securityMeasures: [],
  dpiaRequired: false,
};

describe('the treatment form', () => {
  it('reads lists one item a line, trimmed, without empty lines', () => {
    expect(lines('  Un \n\n Deux\n   ')).toEqual(['Un', 'Deux']);
  });
  it('sends every value on creation, the months as a number or null', () => {
    const input = toInput({ ...EMPTY_TREATMENT, name: 'Cantine', purposes: 'Inscriptions\nFactures' });
    expect(input).toMatchObject({
      name: 'Cantine',
      purposes: ['Inscriptions', 'Factures'],
      retentionMonths: null,
    });
    expect(toInput({ ...EMPTY_TREATMENT, retentionMonths: ' 24 ' }).retentionMonths).toBe(24);
  });
  it('patches only what changed since the version the form was loaded from', () => {
    const loaded = formOf(stored);
    expect(toPatch(loaded, loaded)).toEqual({});
    const edited = { ...loaded, name: 'Padlet — murs', purposes: `${loaded.purposes}\nGalerie` };
    expect(toPatch(edited, loaded)).toEqual({
      name: 'Padlet — murs',
      purposes: ['Mur collaboratif', 'Galerie'],
    });
    expect(toPatch({ ...loaded, retentionMonths: '' }, loaded)).toEqual({ retentionMonths: null });
    expect(toPatch({ ...loaded, transfers: [] }, loaded)).toEqual({ transfers: [] });
  });
  it('says where a refused field is', () => {
    expect(treatmentFieldPlace('input.purposes')).toBe('Finalités');
    expect(treatmentFieldPlace('transfers.1.country')).toBe('Transfert 2 : pays');
  });
});

describe('the violation’s deadline and closing checklist (the rules of libs/rules)', () => {
  const now = new Date('2026-12-05T12:00:00Z');
  it('says where the violation stands against the 72 hours', () => {
    expect(deadlineLabel(breach({ id: 'a' }), now)).toBe(
      'Non notifiée à la CNIL : délai de 72 heures en cours',
    );
    expect(deadlineLabel(breach({ id: 'b', cnilDeadline: '2026-12-04T00:00:00Z' }), now)).toBe(
      'Non notifiée à la CNIL : délai de 72 heures dépassé',
    );
  });
  it('lists what is missing before closing, and nothing once complete', () => {
    const open = breach({ id: 'c', risk: 'HIGH_RISK' });
    expect(Object.keys(missingForClosing(open, now)).sort()).toEqual(
      [
        'cnilNotifiedAt',
        'consequences',
        'measuresTaken',
        'noNotificationJustification',
        'subjectsInformedAt',
      ].sort(),
    );
    const late = {
      ...open,
      consequences: 'Aucune diffusion constatée',
      measuresTaken: 'Mots de passe changés',
      cnilNotifiedAt: '2026-12-07T12:00:00Z',
      subjectsInformedAt: '2026-12-07T12:00:00Z',
    };
    expect(Object.keys(missingForClosing(late, now))).toEqual(['lateNotificationReason']);
    expect(missingForClosing({ ...late, lateNotificationReason: 'Week-end' }, now)).toEqual({});
    // blank texts count as missing, as the API stores them (trimmed, empty → null)
    expect(Object.keys(missingForClosing({ ...late, lateNotificationReason: '  ' }, now))).toEqual([
      'lateNotificationReason',
    ]);
  });
});

describe('the violation form', () => {
  it('types dates in Paris time, winter and summer, whatever the computer’s zone', () => {
    expect(toParisInput('2026-12-03T13:05:00Z')).toBe('2026-12-03T14:05');
    expect(toParisInput('2026-07-01T08:30:00Z')).toBe('2026-07-01T10:30');
    expect(fromParisInput('2026-12-03T14:05')).toBe('2026-12-03T13:05:00.000Z');
    expect(fromParisInput('2026-07-01T10:30')).toBe('2026-07-01T08:30:00.000Z');
    // the night of the change to winter time (25 October 2026, 3:00 → 2:00) and the day after
    expect(fromParisInput('2026-10-25T12:00')).toBe('2026-10-25T11:00:00.000Z');
    expect(fromParisInput('2026-10-24T23:30')).toBe('2026-10-24T21:30:00.000Z');
    expect(fromParisInput('')).toBeNull();
    expect(fromParisInput('hier')).toBe('hier');
  });
  const stored = {
    title: 'Clé USB perdue',
    description: 'Dans le bus',
    incidentType: 'EQUIPMENT_THEFT_OR_LOSS' as const,
    natures: ['CONFIDENTIALITY' as const],
    risk: 'RISK' as const,
    discoveredAt: '2026-12-03T13:05:00Z',
    dataCategories: [],
    subjectCategories: [],
    treatments: [{ id: 't2' }, { id: 't1' }],
    cnilDeadline: '2026-12-06T13:05:00Z',
  };
  it('patches only what changed: a date in UTC, a cleared text as null, counts as numbers', () => {
    const loaded = violationFormOf(stored);
    expect(violationPatch(loaded, loaded)).toEqual({});
    const edited = {
      ...loaded,
      cnilNotifiedAt: '2026-12-04T09:00',
      description: '  ',
      approxSubjectCount: '28',
      treatmentIds: ['t1', 't2'],
    };
    expect(violationPatch(edited, loaded)).toEqual({
      cnilNotifiedAt: '2026-12-04T08:00:00.000Z',
      description: null,
      approxSubjectCount: 28,
    });
  });
  it('follows the risk and the discovery typed for the live checklist', () => {
    const form = violationFormOf(stored);
    const unlikely = factsOfForm({ ...form, risk: 'UNLIKELY' }, stored);
    expect(unlikely.cnilNotificationRequired).toBe(false);
    expect(factsOfForm({ ...form, discoveredAt: '2026-12-04T14:05' }, stored).cnilDeadline).toBe(
      '2026-12-07T13:05:00.000Z',
    );
    expect(factsOfForm({ ...form, discoveredAt: '' }, stored).cnilDeadline).toBe(stored.cnilDeadline);
  });
});
