import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { buildSchema, findBreakingChanges, lexicographicSortSchema, printSchema } from 'graphql';
import { createTestApp, TestApp } from '../helpers/test-app';

/**
 * The generated schema is committed (apps/api/schema.graphql) and must not break the public contract
 * (../shared/spec/contract.graphql). `npm run schema:print` rewrites the committed file.
 */
const SCHEMA_FILE = join(__dirname, '../../apps/api/schema.graphql');
const CONTRACT_FILE = [
  process.env.CONTRACT_FILE,
  join(__dirname, '../../../shared/spec/contract.graphql'),
  join(__dirname, '../../spec/contract.graphql'),
].find((file): file is string => !!file && existsSync(file));

/**
 * Contract items not built yet, as findBreakingChanges describes them. Each issue that builds one
 * removes it from here; the test fails on any other difference and on a listed item that is built.
 */
const NOT_YET_BUILT: string[] = [
  // issue 3 (declarations, treatments)
  'Answer was removed.',
  'DataCategory was removed.',
  'DeclarationDecision was removed.',
  'DeclarationDecisionInput was removed.',
  'DeclarationFilter was removed.',
  'DeclarationStatus was removed.',
  'Hosting was removed.',
  'LegalBasis was removed.',
  'Mutation.archiveTreatment was removed.',
  'Mutation.createToolDeclaration was removed.',
  'Mutation.createTreatment was removed.',
  'Mutation.decideToolDeclaration was removed.',
  'Mutation.submitToolDeclaration was removed.',
  'Mutation.updateToolDeclaration was removed.',
  'Mutation.updateTreatment was removed.',
  'Mutation.withdrawToolDeclaration was removed.',
  'Query.toolDeclaration was removed.',
  'Query.toolDeclarations was removed.',
  'Query.treatment was removed.',
  'Query.treatments was removed.',
  'ReviewState was removed.',
  'RiskFlag was removed.',
  'RiskLevel was removed.',
  'SubjectCategory was removed.',
  'ToolDeclaration was removed.',
  'ToolDeclarationConnection was removed.',
  'ToolDeclarationInput was removed.',
  'ToolDeclarationPatch was removed.',
  'Transfer was removed.',
  'TransferInput was removed.',
  'TransferSafeguard was removed.',
  'Treatment was removed.',
  'TreatmentConnection was removed.',
  'TreatmentFilter was removed.',
  'TreatmentInput was removed.',
  'TreatmentPatch was removed.',
  'TreatmentStatus was removed.',
  // issue 4 (violations)
  'BreachNature was removed.',
  'BreachRisk was removed.',
  'IncidentType was removed.',
  'Mutation.closeViolation was removed.',
  'Mutation.recordViolation was removed.',
  'Mutation.updateViolation was removed.',
  'Query.violation was removed.',
  'Query.violations was removed.',
  'Violation was removed.',
  'ViolationConnection was removed.',
  'ViolationFilter was removed.',
  'ViolationInput was removed.',
  'ViolationPatch was removed.',
  'ViolationStatus was removed.',
  // issue 5 (reviews, dashboard)
  'AcademyDashboard was removed.',
  'Mutation.reviewEntry was removed.',
  'Query.academyDashboard was removed.',
  'Query.reviews was removed.',
  'Review was removed.',
  'ReviewConnection was removed.',
  'ReviewInput was removed.',
  'ReviewTargetType was removed.',
  'ReviewVerdict was removed.',
  'School.stats was removed.',
  'SchoolStats was removed.',
  // issue 6 (exports)
  'ExportFile was removed.',
  'ExportKind was removed.',
  'Mutation.exportRegister was removed.',
  'Query.exports was removed.',
];

describe('GraphQL contract', () => {
  let t: TestApp;
  let generated: string;

  beforeAll(async () => {
    t = await createTestApp();
    generated = printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema));
  });
  afterAll(() => t.close());

  it('the committed schema is the generated one', () => {
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, generated + '\n');
    expect(readFileSync(SCHEMA_FILE, 'utf8').trim()).toBe(generated.trim());
  });

  it('does not break the public contract beyond the listed items not yet built', () => {
    if (!CONTRACT_FILE) throw new Error('contract.graphql not found: set CONTRACT_FILE');
    const contract = buildSchema(readFileSync(CONTRACT_FILE, 'utf8'));
    const breaks = findBreakingChanges(contract, buildSchema(generated))
      .map((c) => c.description)
      .sort();
    expect(breaks.filter((b) => !NOT_YET_BUILT.includes(b))).toEqual([]);
    expect(NOT_YET_BUILT.filter((item) => !breaks.includes(item))).toEqual([]);
  });
});
