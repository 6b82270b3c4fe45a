import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
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

/** How the dashboard groups the académie's schools for its chart. */
export const SchoolGrouping = {
  /** by département, read from the UAI (its first three digits) */
  DEPARTEMENT: 'DEPARTEMENT',
  /** by kind of school (école, collège, lycée…) */
  KIND: 'KIND',
} as const;
export type SchoolGrouping = (typeof SchoolGrouping)[keyof typeof SchoolGrouping];
registerEnumType(SchoolGrouping, { name: 'SchoolGrouping' });

/** The state of one group of the académie's schools (one département, or one kind of school). */
@ObjectType()
export class SchoolGroupCounts {
  @Field({ description: 'the département\'s code ("31", "2A") or the SchoolKind' }) key: string;
  @Field({ description: 'in French: "Haute-Garonne (31)", "Collège"' }) label: string;
  @Field(() => Int) schools: number;
  @Field(() => Int) schoolsWithoutTreatments: number;
  @Field(() => Int, { description: 'schools with at least one OPEN violation' })
  schoolsWithOpenViolations: number;
  @Field(() => Int) highRiskDeclarations: number;
  @Field(() => Int) treatmentsAwaitingReview: number;
}
