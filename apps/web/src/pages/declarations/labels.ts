import { DECLARATION_STATUS_LABELS } from '@app/pdf/labels';
import type { DeclarationStatus } from '../../api/gql/graphql';

/** The states' French names: the documents' table, one definition for both. */
export const STATUS_LABELS: Record<DeclarationStatus, string> = DECLARATION_STATUS_LABELS;

export const STATUS_SEVERITY: Record<DeclarationStatus, 'info' | 'success' | 'warning' | 'error' | 'new'> = {
  DRAFT: 'new',
  SUBMITTED: 'info',
  CHANGES_REQUESTED: 'warning',
  APPROVED: 'success',
  REJECTED: 'error',
  WITHDRAWN: 'new',
};

export const EDITABLE: readonly DeclarationStatus[] = ['DRAFT', 'CHANGES_REQUESTED'];
export const WITHDRAWABLE: readonly DeclarationStatus[] = ['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED'];
