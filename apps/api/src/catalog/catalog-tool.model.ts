import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Answer, CatalogOpinion, DataCategory, Hosting, RiskFlag, RiskLevel } from '../common/enums';
import { PageInfo } from '../common/page-info.model';
import { CatalogToolEntity } from './catalog-tool.entity';

/** An entry of the académie's tool catalogue. Relations and counts are resolved by field resolvers. */
@ObjectType()
export class CatalogTool {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => [String], { description: 'other names teachers write for it (Kahoot, Kahoot!, kahoot.it)' })
  aliases: string[];
  @Field(() => String, { nullable: true }) vendor: string | null;
  @Field(() => String, { nullable: true }) url: string | null;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => [DataCategory]) dataCategories: DataCategory[];
  @Field(() => Hosting) hosting: Hosting;
  @Field(() => String, { nullable: true }) hostingCountry: string | null;
  @Field(() => Answer) freeSoftware: Answer;
  @Field() institutional: boolean;
  @Field(() => Answer) commercialReuse: Answer;
  @Field(() => Int, { nullable: true }) retentionMonths: number | null;
  @Field(() => String, { nullable: true }) securityMeasures: string | null;
  @Field(() => CatalogOpinion) opinion: CatalogOpinion;
  @Field(() => String, {
    nullable: true,
    description: 'conditions of use (ALLOWED_WITH_CONDITIONS), or the reason (DISCOURAGED, FORBIDDEN)',
  })
  conditions: string | null;
  @Field(() => [RiskFlag], {
    description: 'computed from the tool-level facts and the opinion, as for a declaration',
  })
  riskFlags: RiskFlag[];
  @Field(() => RiskLevel) riskLevel: RiskLevel;
  @Field(() => Date, { nullable: true }) reviewedAt: Date | null;
  @Field(() => Int) version: number;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  /** tenant isolation reads where the entry belongs: its académie, no school */
  schoolId: null;
  academyId: string;
  alternativeIds: string[];
  reviewedById: string | null;

  static from(e: CatalogToolEntity): CatalogTool {
    return Object.assign(new CatalogTool(), {
      id: e.id,
      name: e.name,
      aliases: e.aliases,
      vendor: e.vendor,
      url: e.url,
      description: e.description,
      dataCategories: e.dataCategories,
      hosting: e.hosting,
      hostingCountry: e.hostingCountry,
      freeSoftware: e.freeSoftware,
      institutional: e.institutional,
      commercialReuse: e.commercialReuse,
      retentionMonths: e.retentionMonths,
      securityMeasures: e.securityMeasures,
      opinion: e.opinion,
      conditions: e.conditions,
      riskFlags: e.riskFlags,
      riskLevel: e.riskLevel,
      reviewedAt: e.reviewedAt,
      version: e.version,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      schoolId: null,
      academyId: e.academyId,
      alternativeIds: e.alternativeIds,
      reviewedById: e.reviewedById,
    });
  }
}

@ObjectType()
export class CatalogToolConnection {
  @Field(() => [CatalogTool]) nodes: CatalogTool[];
  @Field(() => Int) totalCount: number | null;
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@ObjectType({
  description: 'Tools declared in the académie that no catalogue entry covers yet, most used first.',
})
export class CatalogCandidate {
  @Field({ description: 'the most frequent spelling' }) toolName: string;
  @Field(() => String, { nullable: true }) vendor: string | null;
  @Field(() => Int) schoolCount: number;
  @Field(() => Int) declarationCount: number;
  @Field(() => RiskLevel) highestRisk: RiskLevel;
}

@ObjectType()
export class CatalogCandidateConnection {
  @Field(() => [CatalogCandidate]) nodes: CatalogCandidate[];
  @Field(() => Int) totalCount: number | null;
  @Field(() => PageInfo) pageInfo: PageInfo;
}
