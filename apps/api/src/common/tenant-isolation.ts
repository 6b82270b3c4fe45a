import { GraphQLSchema, isObjectType } from 'graphql';
import { EntityManager, EntitySubscriberInterface, EventSubscriber, LoadEvent, ObjectLiteral } from 'typeorm';
import { Caller } from '@app/core';
import { inTenant, ISOLATED, Tenant } from '../access';
import { securityEvent } from './security-events';
import { GraphqlContext } from './graphql-context';

/**
 * The second line of tenant isolation, below the services (README, "Security and limits"). Every
 * service filters by the caller's scope; this file checks, whatever a service did, that
 *
 * 1. no object of a school-scoped GraphQL type leaves the API for a caller outside its school or
 *    academy (`checkTenantAtOutput`, on every answer of every request with a caller), and
 * 2. no school-scoped entity is loaded inside a transaction run for a caller outside its scope
 *    (`TenantIsolationSubscriber`, for the transactions bound to a caller with `bindCaller`: every
 *    mutation, through AuditedTransactions, and every export, whose document never goes through
 *    GraphQL).
 *
 * Either failure ends the field (and, through non-null parents, the answer) with
 * INTERNAL_SERVER_ERROR, logged as a security event, or rolls the transaction back: the data is not
 * handed out. The check is school-level: ADMIN everything, a DPD its academy, a TEACHER or HEAD its
 * schools (`inTenant`); the finer rules (a teacher's own declarations, ACTIVE treatments…) are the
 * policies' scopes, applied by the services and loaders.
 */

type TenantOf = (value: ObjectLiteral) => Tenant;

/** The school-scoped entities, and where each row belongs: from their policies (apps/api/src/access). */
const ENTITY_TENANT = new Map<unknown, TenantOf>(ISOLATED.map((i) => [i.entity, i.tenantOf as TenantOf]));

/** The school-scoped GraphQL object types (code-first: named after their model class), from the same policies. */
const OUTPUT_TENANT = new Map<string, TenantOf>(ISOLATED.map((i) => [i.graphqlType, i.tenantOf as TenantOf]));

/** Thrown when a request reaches a row of another tenant; the client sees an internal error. */
export class TenantIsolationError extends Error {
  constructor(
    readonly entityType: string,
    readonly entityId: string,
  ) {
    super(`Tenant isolation: ${entityType} ${entityId} is outside the caller's scope.`);
    this.name = 'TenantIsolationError';
  }
}

/** Passes when `caller` may see `value`; otherwise logs a security event (ids, no content) and throws. */
function assertInScope(caller: Caller, what: string, value: ObjectLiteral, tenantOf: TenantOf): void {
  const tenant = tenantOf(value);
  if (inTenant(caller, tenant)) return;
  const id = String(value.id ?? '?');
  securityEvent(
    { event: 'tenant_isolation.refused', userId: caller.userId, entityType: what, entityId: id },
    {
      message:
        `SECURITY tenant isolation breach: user ${caller.userId} reached ${what} ${id} ` +
        `(school ${tenant.schoolId ?? '-'}, academy ${tenant.academyId ?? '-'}) outside its scope; ` +
        `the request fails without the data.`,
    },
  );
  throw new TenantIsolationError(what, id);
}

/**
 * GraphQLModule's `transformSchema`: gives each school-scoped object type an `isTypeOf`, which
 * graphql-js calls synchronously for every object it is about to complete as that type, with the
 * request's context. It answers true (the code-first schema has no unions or interfaces to tell
 * apart) once the object is in the scope of the request's caller, and throws otherwise. Requests
 * without a caller (login before it succeeds) are not checked: they reach no school-scoped type.
 */
export function checkTenantAtOutput(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, tenantOf] of OUTPUT_TENANT) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`Tenant isolation: no object type ${typeName} in the schema.`);
    type.isTypeOf = (value: ObjectLiteral, context: GraphqlContext) => {
      const caller = context.req?.caller;
      if (caller) assertInScope(caller, typeName, value, tenantOf);
      return true;
    };
  }
  return schema;
}

/** What a transaction bound to a caller carries on its query runner (TypeORM's `data`, for subscribers). */
interface BoundTransaction {
  caller?: Caller;
}

/**
 * Binds a transaction to the caller it runs for: every school-scoped entity it loads from then on is
 * checked against that caller. A transaction without a caller (start-up, login, scripts) is not.
 */
export function bindCaller(em: EntityManager, caller: Caller | null): void {
  if (caller && em.queryRunner) (em.queryRunner.data as BoundTransaction).caller = caller;
}

/**
 * Checks every school-scoped entity loaded inside a transaction bound to a caller. Registered
 * through the DataSource's `subscribers` option (app.module.ts), which only takes classes marked
 * @EventSubscriber(). Loads outside such a transaction (plain reads) are checked at the output.
 */
@EventSubscriber()
export class TenantIsolationSubscriber implements EntitySubscriberInterface {
  afterLoad(entity: ObjectLiteral, event?: LoadEvent<ObjectLiteral>): void {
    const caller = (event?.queryRunner?.data as BoundTransaction | undefined)?.caller;
    if (!caller) return;
    const tenantOf = ENTITY_TENANT.get(event?.metadata.target) ?? ENTITY_TENANT.get(entity.constructor);
    if (tenantOf) assertInScope(caller, event?.metadata.name ?? entity.constructor.name, entity, tenantOf);
  }
}
