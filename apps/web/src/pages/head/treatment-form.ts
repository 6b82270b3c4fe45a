import type {
  DataCategory,
  LegalBasis,
  SubjectCategory,
  TransferSafeguard,
  TreatmentInput,
  TreatmentPatch,
} from '../../api/gql/graphql';
import { changedFields } from '../../components/useEntityEdit';

export interface TransferRow {
  country: string;
  recipient: string;
  safeguard: TransferSafeguard;
}

/** The treatment form's state: lists typed one item a line, numbers as typed. */
export interface TreatmentForm {
  name: string;
  purposes: string;
  legalBasis: LegalBasis;
  subjectCategories: SubjectCategory[];
  dataCategories: DataCategory[];
  recipients: string;
  processors: string;
  transfers: TransferRow[];
  retention: string;
  retentionMonths: string;
  securityMeasures: string;
  dpiaRequired: boolean;
}

export const EMPTY_TREATMENT: TreatmentForm = {
  name: '',
  purposes: '',
  legalBasis: 'PUBLIC_INTEREST',
  subjectCategories: ['STUDENTS'],
  dataCategories: [],
  recipients: '',
  processors: '',
  transfers: [],
  retention: '',
  retentionMonths: '',
  securityMeasures: '',
  dpiaRequired: false,
};

/** What the form reads of a stored treatment. */
export interface StoredTreatment {
  name: string;
  purposes: readonly string[];
  legalBasis: LegalBasis;
  subjectCategories: readonly SubjectCategory[];
  dataCategories: readonly DataCategory[];
  recipients: readonly string[];
  processors: readonly string[];
  transfers: readonly TransferRow[];
  retention: string;
  retentionMonths?: number | null;
  securityMeasures: readonly string[];
  dpiaRequired: boolean;
}

/** A list typed one item a line: trimmed, empty lines dropped. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

const unlines = (items: readonly string[]) => items.join('\n');

export function formOf(t: StoredTreatment): TreatmentForm {
  return {
    name: t.name,
    purposes: unlines(t.purposes),
    legalBasis: t.legalBasis,
    subjectCategories: [...t.subjectCategories],
    dataCategories: [...t.dataCategories],
    recipients: unlines(t.recipients),
    processors: unlines(t.processors),
    transfers: t.transfers.map(({ country, recipient, safeguard }) => ({ country, recipient, safeguard })),
    retention: t.retention,
    retentionMonths: t.retentionMonths == null ? '' : String(t.retentionMonths),
    securityMeasures: unlines(t.securityMeasures),
    dpiaRequired: t.dpiaRequired,
  };
}

/** The months as typed: empty is "no number", anything else goes to the API, which judges it. */
function months(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

/** Every value of the form, as createTreatment takes them (the school aside). */
export function toInput(form: TreatmentForm): Omit<TreatmentInput, 'schoolId'> {
  return {
    name: form.name,
    purposes: lines(form.purposes),
    legalBasis: form.legalBasis,
    subjectCategories: form.subjectCategories,
    dataCategories: form.dataCategories,
    recipients: lines(form.recipients),
    processors: lines(form.processors),
    transfers: form.transfers.map((t) => ({ ...t })),
    retention: form.retention,
    retentionMonths: months(form.retentionMonths),
    securityMeasures: lines(form.securityMeasures),
    dpiaRequired: form.dpiaRequired,
  };
}

/**
 * The patch for updateTreatment: only the fields that differ from the version the form was loaded
 * from (the trail then says exactly what the head changed). Lists compare in order.
 */
export function toPatch(form: TreatmentForm, loaded: TreatmentForm): TreatmentPatch {
  return changedFields(toInput(form), toInput(loaded));
}

const PLACES: Record<string, string> = {
  name: 'Nom du traitement',
  purposes: 'Finalités',
  legalBasis: 'Base légale',
  subjectCategories: 'Personnes concernées',
  dataCategories: 'Catégories de données',
  recipients: 'Destinataires',
  processors: 'Sous-traitants',
  transfers: 'Transferts hors de l’Union européenne',
  retention: 'Durée de conservation',
  retentionMonths: 'Durée de conservation en mois',
  securityMeasures: 'Mesures de sécurité',
  dpiaRequired: 'Analyse d’impact',
};
const TRANSFER_PARTS: Record<string, string> = {
  country: 'pays',
  recipient: 'destinataire',
  safeguard: 'garantie',
};

/** Where a field the API refused is on the form, for the summary above it ("Transfert 2 : pays"). */
export function treatmentFieldPlace(field: string): string {
  const key = field.replace(/^input\./, '');
  const transfer = /^transfers\.(\d+)\.(\w+)$/.exec(key);
  if (transfer) return `Transfert ${Number(transfer[1]) + 1} : ${TRANSFER_PARTS[transfer[2]] ?? transfer[2]}`;
  return PLACES[key] ?? key;
}

/** The places of every refused field of a failure (ServerForm's `fieldPlaces`). */
export function treatmentFieldPlaces(fields: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.keys(fields ?? {}).map((field) => [field, treatmentFieldPlace(field)]));
}
