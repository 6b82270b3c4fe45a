import { isValidUai, UAI_MESSAGE } from '@app/rules/uai';

/**
 * The UAI field's state as the administrator types (the rule the API checks, libs/rules/src/uai.ts):
 * nothing while it is short of 8 characters, then valid or the API's very message.
 */
export function uaiState(value: string): { state?: 'error' | 'success'; stateRelatedMessage?: string } {
  const text = value.trim();
  if (text.length < 8) return {};
  return isValidUai(text)
    ? { state: 'success', stateRelatedMessage: 'UAI valide.' }
    : { state: 'error', stateRelatedMessage: UAI_MESSAGE };
}
