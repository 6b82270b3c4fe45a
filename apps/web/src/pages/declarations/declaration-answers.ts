import { assessRisk, type RiskAssessment } from '@app/rules/risk-assessment';
import type {
  Answer,
  DataCategory,
  Hosting,
  ToolDeclarationInput,
  ToolDeclarationPatch,
} from '../../api/gql/graphql';

/** The form's answers, as typed (texts stay texts until sent, so that nothing typed is lost). */
export interface Answers {
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
  return assessRisk({ ...answers, retentionMonths: number(answers.retentionMonths) });
}

/** What createToolDeclaration receives. The server checks everything again. */
export function toInput(answers: Answers): ToolDeclarationInput {
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

/** What updateToolDeclaration receives: everything but the school. */
export function toPatch(answers: Answers): ToolDeclarationPatch {
  const { schoolId: _school, ...patch } = toInput(answers);
  return patch;
}

/** The answers of a stored declaration, to edit it. */
export function fromDeclaration(d: {
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
