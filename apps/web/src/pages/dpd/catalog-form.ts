import type {
  Answer,
  CatalogOpinion,
  CatalogToolInput,
  CatalogToolPatch,
  DataCategory,
  Hosting,
} from '../../api/gql/graphql';
import { changedFields } from '../../components/useEntityEdit';

/** A catalogue entry's form, as typed: text fields as strings ('' = none), aliases as one text. */
export interface CatalogForm {
  name: string;
  aliases: string;
  vendor: string;
  url: string;
  description: string;
  dataCategories: DataCategory[];
  hosting: Hosting;
  hostingCountry: string;
  freeSoftware: Answer;
  institutional: boolean;
  commercialReuse: Answer;
  retentionMonths: string;
  securityMeasures: string;
  opinion: CatalogOpinion;
  conditions: string;
  /** the entries to use instead, with their names to show */
  alternatives: CatalogAlternative[];
}

/** An entry chosen as an alternative. */
export interface CatalogAlternative {
  id: string;
  name: string;
}

export const EMPTY_CATALOG_FORM: CatalogForm = {
  name: '',
  aliases: '',
  vendor: '',
  url: '',
  description: '',
  dataCategories: [],
  hosting: 'UNKNOWN',
  hostingCountry: '',
  freeSoftware: 'UNKNOWN',
  institutional: false,
  commercialReuse: 'UNKNOWN',
  retentionMonths: '',
  securityMeasures: '',
  opinion: 'PENDING',
  conditions: '',
  alternatives: [],
};

/** "Kahoot!, kahoot.it" or one a line: the aliases, trimmed, without empties or repeats. */
export function parseAliases(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,\n]/)) {
    const alias = part.trim();
    if (alias) seen.add(alias);
  }
  return [...seen];
}

interface CatalogToolValues {
  name: string;
  aliases: readonly string[];
  vendor?: string | null;
  url?: string | null;
  description?: string | null;
  dataCategories: readonly DataCategory[];
  hosting: Hosting;
  hostingCountry?: string | null;
  freeSoftware: Answer;
  institutional: boolean;
  commercialReuse: Answer;
  retentionMonths?: number | null;
  securityMeasures?: string | null;
  opinion: CatalogOpinion;
  conditions?: string | null;
  alternatives?: readonly CatalogAlternative[];
}

/** The form of a saved entry (aliases one a line). */
export function formOf(tool: CatalogToolValues): CatalogForm {
  return {
    name: tool.name,
    aliases: tool.aliases.join('\n'),
    vendor: tool.vendor ?? '',
    url: tool.url ?? '',
    description: tool.description ?? '',
    dataCategories: [...tool.dataCategories],
    hosting: tool.hosting,
    hostingCountry: tool.hostingCountry ?? '',
    freeSoftware: tool.freeSoftware,
    institutional: tool.institutional,
    commercialReuse: tool.commercialReuse,
    retentionMonths: tool.retentionMonths?.toString() ?? '',
    securityMeasures: tool.securityMeasures ?? '',
    opinion: tool.opinion,
    conditions: tool.conditions ?? '',
    alternatives: (tool.alternatives ?? []).map(({ id, name }) => ({ id, name })),
  };
}

const text = (value: string): string | null => value.trim() || null;

/**
 * A typed number of months: the number, or null when empty. Not a whole number: sent as -1, which
 * the API refuses with its own message beside the field (NaN would fail GraphQL's Int coercion,
 * a message with no field).
 */
function months(value: string): number | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : -1;
}

/** The creation's input: every field (the API judges them). */
export function toInput(form: CatalogForm): CatalogToolInput {
  return {
    name: form.name.trim(),
    aliases: parseAliases(form.aliases),
    vendor: text(form.vendor),
    url: text(form.url),
    description: text(form.description),
    dataCategories: form.dataCategories,
    hosting: form.hosting,
    hostingCountry: text(form.hostingCountry),
    freeSoftware: form.freeSoftware,
    institutional: form.institutional,
    commercialReuse: form.commercialReuse,
    retentionMonths: months(form.retentionMonths),
    securityMeasures: text(form.securityMeasures),
    opinion: form.opinion,
    conditions: text(form.conditions),
    alternativeIds: form.alternatives.map((a) => a.id),
  };
}

/**
 * Only what changed since the form was loaded: an unchanged field is not sent, so a save never
 * rewrites what another DPD changed elsewhere (the version guards the rest). A cleared text is null.
 */
export function toPatch(form: CatalogForm, loaded: CatalogForm): CatalogToolPatch {
  return changedFields(toInput(form), toInput(loaded));
}

/** The chosen alternatives with one more (once; never the entry itself). */
export function withAlternative(
  chosen: readonly CatalogAlternative[],
  added: CatalogAlternative,
  selfId: string,
): CatalogAlternative[] {
  if (added.id === selfId || chosen.some((a) => a.id === added.id)) return [...chosen];
  return [...chosen, { id: added.id, name: added.name }];
}
