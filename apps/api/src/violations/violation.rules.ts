import { FieldErrors } from '@app/core';
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

/** What closeViolation needs: the rule the web app's closing checklist shares (libs/rules). */
export { closingErrors } from '@app/rules';
