import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { QueryFailedError } from 'typeorm';

/**
 * A failed SQL statement carries its parameters and the database's detail (the failing row): personal
 * data, such as a rights request's requester and pupil. Nest would log the whole error object for a
 * GraphQL resolver; handed on as it is, formatError logs its stack only (the message names the
 * constraint, not the row) and maps it. On a plain HTTP route, Nest's base filter logs the message and
 * stack only.
 */
@Catch(QueryFailedError)
export class DatabaseErrorFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  override catch(error: QueryFailedError, host: ArgumentsHost): QueryFailedError | void {
    if (host.getType<string>() !== 'http') return error;
    super.catch(error, host);
  }
}
