import { ArgumentsHost, Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';
import { DomainError } from '@app/core';
import { describeCode, httpErrorBody } from './format-error';

/**
 * Domain errors are answers, not failures. In GraphQL they are handed on as they are (formatError
 * maps them), without Nest logging each one as an unexpected exception; on a plain HTTP route (the
 * guard refusing a request without a token, the download's 404) they get the status of their code
 * and the body of a GraphQL error, from the same mapper.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): DomainError | void {
    if (host.getType<string>() !== 'http') return error;
    const res = host.switchToHttp().getResponse<Response>();
    res.status(describeCode(error.code).status).json(httpErrorBody(error.code, error.message));
  }
}
