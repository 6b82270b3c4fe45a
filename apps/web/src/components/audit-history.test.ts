import { describe, expect, it } from 'vitest';
import { readChanges } from './audit-history';

describe('the history of an entry (audit trail changes)', () => {
  it('names each field in French with its value before → after', () => {
    const changes = JSON.stringify({
      name: ['Padlet', 'Padlet — murs'],
      legalBasis: ['PUBLIC_INTEREST', 'CONSENT'],
      dataCategories: [['IDENTITY'], ['IDENTITY', 'HEALTH']],
      retentionMonths: [null, 12],
      dpiaRequired: [false, true],
    });
    expect(readChanges('Treatment', changes)).toEqual([
      { field: 'name', label: 'Nom du traitement', before: 'Padlet', after: 'Padlet — murs' },
      {
        field: 'legalBasis',
        label: 'Base légale',
        before: "Mission d'intérêt public (art. 6.1.e du RGPD)",
        after: 'Consentement (art. 6.1.a du RGPD)',
      },
      {
        field: 'dataCategories',
        label: 'Catégories de données',
        before: 'Identité (nom, prénom, date de naissance, INE)',
        after:
          'Identité (nom, prénom, date de naissance, INE) ; Santé, donnée sensible (art. 9 : santé, handicap, PAI)',
      },
      { field: 'retentionMonths', label: 'Durée de conservation en mois', before: '—', after: '12 mois' },
      { field: 'dpiaRequired', label: 'Analyse d’impact (AIPD) requise', before: 'Non', after: 'Oui' },
    ]);
  });
  it('reads transfers, dates in Paris time, and keeps an unknown field under its own name', () => {
    const changes = JSON.stringify({
      transfers: [
        [],
        [{ country: 'États-Unis', recipient: 'Padlet Inc.', safeguard: 'STANDARD_CONTRACTUAL_CLAUSES' }],
      ],
      schoolId: [null, 'x'],
      newField: ['a', 'b'],
    });
    expect(readChanges('Treatment', changes)).toEqual([
      {
        field: 'transfers',
        label: 'Transferts hors Union européenne',
        before: '—',
        after: 'Padlet Inc. (États-Unis) — Clauses contractuelles types',
      },
      { field: 'newField', label: 'newField', before: 'a', after: 'b' },
    ]);
    expect(
      readChanges('Violation', JSON.stringify({ cnilNotifiedAt: [null, '2026-12-03T13:05:00.000Z'] }))[0]
        .after,
    ).toBe('3 décembre 2026 à 14 h 05');
  });
  it('reads nothing from a broken text', () => {
    expect(readChanges('Treatment', 'pas du JSON')).toEqual([]);
  });
});
