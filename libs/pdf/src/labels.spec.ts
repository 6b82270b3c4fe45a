import * as enums from '../../../apps/api/src/common/enums';
import { printable } from './format';
import { DATA_CATEGORY_LABELS, ENUM_LABELS, label, labels } from './labels';

describe('French labels', () => {
  const graphqlEnums: Record<string, Record<string, string>> = {
    SchoolKind: enums.SchoolKind,
    DataCategory: enums.DataCategory,
    SubjectCategory: enums.SubjectCategory,
    Answer: enums.Answer,
    Hosting: enums.Hosting,
    DeclarationStatus: enums.DeclarationStatus,
    RiskFlag: enums.RiskFlag,
    RiskLevel: enums.RiskLevel,
    DeclarationDecision: enums.DeclarationDecision,
    LegalBasis: enums.LegalBasis,
    TreatmentStatus: enums.TreatmentStatus,
    ReviewState: enums.ReviewState,
    TransferSafeguard: enums.TransferSafeguard,
    BreachNature: enums.BreachNature,
    IncidentType: enums.IncidentType,
    BreachRisk: enums.BreachRisk,
    ViolationStatus: enums.ViolationStatus,
    ReviewTargetType: enums.ReviewTargetType,
    ReviewVerdict: enums.ReviewVerdict,
    Role: enums.Role,
    AuditAction: enums.AuditAction,
    ExportKind: enums.ExportKind,
    RightType: enums.RightType,
    RequesterRelation: enums.RequesterRelation,
    RightsRequestStatus: enums.RightsRequestStatus,
    RightsRequestChannel: enums.RightsRequestChannel,
  };

  it('has a table for every enumeration of the API, and only those', () => {
    expect(Object.keys(ENUM_LABELS).sort()).toEqual(Object.keys(graphqlEnums).sort());
  });

  it.each(Object.keys(graphqlEnums))('labels every value of %s, once, in printable French', (name) => {
    const table = ENUM_LABELS[name];
    expect(Object.keys(table).sort()).toEqual(Object.values(graphqlEnums[name]).sort());
    const texts = Object.values(table);
    expect(new Set(texts).size).toBe(texts.length);
    for (const text of texts) {
      expect(text.trim()).toBe(text);
      expect(text.length).toBeGreaterThan(1);
      // nothing the standard PDF fonts would replace
      expect(printable(text)).toBe(text);
    }
  });

  it('says what the contract describes for data categories', () => {
    expect(DATA_CATEGORY_LABELS.IDENTITY).toBe('Identité (nom, prénom, date de naissance, INE)');
    expect(label(ENUM_LABELS.LegalBasis, 'PUBLIC_INTEREST')).toContain("Mission d'intérêt public");
    expect(label(ENUM_LABELS.BreachRisk, 'HIGH_RISK')).toContain('Risque élevé');
  });

  it('prints an unknown value as itself rather than dropping it', () => {
    expect(label(DATA_CATEGORY_LABELS, 'NEW_CATEGORY')).toBe('NEW_CATEGORY');
    expect(label(DATA_CATEGORY_LABELS, 'toString')).toBe('toString');
    expect(labels(DATA_CATEGORY_LABELS, ['HEALTH', 'X'])).toEqual([DATA_CATEGORY_LABELS.HEALTH, 'X']);
  });
});
