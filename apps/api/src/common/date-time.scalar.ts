import { GraphQLISODateTime } from '@nestjs/graphql';
import { GraphQLScalarType, Kind } from 'graphql';
import { parseDateTime } from '@app/core';

/**
 * The DateTime scalar, as @nestjs/graphql's (same name, description and output), but strict on
 * input: an impossible or out-of-range date (2026-02-30, year 0, a negative year) becomes an invalid
 * Date, which the input's IsDate refuses as BAD_USER_INPUT on its field (libs/core parseDateTime).
 */
export const StrictDateTime = new GraphQLScalarType({
  ...GraphQLISODateTime.toConfig(),
  parseValue: (value: unknown) => parseDateTime(value),
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDateTime(ast.value) : parseDateTime(null)),
});
