import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Answer, DataCategory, DeclarationStatus, Hosting, RiskFlag, RiskLevel } from '../common/enums';
import { PageInfo } from '../common/page-info.model';
import { ToolDeclarationEntity } from './tool-declaration.entity';

/** A teacher's declaration of a classroom tool. Relations are resolved by field resolvers. */
@ObjectType()
export class ToolDeclaration {
  @Field(() => ID) id: string;
  @Field(() => DeclarationStatus) status: DeclarationStatus;
  @Field() toolName: string;
  @Field(() => String, { nullable: true }) vendor: string | null;
  @Field(() => String, { nullable: true }) url: string | null;
  @Field() purpose: string;
  @Field(() => [String]) classes: string[];
  @Field(() => Int, { nullable: true }) approxStudentCount: number | null;
  @Field(() => [DataCategory]) dataCategories: DataCategory[];
  @Field() pseudonymsUsed: boolean;
  @Field(() => Hosting) hosting: Hosting;
  @Field(() => String, { nullable: true }) hostingCountry: string | null;
  @Field(() => Answer) freeSoftware: Answer;
  @Field({ description: 'provided or supervised by the ministry: ENT, GAR, apps.education.fr' })
  institutional: boolean;
  @Field(() => Answer) commercialReuse: Answer;
  @Field() familiesInformed: boolean;
  @Field(() => Int, {
    nullable: true,
    description: 'months the data is kept after the activity; null when no limit is known',
  })
  retentionMonths: number | null;
  @Field(() => String, { nullable: true }) securityMeasures: string | null;
  @Field(() => [RiskFlag]) riskFlags: RiskFlag[];
  @Field(() => RiskLevel) riskLevel: RiskLevel;
  @Field(() => String, { nullable: true }) decisionComment: string | null;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => Int) version: number;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  schoolId: string;
  academyId: string;
  declaredById: string;
  treatmentId: string | null;
  catalogToolId: string | null;

  static from(e: ToolDeclarationEntity): ToolDeclaration {
    return Object.assign(new ToolDeclaration(), {
      id: e.id,
      status: e.status,
      toolName: e.toolName,
      vendor: e.vendor,
      url: e.url,
      purpose: e.purpose,
      classes: e.classes,
      approxStudentCount: e.approxStudentCount,
      dataCategories: e.dataCategories,
      pseudonymsUsed: e.pseudonymsUsed,
      hosting: e.hosting,
      hostingCountry: e.hostingCountry,
      freeSoftware: e.freeSoftware,
      institutional: e.institutional,
      commercialReuse: e.commercialReuse,
      familiesInformed: e.familiesInformed,
      retentionMonths: e.retentionMonths,
      securityMeasures: e.securityMeasures,
      riskFlags: e.riskFlags,
      riskLevel: e.riskLevel,
      decisionComment: e.decisionComment,
      submittedAt: e.submittedAt,
      decidedAt: e.decidedAt,
      version: e.version,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      schoolId: e.schoolId,
      academyId: e.academyId,
      declaredById: e.declaredById,
      treatmentId: e.treatmentId,
      catalogToolId: e.catalogToolId,
    });
  }
}

@ObjectType()
export class ToolDeclarationConnection {
  @Field(() => [ToolDeclaration]) nodes: ToolDeclaration[];
  /** null only when the operation does not select it (libs/core/src/pagination.ts, Page) */
  @Field(() => Int) totalCount: number | null;
  @Field(() => PageInfo) pageInfo: PageInfo;
}
