import { cnilDeadline, cnilNotificationRequired } from '@app/rules/cnil-deadline';
import type {
  BreachNature,
  BreachRisk,
  DataCategory,
  IncidentType,
  SubjectCategory,
  ViolationPatch,
} from '../../api/gql/graphql';
import type { ViolationFacts } from './violation-state';

// ---- dates typed in a datetime-local field, in Paris time whatever the computer's zone ----

const PARIS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parisParts(date: Date): Record<string, string> {
  return Object.fromEntries(PARIS.formatToParts(date).map((p) => [p.type, p.value]));
}

/** "2026-12-03T14:05" (Paris) for an ISO instant; '' for none. */
export function toParisInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parisParts(new Date(iso));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The minutes Paris is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function parisOffsetMinutes(instant: number): number {
  const p = parisParts(new Date(instant));
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
  return Math.round((wall - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * The ISO instant of a Paris wall time typed as "2026-12-03T14:05"; '' gives null, and anything
 * unreadable is sent as typed for the API to refuse beside the field.
 */
export function fromParisInput(local: string): string | null {
  const text = local.trim();
  if (!text) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m) return text;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // the offset at the wall time read as UTC, then corrected once (the hours around a DST change)
  let instant = wall - parisOffsetMinutes(wall) * 60_000;
  instant = wall - parisOffsetMinutes(instant) * 60_000;
  return new Date(instant).toISOString();
}

// ---- the form ----

/** What the head may complete of a violation, as the form holds it (dates in Paris time). */
export interface ViolationForm {
  title: string;
  description: string;
  incidentType: IncidentType;
  natures: BreachNature[];
  risk: BreachRisk;
  occurredAt: string;
  discoveredAt: string;
  dataCategories: DataCategory[];
  subjectCategories: SubjectCategory[];
  approxSubjectCount: string;
  approxRecordCount: string;
  consequences: string;
  measuresTaken: string;
  treatmentIds: string[];
  cnilNotifiedAt: string;
  cnilReference: string;
  lateNotificationReason: string;
  subjectsInformedAt: string;
  noNotificationJustification: string;
  rssiInformedAt: string;
  hierarchyInformedAt: string;
}

export const DATE_FIELDS = [
  'occurredAt',
  'discoveredAt',
  'cnilNotifiedAt',
  'subjectsInformedAt',
  'rssiInformedAt',
  'hierarchyInformedAt',
] as const;
const COUNT_FIELDS = ['approxSubjectCount', 'approxRecordCount'] as const;
const TEXT_FIELDS = [
  'title',
  'description',
  'consequences',
  'measuresTaken',
  'cnilReference',
  'lateNotificationReason',
  'noNotificationJustification',
] as const;

/** A violation as the API answers it (the fields the form edits). */
export interface StoredViolation {
  title: string;
  description: string;
  incidentType: IncidentType;
  natures: readonly BreachNature[];
  risk: BreachRisk;
  occurredAt?: string | null;
  discoveredAt: string;
  dataCategories: readonly DataCategory[];
  subjectCategories: readonly SubjectCategory[];
  approxSubjectCount?: number | null;
  approxRecordCount?: number | null;
  consequences?: string | null;
  measuresTaken?: string | null;
  treatments: readonly { id: string }[];
  cnilNotifiedAt?: string | null;
  cnilReference?: string | null;
  lateNotificationReason?: string | null;
  subjectsInformedAt?: string | null;
  noNotificationJustification?: string | null;
  rssiInformedAt?: string | null;
  hierarchyInformedAt?: string | null;
}

export function violationFormOf(v: StoredViolation): ViolationForm {
  const form = {
    title: v.title,
    description: v.description,
    incidentType: v.incidentType,
    natures: [...v.natures],
    risk: v.risk,
    dataCategories: [...v.dataCategories],
    subjectCategories: [...v.subjectCategories],
    treatmentIds: v.treatments.map((t) => t.id),
  } as ViolationForm;
  for (const field of DATE_FIELDS) form[field] = toParisInput(v[field]);
  for (const field of COUNT_FIELDS) form[field] = v[field] == null ? '' : String(v[field]);
  for (const field of TEXT_FIELDS) form[field] = v[field] ?? '';
  return form;
}

function values(form: ViolationForm): ViolationPatch {
  const patch: Record<string, unknown> = {
    incidentType: form.incidentType,
    natures: form.natures,
    risk: form.risk,
    dataCategories: form.dataCategories,
    subjectCategories: form.subjectCategories,
    treatmentIds: [...form.treatmentIds].sort(),
  };
  for (const field of DATE_FIELDS) patch[field] = fromParisInput(form[field]);
  for (const field of COUNT_FIELDS) patch[field] = form[field].trim() === '' ? null : Number(form[field]);
  // a text emptied is cleared (null); the API trims and refuses an empty required one
  for (const field of TEXT_FIELDS) patch[field] = form[field].trim() === '' ? null : form[field];
  return patch as ViolationPatch;
}

/** updateViolation's patch: the fields changed since the version the form was loaded from. */
export function violationPatch(form: ViolationForm, loaded: ViolationForm): ViolationPatch {
  const next = values(form) as Record<string, unknown>;
  const before = values(loaded) as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next)) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) patch[key] = next[key];
  }
  return patch as ViolationPatch;
}

/**
 * The violation as it would stand with the form's values, for the live closing checklist: the
 * notification duty and the deadline follow the risk and the discovery typed (libs/rules).
 */
export function factsOfForm(form: ViolationForm, stored: { cnilDeadline: string }): ViolationFacts {
  const discovered = fromParisInput(form.discoveredAt);
  const valid = discovered && !Number.isNaN(Date.parse(discovered));
  return {
    risk: form.risk,
    cnilNotificationRequired: cnilNotificationRequired(form.risk),
    cnilDeadline: valid ? cnilDeadline(new Date(discovered)).toISOString() : stored.cnilDeadline,
    cnilNotifiedAt: fromParisInput(form.cnilNotifiedAt),
    consequences: form.consequences,
    measuresTaken: form.measuresTaken,
    noNotificationJustification: form.noNotificationJustification,
    lateNotificationReason: form.lateNotificationReason,
    subjectsInformedAt: fromParisInput(form.subjectsInformedAt),
  };
}
