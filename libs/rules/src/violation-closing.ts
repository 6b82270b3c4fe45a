import { cnilDeadlineStatus, type CnilNotificationFacts } from './cnil-deadline';

/** What closing reads of a violation (its stored state). */
export interface ClosingFacts extends CnilNotificationFacts {
  risk: string;
  consequences: string | null;
  measuresTaken: string | null;
  noNotificationJustification: string | null;
  lateNotificationReason: string | null;
  subjectsInformedAt: Date | null;
}

/**
 * What closeViolation needs (RULES.md, "Violations"), as `{ field: message }` for every missing field:
 * the API refuses with these messages, the web app's closing checklist lists them before "Clôturer".
 * An alternative (a date or a justification) names both fields, since filling either one satisfies it.
 * A notification is "late" only when it was required: the deadline binds nobody otherwise.
 */
export function closingErrors(v: ClosingFacts, now: Date = new Date()): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!v.consequences) fields.consequences = 'Décrivez les conséquences de la violation avant de la clore.';
  if (!v.measuresTaken) fields.measuresTaken = 'Indiquez les mesures prises avant de clore la violation.';
  const justification: string[] = [];
  if (v.cnilNotificationRequired && !v.cnilNotifiedAt && !v.noNotificationJustification) {
    fields.cnilNotifiedAt =
      'La notification à la CNIL est requise : indiquez sa date, ou justifiez l’absence de notification.';
    justification.push('la CNIL');
  }
  if (cnilDeadlineStatus(v, now) === 'NOTIFIED_LATE' && !v.lateNotificationReason) {
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
