/**
 * The headings of the treatment register's spreadsheet, in RULES.md's order: the export writes them
 * (libs/pdf/src/spreadsheet.ts, TREATMENT_COLUMNS), the import reads them back
 * (apps/api/src/spreadsheets/treatment-sheet.ts) and the import page lists the required ones.
 */
export const TREATMENT_SHEET_HEADINGS = {
  REFERENCE: 'Référence',
  NAME: 'Nom du traitement',
  PURPOSES: 'Finalités',
  LEGAL_BASIS: 'Base légale',
  SUBJECTS: 'Catégories de personnes',
  DATA: 'Catégories de données',
  SENSITIVE: 'Données sensibles',
  RECIPIENTS: 'Destinataires',
  PROCESSORS: 'Sous-traitants',
  TRANSFERS: 'Transferts hors UE',
  RETENTION: 'Durée de conservation',
  RETENTION_MONTHS: 'Durée de conservation (mois)',
  SECURITY: 'Mesures de sécurité',
  DPIA: 'AIPD requise',
  STATUS: 'Statut',
  CREATED: 'Créé le',
  UPDATED: 'Modifié le',
  ARCHIVED_REASON: "Motif d'archivage",
  ARCHIVED_AT: 'Archivé le',
} as const;

const { NAME, PURPOSES, LEGAL_BASIS, SUBJECTS, DATA, RETENTION } = TREATMENT_SHEET_HEADINGS;

/** The columns an imported file must have: createTreatment's required fields. */
export const REQUIRED_HEADINGS: readonly string[] = [NAME, PURPOSES, LEGAL_BASIS, SUBJECTS, DATA, RETENTION];
