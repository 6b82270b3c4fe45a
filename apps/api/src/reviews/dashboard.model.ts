import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Academy } from '../academies/academy.model';

/** What still needs acting on in one school (RULES.md, "Reviews"). */
@ObjectType()
export class SchoolStats {
  @Field(() => Int) activeTreatments: number;
  @Field(() => Int) pendingDeclarations: number;
  @Field(() => Int) openViolations: number;
  @Field(() => Int) overdueCnilNotifications: number;
  @Field(() => Int) openRightsRequests: number;
  @Field(() => Int) overdueRightsRequests: number;
}

/** What still needs acting on across an academy: the DPD's starting point. */
@ObjectType()
export class AcademyDashboard {
  @Field(() => Academy) academy: Academy;
  @Field(() => Int) schools: number;
  @Field(() => Int) schoolsWithoutTreatments: number;
  @Field(() => Int) pendingDeclarations: number;
  @Field(() => Int) highRiskDeclarations: number;
  @Field(() => Int) treatmentsAwaitingReview: number;
  @Field(() => Int) openViolations: number;
  @Field(() => Int) overdueCnilNotifications: number;
  @Field(() => Int) openRightsRequests: number;
  @Field(() => Int) overdueRightsRequests: number;
  @Field(() => Int, { description: 'catalogue entries still PENDING' }) pendingCatalogTools: number;
  @Field(() => Int, { description: 'distinct uncatalogued tools declared in at least two schools' })
  catalogCandidates: number;
}
