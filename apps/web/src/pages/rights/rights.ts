import type {
  RequesterRelation,
  RightType,
  RightsRequestChannel,
  RightsRequestPatch,
  RightsRequestStatus,
  RightsRequestTransition,
  SubjectCategory,
} from '../../api/gql/graphql';
import { isFinalRightsRequestStatus } from '@app/rules/rights-request-deadline';

/** The fields of "Demande de droits", as the form holds them. */
export interface RightsRequestForm {
  rightTypes: RightType[];
  channel: RightsRequestChannel;
  /** datetime-local, Paris time */
  receivedAt: string;
  requesterName: string;
  requesterRelation: RequesterRelation;
  subjectName: string;
  subjectCategory: SubjectCategory;
  description: string;
}

export const EMPTY_REQUEST: RightsRequestForm = {
  rightTypes: [],
  channel: 'EMAIL',
  receivedAt: '',
  requesterName: '',
  requesterRelation: 'LEGAL_GUARDIAN',
  subjectName: '',
  subjectCategory: 'STUDENTS',
  description: '',
};

/** What the edit sends: only the fields that changed (receivedAt is not patchable: the register is evidence). */
export function rightsRequestPatch(form: RightsRequestForm, loaded: RightsRequestForm): RightsRequestPatch {
  const patch: RightsRequestPatch = {};
  if ([...form.rightTypes].sort().join() !== [...loaded.rightTypes].sort().join())
    patch.rightTypes = form.rightTypes;
  if (form.channel !== loaded.channel) patch.channel = form.channel;
  if (form.requesterName !== loaded.requesterName) patch.requesterName = form.requesterName;
  if (form.requesterRelation !== loaded.requesterRelation) patch.requesterRelation = form.requesterRelation;
  if (form.subjectName !== loaded.subjectName) patch.subjectName = form.subjectName.trim() || null;
  if (form.subjectCategory !== loaded.subjectCategory) patch.subjectCategory = form.subjectCategory;
  if (form.description !== loaded.description) patch.description = form.description;
  return patch;
}

/** The moves the rules allow from a status (docs/rights-requests.md, "States"), in the order offered. */
export function transitionsFor(status: RightsRequestStatus, extended: boolean): RightsRequestTransition[] {
  if (isFinalRightsRequestStatus(status)) return [];
  const moves: RightsRequestTransition[] = [];
  if (status === 'RECEIVED' || status === 'AWAITING_REQUESTER') moves.push('START');
  if (status === 'RECEIVED' || status === 'IN_PROGRESS') moves.push('AWAIT_REQUESTER');
  if (!extended) moves.push('EXTEND');
  moves.push('ANSWER', 'REFUSE');
  return moves;
}

export const TRANSITION_LABELS: Record<RightsRequestTransition, string> = {
  START: 'Commencer le traitement',
  AWAIT_REQUESTER: 'Attendre le demandeur',
  EXTEND: 'Prolonger de deux mois',
  ANSWER: 'Répondre',
  REFUSE: 'Refuser la demande',
};

/** Transitions that need more than a click: their own fields, in a small form. */
export const TRANSITION_NEEDS: Partial<Record<RightsRequestTransition, string>> = {
  EXTEND:
    'La prolongation (une seule fois) exige un motif et la date à laquelle le demandeur en a été informé, dans le premier mois.',
  ANSWER: 'Résumez la réponse apportée au demandeur.',
  REFUSE: 'Un refus doit être motivé (demande manifestement infondée ou excessive, identité non établie…).',
};
