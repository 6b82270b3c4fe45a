import { AcademyEntity } from './academies/academy.entity';
import { AuditEventEntity } from './audit/audit-event.entity';
import { CatalogToolEntity, CatalogToolNameEntity } from './catalog/catalog-tool.entity';
import { ToolDeclarationEntity } from './declarations/tool-declaration.entity';
import { ExportFileEntity } from './exports/export-file.entity';
import { NotificationEntity } from './notifications/notification.entity';
import { ReviewEntity } from './reviews/review.entity';
import { RightsRequestEntity, RightsRequestTreatmentEntity } from './rights-requests/rights-request.entity';
import { SchoolEntity } from './schools/school.entity';
import { TreatmentEntity } from './treatments/treatment.entity';
import { RoleGrantEntity, UserEntity } from './users/user.entity';
import { ViolationEntity, ViolationTreatmentEntity } from './violations/violation.entity';

/** Every TypeORM entity: the app and the CLI data source load the same list. */
export const entities = [
  AcademyEntity,
  SchoolEntity,
  UserEntity,
  RoleGrantEntity,
  AuditEventEntity,
  TreatmentEntity,
  ToolDeclarationEntity,
  ViolationEntity,
  ViolationTreatmentEntity,
  ReviewEntity,
  ExportFileEntity,
  NotificationEntity,
  RightsRequestEntity,
  RightsRequestTreatmentEntity,
  CatalogToolEntity,
  CatalogToolNameEntity,
];
