import type { RightsRequestStatus, RightsRequestTransition } from '../common/enums';

/**
 * The states of a rights request (RULES.md, "Rights requests"): the moves each transition allows.
 * EXTEND keeps the status; ANSWERED and REFUSED are final and read-only. Anything else: CONFLICT.
 */
export const TRANSITIONS: Record<
  RightsRequestTransition,
  { from: readonly RightsRequestStatus[]; to: RightsRequestStatus | null }
> = {
  AWAIT_REQUESTER: { from: ['RECEIVED', 'IN_PROGRESS'], to: 'AWAITING_REQUESTER' },
  START: { from: ['RECEIVED', 'AWAITING_REQUESTER'], to: 'IN_PROGRESS' },
  ANSWER: { from: ['RECEIVED', 'AWAITING_REQUESTER', 'IN_PROGRESS'], to: 'ANSWERED' },
  REFUSE: { from: ['RECEIVED', 'AWAITING_REQUESTER', 'IN_PROGRESS'], to: 'REFUSED' },
  EXTEND: { from: ['RECEIVED', 'AWAITING_REQUESTER', 'IN_PROGRESS'], to: null },
};

/** The input fields each transition takes (`at` aside): any other one is BAD_USER_INPUT. */
export const TRANSITION_FIELDS: Record<RightsRequestTransition, readonly string[]> = {
  AWAIT_REQUESTER: [],
  START: [],
  ANSWER: ['answerSummary'],
  REFUSE: ['refusalReason'],
  EXTEND: ['extensionReason', 'extensionNotifiedAt'],
};

export const STATUS_LABELS: Record<RightsRequestStatus, string> = {
  RECEIVED: 'reçue',
  AWAITING_REQUESTER: 'en attente du demandeur',
  IN_PROGRESS: 'en cours de traitement',
  ANSWERED: 'répondue',
  REFUSED: 'refusée',
};
