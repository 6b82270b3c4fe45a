import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, Response } from 'express';
import { Caller, Role } from '@app/core';
import { GraphqlContext } from '../common/graphql-context';

/** What one request adds to the express request, for its log line and its metrics. */
export interface ObservedRequest extends Request {
  caller?: Caller;
  /** the GraphQL operation's name, or `<type> <first field>` for an anonymous one */
  graphqlOperation?: string;
  /** extensions.code of the first error, or OK */
  graphqlOutcome?: string;
}

/** A label or log field a client cannot blow up: a GraphQL name, at most 64 characters. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}( [_A-Za-z][_0-9A-Za-z]{0,63})?$/;

const ROLE_ORDER: Role[] = ['ADMIN', 'DPD', 'HEAD', 'TEACHER'];

/** The caller's highest role (a user may hold several grants). */
export function topRole(caller: Caller | undefined): Role | undefined {
  if (!caller) return undefined;
  return ROLE_ORDER.find((role) => caller.grants.some((g) => g.role === role));
}

/** The outcome of a request: the GraphQL code when GraphQL answered, else from the HTTP status. */
export function outcomeOf(req: ObservedRequest, res: Response): string {
  if (req.graphqlOutcome) return req.graphqlOutcome;
  return res.statusCode < 400 ? 'OK' : `HTTP_${res.statusCode}`;
}

/** The operation label: the GraphQL operation, `(http)` for the other routes. */
export function operationOf(req: ObservedRequest): string {
  return req.graphqlOperation ?? '(http)';
}

/**
 * Records, on the express request, the operation's name and the code of the first error, for the
 * log line (pino-http) and the duration histogram (metrics.ts), which are written when the
 * response ends. Nothing of the variables or the answer is kept.
 */
export function observeGraphqlPlugin(): ApolloServerPlugin<GraphqlContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ contextValue, operationName, operation, response }) {
          const req = contextValue.req as ObservedRequest | undefined;
          if (!req) return Promise.resolve();
          const first = operation?.selectionSet.selections[0];
          const name =
            operationName ??
            (operation
              ? `${operation.operation} ${first?.kind === 'Field' ? first.name.value : ''}`.trim()
              : '');
          req.graphqlOperation = OPERATION_NAME.test(name) ? name : name ? '(other)' : '(unparsed)';
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = errors?.length ? errors[0].extensions?.code : 'OK';
          req.graphqlOutcome =
            typeof code === 'string' && /^[A-Z_]{1,64}$/.test(code) ? code : 'INTERNAL_SERVER_ERROR';
          return Promise.resolve();
        },
      });
    },
  };
}
