import { fromParisInput } from '../head/violation-form';

/** The entries of the audit trail, as it names them (`entityType`), in French. */
export const ENTITY_TYPES = {
  Treatment: 'Traitement',
  ToolDeclaration: 'Déclaration d’outil',
  Violation: 'Violation',
  RightsRequest: 'Demande de droits',
  Review: 'Avis du DPD',
  ExportFile: 'Export',
  School: 'Établissement',
  User: 'Compte',
  Academy: 'Académie',
} as const;

const PATHS: Record<string, string> = {
  Treatment: '/dpd/traitements/',
  ToolDeclaration: '/dpd/declarations/',
  Violation: '/dpd/violations/',
  RightsRequest: '/dpd/demandes/',
  School: '/dpd/etablissements/',
};

/** The DPD's page of an audited entry, when it has one. */
export function entityPath(entityType: string, entityId: string): string | null {
  const base = PATHS[entityType];
  return base ? `${base}${entityId}` : null;
}

/** "2026-12-03" (a date field, Paris) → the instant that day begins in Paris, for `since`. */
export function sinceFilter(day: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? (fromParisInput(`${day}T00:00`) ?? undefined) : undefined;
}
