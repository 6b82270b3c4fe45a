import { FieldErrors } from '../../../../libs/core/src';
import { cnilDeadlineStatus } from '../../../../libs/rules/src';
import { ViolationEntity } from './violation.entity';

/** A client clock a little ahead of ours is not an error (RULES.md: 5 minutes of skew). */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Dates that must follow the incident and must not be in the future. */
export const FOLLOW_UP_DATES = [
  'cnilNotifiedAt',
  'subjectsInformedAt',
  'rssiInformedAt',
  'hierarchyInformedAt',
] as const;

export type DatedFields = Pick<
  ViolationEntity,
  'occurredAt' | 'discoveredAt' | (typeof FOLLOW_UP_DATES)[number]
>;

/**
 * The date rules of RULES.md ("Validation"), on the whole state of a violation (the input of a
 * creation, or the stored values merged with a patch): one message per offending field.
 * The follow-up dates get the same 5 minutes of skew as discoveredAt.
 */
export function dateErrors(v: DatedFields, now: Date = new Date()): FieldErrors {
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const fields: FieldErrors = {};
  if (v.discoveredAt.getTime() > latest) {
    fields.discoveredAt = 'La date de découverte ne peut pas être dans le futur.';
  }
  if (v.occurredAt && v.occurredAt.getTime() > v.discoveredAt.getTime()) {
    fields.occurredAt = 'La violation ne peut pas être survenue après sa découverte.';
  }
  for (const field of FOLLOW_UP_DATES) {
    const value = v[field];
    if (!value) continue;
    if (value.getTime() > latest) {
      fields[field] = 'Cette date ne peut pas être dans le futur.';
    } else if (v.occurredAt && value.getTime() < v.occurredAt.getTime()) {
      fields[field] = 'Cette date ne peut pas précéder la survenue de la violation.';
    }
  }
  return fields;
}

/**
 * What closeViolation needs (RULES.md, "Violations"), as `{ field: message }` for every missing field.
 * An alternative (a date or a justification) names both fields, since filling either one satisfies it.
 * A notification is "late" only when it was required: the deadline binds nobody otherwise.
 */
export function closingErrors(v: ViolationEntity): FieldErrors {
  const fields: FieldErrors = {};
  if (!v.consequences) fields.consequences = 'Décrivez les conséquences de la violation avant de la clore.';
  if (!v.measuresTaken) fields.measuresTaken = 'Indiquez les mesures prises avant de clore la violation.';
  const justification: string[] = [];
  if (v.cnilNotificationRequired && !v.cnilNotifiedAt && !v.noNotificationJustification) {
    fields.cnilNotifiedAt =
      'La notification à la CNIL est requise : indiquez sa date, ou justifiez l’absence de notification.';
    justification.push('la CNIL');
  }
  if (cnilDeadlineStatus(v, new Date()) === 'NOTIFIED_LATE' && !v.lateNotificationReason) {
    fields.lateNotificationReason =
      'La CNIL a été notifiée après le délai de 72 heures : indiquez la raison du retard.';
  }
  if (v.risk === 'HIGH_RISK' && !v.subjectsInformedAt && !v.noNotificationJustification) {
    fields.subjectsInformedAt =
      'Risque élevé : indiquez quand les personnes concernées ont été informées, ou justifiez l’absence d’information.';
    justification.push('les personnes concernées');
  }
  if (justification.length) {
    const who = justification.join(' et ');
    const plural = justification.includes('les personnes concernées');
    fields.noNotificationJustification = `À défaut de date, justifiez pourquoi ${who} ${
      plural ? 'n’ont pas été informées' : 'n’a pas été informée'
    }.`;
  }
  return fields;
}
