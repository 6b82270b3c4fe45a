import { DEADLINE_STATUS_LABELS } from '@app/pdf/labels';
import { cnilDeadlineStatus, type CnilDeadlineStatus } from '@app/rules/cnil-deadline';
import { closingErrors } from '@app/rules/violation-closing';

/** A violation as the API answers it (dates as ISO strings). */
export interface ViolationFacts {
  risk: string;
  cnilNotificationRequired: boolean;
  cnilDeadline: string;
  cnilNotifiedAt?: string | null;
  consequences?: string | null;
  measuresTaken?: string | null;
  noNotificationJustification?: string | null;
  lateNotificationReason?: string | null;
  subjectsInformedAt?: string | null;
}

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

function facts(v: ViolationFacts) {
  return {
    risk: v.risk,
    cnilNotificationRequired: v.cnilNotificationRequired,
    cnilDeadline: new Date(v.cnilDeadline),
    cnilNotifiedAt: date(v.cnilNotifiedAt),
    consequences: v.consequences?.trim() || null,
    measuresTaken: v.measuresTaken?.trim() || null,
    noNotificationJustification: v.noNotificationJustification?.trim() || null,
    lateNotificationReason: v.lateNotificationReason?.trim() || null,
    subjectsInformedAt: date(v.subjectsInformedAt),
  };
}

/** Where the violation stands against the CNIL's 72 hours (the rule of libs/rules, as the API says it). */
export function deadlineStatus(v: ViolationFacts, now: Date = new Date()): CnilDeadlineStatus {
  return cnilDeadlineStatus(facts(v), now);
}

export function deadlineLabel(v: ViolationFacts, now: Date = new Date()): string {
  return DEADLINE_STATUS_LABELS[deadlineStatus(v, now)];
}

/**
 * The closing checklist: what the rules still need before "Clôturer", field by field, with the very
 * messages the API answers closeViolation with (the same function, libs/rules/src/violation-closing.ts).
 */
export function missingForClosing(v: ViolationFacts, now: Date = new Date()): Record<string, string> {
  return closingErrors(facts(v), now);
}
