import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { fieldError, toFailure } from './errors';

const graphQLError = (message: string, extensions: Record<string, unknown>) =>
  new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });

describe('toFailure', () => {
  it('reads BAD_USER_INPUT with its fields', () => {
    const failure = toFailure(
      graphQLError('Saisie invalide.', {
        code: 'BAD_USER_INPUT',
        fields: { toolName: 'Ce champ est obligatoire.' },
      }),
    );
    expect(failure).toEqual({
      kind: 'fields',
      message: 'Saisie invalide.',
      fields: { toolName: 'Ce champ est obligatoire.' },
    });
    expect(fieldError(failure, 'toolName')).toBe('Ce champ est obligatoire.');
    expect(fieldError(failure, 'purpose')).toBeUndefined();
  });
  it('reads a stale version as a conflict', () => {
    expect(toFailure(graphQLError('Modifié entre-temps.', { code: 'CONFLICT' }))?.kind).toBe('conflict');
  });
  it('reads a network failure and a database outage as unavailable', () => {
    expect(toFailure(new CombinedError({ networkError: new Error('Failed to fetch') }))?.kind).toBe(
      'unavailable',
    );
    expect(toFailure(graphQLError('Base indisponible.', { code: 'SERVICE_UNAVAILABLE' }))?.kind).toBe(
      'unavailable',
    );
  });
  it('is null on success', () => {
    expect(toFailure(undefined)).toBeNull();
  });
});
