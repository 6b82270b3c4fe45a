import { assessRisk, type RiskAssessment } from '@app/rules/risk-assessment';
import type {
  Answer,
  CatalogOpinion,
  DataCategory,
  Hosting,
  ToolDeclarationInput,
  ToolDeclarationPatch,
} from '../../api/gql/graphql';

/** The académie's catalogue entry the declaration follows: its facts are the entry's, not the teacher's. */
export interface LinkedEntry {
  id: string;
  name: string;
  opinion: CatalogOpinion;
  conditions?: string | null;
  alternatives: { name: string }[];
}

/** The answers a catalogue entry gives (the API refuses them from the author of a linked declaration). */
export const TOOL_FACT_FIELDS = [
  'toolName',
  'vendor',
  'url',
  'hosting',
  'hostingCountry',
  'freeSoftware',
  'institutional',
  'commercialReuse',
] as const;
export type ToolFactField = (typeof TOOL_FACT_FIELDS)[number];

/** The form's answers, as typed (texts stay texts until sent, so that nothing typed is lost). */
export interface Answers {
  /** the entry chosen in the catalogue (or linked by the API from the tool's name), or null */
  catalog: LinkedEntry | null;
  schoolId: string;
  toolName: string;
  vendor: string;
  url: string;
  purpose: string;
  classes: string;
  approxStudentCount: string;
  freeSoftware: Answer;
  institutional: boolean;
  hosting: Hosting;
  hostingCountry: string;
  commercialReuse: Answer;
  dataCategories: DataCategory[];
  pseudonymsUsed: boolean;
  retentionMonths: string;
  familiesInformed: boolean;
  securityMeasures: string;
}

export const EMPTY_ANSWERS: Answers = {
  catalog: null,
  schoolId: '',
  toolName: '',
  vendor: '',
  url: '',
  purpose: '',
  classes: '',
  approxStudentCount: '',
  freeSoftware: 'UNKNOWN',
  institutional: false,
  hosting: 'UNKNOWN',
  hostingCountry: '',
  commercialReuse: 'UNKNOWN',
  dataCategories: [],
  pseudonymsUsed: false,
  retentionMonths: '',
  familiesInformed: false,
  securityMeasures: '',
};

const number = (text: string): number | null => (text.trim() === '' ? null : Number(text.trim()));
const text = (value: string): string | null => (value.trim() === '' ? null : value);

/** The risk of the answers so far, by the server's own rules (libs/rules). */
export function riskOf(answers: Answers): RiskAssessment {
  return assessRisk({
    ...answers,
    retentionMonths: number(answers.retentionMonths),
    catalogOpinion: answers.catalog?.opinion ?? null,
  });
}

/** What createToolDeclaration receives: for a catalogued tool, the entry instead of its facts. */
export function toInput(answers: Answers): ToolDeclarationInput {
  const input = allAnswers(answers);
  return answers.catalog ? { ...withoutFacts(input), catalogToolId: answers.catalog.id } : input;
}

function withoutFacts<T extends Partial<Record<ToolFactField, unknown>>>(input: T): Omit<T, ToolFactField> {
  const rest: Partial<T> = { ...input };
  for (const field of TOOL_FACT_FIELDS) delete rest[field];
  return rest as Omit<T, ToolFactField>;
}

/** Everything the teacher answered; the server checks everything again. */
function allAnswers(answers: Answers): ToolDeclarationInput {
  return {
    schoolId: answers.schoolId,
    toolName: answers.toolName,
    vendor: text(answers.vendor),
    url: text(answers.url),
    purpose: answers.purpose,
    classes: answers.classes
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean),
    approxStudentCount: number(answers.approxStudentCount),
    freeSoftware: answers.freeSoftware,
    institutional: answers.institutional,
    hosting: answers.hosting,
    hostingCountry: text(answers.hostingCountry),
    commercialReuse: answers.commercialReuse,
    dataCategories: answers.dataCategories,
    pseudonymsUsed: answers.pseudonymsUsed,
    retentionMonths: number(answers.retentionMonths),
    familiesInformed: answers.familiesInformed,
    securityMeasures: text(answers.securityMeasures),
  };
}

/**
 * What updateToolDeclaration receives: everything but the school; for a declaration the API has
 * already linked to an entry, not the entry's facts either. A draft not linked yet gets the chosen
 * entry's name, by which the API links it.
 */
export function toPatch(answers: Answers, linked: boolean): ToolDeclarationPatch {
  const { schoolId: _school, ...patch } = allAnswers(answers);
  return linked ? withoutFacts(patch) : patch;
}

/** The answers once an entry is chosen: its facts replace the teacher's. */
export function withEntry(
  answers: Answers,
  entry: LinkedEntry &
    Pick<Answers, 'hosting' | 'freeSoftware' | 'institutional' | 'commercialReuse'> & {
      vendor?: string | null;
      url?: string | null;
      hostingCountry?: string | null;
    },
): Answers {
  return {
    ...answers,
    catalog: {
      id: entry.id,
      name: entry.name,
      opinion: entry.opinion,
      conditions: entry.conditions,
      alternatives: entry.alternatives,
    },
    toolName: entry.name,
    vendor: entry.vendor ?? '',
    url: entry.url ?? '',
    hosting: entry.hosting,
    hostingCountry: entry.hostingCountry ?? '',
    freeSoftware: entry.freeSoftware,
    institutional: entry.institutional,
    commercialReuse: entry.commercialReuse,
  };
}

/** The answers of a stored declaration, to edit it. */
export function fromDeclaration(d: {
  catalogTool?: LinkedEntry | null;
  school: { id: string };
  toolName: string;
  vendor?: string | null;
  url?: string | null;
  purpose: string;
  classes: string[];
  approxStudentCount?: number | null;
  freeSoftware: Answer;
  institutional: boolean;
  hosting: Hosting;
  hostingCountry?: string | null;
  commercialReuse: Answer;
  dataCategories: DataCategory[];
  pseudonymsUsed: boolean;
  retentionMonths?: number | null;
  familiesInformed: boolean;
  securityMeasures?: string | null;
}): Answers {
  return {
    catalog: d.catalogTool ?? null,
    schoolId: d.school.id,
    toolName: d.toolName,
    vendor: d.vendor ?? '',
    url: d.url ?? '',
    purpose: d.purpose,
    classes: d.classes.join(', '),
    approxStudentCount: d.approxStudentCount == null ? '' : String(d.approxStudentCount),
    freeSoftware: d.freeSoftware,
    institutional: d.institutional,
    hosting: d.hosting,
    hostingCountry: d.hostingCountry ?? '',
    commercialReuse: d.commercialReuse,
    dataCategories: d.dataCategories,
    pseudonymsUsed: d.pseudonymsUsed,
    retentionMonths: d.retentionMonths == null ? '' : String(d.retentionMonths),
    familiesInformed: d.familiesInformed,
    securityMeasures: d.securityMeasures ?? '',
  };
}
