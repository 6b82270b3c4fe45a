import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError } from '../../../../libs/core/src';

/**
 * Domain errors are answers, not failures: handed to GraphQL as they are (format-error.ts maps them),
 * without Nest logging each one as an unexpected exception.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError): DomainError {
    return error;
  }
}
