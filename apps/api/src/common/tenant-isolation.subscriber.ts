import { Logger } from '@nestjs/common';
import { EntitySubscriberInterface, EventSubscriber, LoadEvent, ObjectLiteral } from 'typeorm';
import { Caller } from '../../../../libs/core/src';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { ToolDeclarationEntity } from '../declarations/tool-declaration.entity';
import { ExportFileEntity } from '../exports/export-file.entity';
import { ReviewEntity } from '../reviews/review.entity';
import { SchoolEntity } from '../schools/school.entity';
import { TreatmentEntity } from '../treatments/treatment.entity';
import { ViolationEntity } from '../violations/violation.entity';
import { currentCaller } from './request-context';

/** Where a loaded row belongs. `undefined` when the query did not select the column. */
interface Tenant {
  schoolId: string | null | undefined;
  academyId: string | null | undefined;
}

/** Where a row of a school-scoped table belongs: its school_id and academy_id columns. */
const ownColumns = (e: ObjectLiteral): Tenant => ({
  schoolId: e.schoolId as string | null | undefined,
  academyId: e.academyId as string | null | undefined,
});

/** The school-scoped entities, and how to read their school and academy. */
const TENANT_OF = new Map<unknown, (entity: ObjectLiteral) => Tenant>([
  [
    SchoolEntity,
    (s) => ({ schoolId: s.id as string | undefined, academyId: s.academyId as string | undefined }),
  ],
  [TreatmentEntity, ownColumns],
  [ToolDeclarationEntity, ownColumns],
  [ViolationEntity, ownColumns],
  [ReviewEntity, ownColumns],
  [ExportFileEntity, ownColumns],
  [AuditEventEntity, ownColumns],
]);

/**
 * Coarse school-level tenancy (RULES.md, "Who may do what"): ADMIN everything, a DPD its academy, a
 * TEACHER or HEAD its schools. The finer rules (a teacher's own declarations, ACTIVE treatments…)
 * stay in the services. A row whose school or academy was not selected cannot be shown to belong to
 * the caller, so it does not pass.
 */
export function callerMayLoad(caller: Caller, tenant: Tenant): boolean {
  if (caller.isAdmin) return true;
  if (tenant.academyId && caller.isDpdOf(tenant.academyId)) return true;
  return !!tenant.schoolId && caller.memberSchoolIds.includes(tenant.schoolId);
}

/** Thrown when a query of a request returns a row of another tenant; the client sees an internal error. */
export class TenantIsolationError extends Error {
  constructor(
    readonly entityType: string,
    readonly entityId: string,
  ) {
    super(`Tenant isolation: ${entityType} ${entityId} is outside the caller's scope.`);
    this.name = 'TenantIsolationError';
  }
}

const logger = new Logger('Security');

/**
 * The second line of tenant isolation, below the services: every entity TypeORM loads while a
 * request with an authenticated caller is served is checked against that caller, whatever query
 * loaded it. A service that forgets its scope filter then fails (INTERNAL_SERVER_ERROR, logged as a
 * security event) instead of handing out another school's data. Work outside a request with a caller
 * (login, start-up, seeds, scripts) is not checked. Registered through the DataSource's `subscribers`
 * option (app.module.ts), which only takes classes marked @EventSubscriber().
 */
@EventSubscriber()
export class TenantIsolationSubscriber implements EntitySubscriberInterface {
  afterLoad(entity: ObjectLiteral, event?: LoadEvent<ObjectLiteral>): void {
    const tenantOf = TENANT_OF.get(event?.metadata.target) ?? TENANT_OF.get(entity.constructor);
    if (!tenantOf) return;
    const caller = currentCaller();
    if (!caller) return;
    const tenant = tenantOf(entity);
    if (callerMayLoad(caller, tenant)) return;
    const entityType = event?.metadata.name ?? entity.constructor.name;
    const entityId = String(entity.id ?? '?');
    logger.error(
      `SECURITY tenant isolation breach: user ${caller.userId} loaded ${entityType} ${entityId} ` +
        `(school ${tenant.schoolId ?? '-'}, academy ${tenant.academyId ?? '-'}) outside its scope; ` +
        `the request fails without the data.`,
    );
    throw new TenantIsolationError(entityType, entityId);
  }
}
