import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fieldErrors } from '@app/core';
import { REQUIRED_HEADINGS, TREATMENT_SHEET_HEADINGS } from '@app/rules/treatment-sheet-headings';
import {
  DATA_CATEGORY_LABELS,
  LEGAL_BASIS_LABELS,
  SUBJECT_CATEGORY_LABELS,
  TRANSFER_SAFEGUARD_LABELS,
  TREATMENT_STATUS_LABELS,
} from '@app/pdf';
import { TreatmentInput } from '../treatments/dto/treatment.input';
import type { TreatmentValues } from '../treatments/treatments.service';

/**
 * A treatment register in the export's columns (libs/rules/src/treatment-sheet-headings.ts), read
 * back: headings match case- and accent-insensitively, enum cells take the French label or the code,
 * lists are split on ";", and each row is then checked with createTreatment's own input rules
 * (TreatmentInput), so the import accepts exactly what the form accepts.
 */
type Field = keyof Omit<TreatmentInput, 'schoolId'>;

const {
  REFERENCE,
  NAME,
  PURPOSES,
  LEGAL_BASIS,
  SUBJECTS,
  DATA,
  SENSITIVE,
  RECIPIENTS,
  PROCESSORS,
  TRANSFERS,
  RETENTION,
  RETENTION_MONTHS,
  SECURITY,
  DPIA,
  STATUS,
  CREATED,
  UPDATED,
  ARCHIVED_REASON,
  ARCHIVED_AT,
} = TREATMENT_SHEET_HEADINGS;

/** The columns written into the entry, by heading. */
const WRITTEN: Record<string, Field> = {
  [NAME]: 'name',
  [PURPOSES]: 'purposes',
  [LEGAL_BASIS]: 'legalBasis',
  [SUBJECTS]: 'subjectCategories',
  [DATA]: 'dataCategories',
  [RECIPIENTS]: 'recipients',
  [PROCESSORS]: 'processors',
  [TRANSFERS]: 'transfers',
  [RETENTION]: 'retention',
  [RETENTION_MONTHS]: 'retentionMonths',
  [SECURITY]: 'securityMeasures',
  [DPIA]: 'dpiaRequired',
};
/** The register assigns or computes these (reference, sensitive data, dates): read, not written. */
const ASSIGNED = [REFERENCE, SENSITIVE, CREATED, UPDATED, ARCHIVED_REASON, ARCHIVED_AT];

/** Lower case, accents removed, spaces collapsed: "CATÉGORIES  de données" = "categories de donnees". */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

export interface ColumnMap {
  /** column index of each heading the import reads (written ones and Statut) */
  index: Map<string, number>;
  /** the headings as written in the file, by the export's heading */
  written: Map<string, string>;
  ignored: string[];
  missing: string[];
}

export function mapColumns(headings: string[]): ColumnMap {
  const known = new Map([...Object.keys(WRITTEN), STATUS, ...ASSIGNED].map((h) => [normalise(h), h]));
  const index = new Map<string, number>();
  const written = new Map<string, string>();
  const ignored: string[] = [];
  headings.forEach((heading, i) => {
    if (heading === '') return;
    const canonical = known.get(normalise(heading));
    if (!canonical || index.has(canonical)) {
      ignored.push(heading);
      return;
    }
    index.set(canonical, i);
    written.set(canonical, heading);
  });
  return { index, written, ignored, missing: REQUIRED_HEADINGS.filter((h) => !index.has(h)) };
}

export interface RowError {
  column: string;
  message: string;
}

export interface CheckedRow {
  name: string | null;
  errors: RowError[];
  /** set when the row is valid */
  values: TreatmentValues | null;
}

const lookup = (table: Record<string, string>) => {
  const byText = new Map<string, string>();
  for (const [code, text] of Object.entries(table)) {
    byText.set(normalise(code), code);
    byText.set(normalise(text), code);
  }
  return byText;
};
const LEGAL_BASES = lookup(LEGAL_BASIS_LABELS);
const SUBJECT_CATEGORIES = lookup(SUBJECT_CATEGORY_LABELS);
const DATA_CATEGORIES = lookup(DATA_CATEGORY_LABELS);
const SAFEGUARDS = lookup(TRANSFER_SAFEGUARD_LABELS);
const ACTIVE = new Set(['', normalise(TREATMENT_STATUS_LABELS.ACTIVE), 'active']);
const ARCHIVED = new Set([normalise(TREATMENT_STATUS_LABELS.ARCHIVED), 'archived']);
const YES = new Set(['oui', 'o', 'vrai', 'true', '1', 'x', 'yes']);
const NO = new Set(['non', 'n', 'faux', 'false', '0', 'no']);

class CellError extends Error {}

const list = (cell: string): string[] =>
  cell
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const accepted = (table: Record<string, string>) =>
  `Valeurs acceptées : ${Object.values(table)
    .map((t) => `« ${t} »`)
    .join(', ')}.`;

function enumValue(byText: Map<string, string>, table: Record<string, string>, text: string): string {
  const code = byText.get(normalise(text));
  if (!code) throw new CellError(`Valeur inconnue : « ${text} ». ${accepted(table)}`);
  return code;
}

const TRANSFER_PARTS = /\s+[—–-]\s+/g;

/** The value of one written cell, as TreatmentInput receives it; CellError when it cannot be read. */
function readCell(field: Field, cell: string): unknown {
  const text = cell.trim();
  switch (field) {
    case 'name':
    case 'retention':
      return cell;
    case 'purposes':
    case 'recipients':
    case 'processors':
    case 'securityMeasures':
      return list(cell);
    case 'legalBasis':
      if (text === '') throw new CellError('Ce champ est obligatoire.');
      return enumValue(LEGAL_BASES, LEGAL_BASIS_LABELS, text);
    case 'subjectCategories':
      return list(cell).map((v) => enumValue(SUBJECT_CATEGORIES, SUBJECT_CATEGORY_LABELS, v));
    case 'dataCategories':
      return list(cell).map((v) => enumValue(DATA_CATEGORIES, DATA_CATEGORY_LABELS, v));
    case 'transfers':
      return list(cell).map((item) => {
        // pays — destinataire — garantie: the recipient is what lies between the first and last dash
        const dashes = [...item.matchAll(TRANSFER_PARTS)];
        if (dashes.length < 2) {
          throw new CellError(
            `Transfert « ${item} » : attendu sous la forme « Pays — Destinataire — Garantie ».`,
          );
        }
        const [first, last] = [dashes[0], dashes[dashes.length - 1]];
        return {
          country: item.slice(0, first.index),
          recipient: item.slice(first.index + first[0].length, last.index),
          safeguard: enumValue(
            SAFEGUARDS,
            TRANSFER_SAFEGUARD_LABELS,
            item.slice(last.index + last[0].length),
          ),
        };
      });
    case 'retentionMonths': {
      if (text === '') return null;
      const months = /^(\d{1,6})(?:[.,]0+)?(?:\s*mois)?$/i.exec(text);
      if (!months) throw new CellError('Nombre de mois entier attendu (ou cellule vide).');
      return Number(months[1]);
    }
    case 'dpiaRequired': {
      const answer = normalise(text);
      if (answer === '') return null;
      if (YES.has(answer)) return true;
      if (NO.has(answer)) return false;
      throw new CellError('« Oui » ou « Non » attendu.');
    }
  }
}

/** One data row, checked as createTreatment checks its input. */
export function checkRow(schoolId: string, columns: ColumnMap, cells: string[]): CheckedRow {
  const cellOf = (heading: string) => {
    const i = columns.index.get(heading);
    return i === undefined ? '' : (cells[i] ?? '');
  };
  const errors: RowError[] = [];
  const failed = new Set<string>();
  const plain: Record<string, unknown> = { schoolId };
  for (const [heading, field] of Object.entries(WRITTEN)) {
    if (!columns.index.has(heading)) continue;
    try {
      plain[field] = readCell(field, cellOf(heading));
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      errors.push({ column: columns.written.get(heading) as string, message: error.message });
      failed.add(field);
    }
  }
  const status = normalise(cellOf(STATUS));
  if (ARCHIVED.has(status)) {
    errors.push({
      column: columns.written.get(STATUS) as string,
      message:
        "Un traitement archivé ne s'importe pas : l'import crée des traitements actifs. Retirez la ligne ou videz la cellule.",
    });
  } else if (!ACTIVE.has(status)) {
    errors.push({
      column: columns.written.get(STATUS) as string,
      message: `Valeur inconnue : « ${cellOf(STATUS).trim()} ». ${accepted(TREATMENT_STATUS_LABELS)}`,
    });
  }

  const input = plainToInstance(TreatmentInput, plain);
  const invalid = fieldErrors(validateSync(input, { forbidUnknownValues: false }));
  const headingOf = new Map(Object.entries(WRITTEN).map(([heading, field]) => [field as string, heading]));
  for (const [path, message] of Object.entries(invalid)) {
    const field = path.split('.')[0];
    if (failed.has(field)) continue;
    const heading = headingOf.get(field);
    if (!heading) continue;
    failed.add(field);
    errors.push({ column: columns.written.get(heading) ?? heading, message: itemMessage(path, message) });
  }
  const name = cellOf(NAME).trim() || null;
  if (errors.length) return { name, errors, values: null };
  return {
    name,
    errors,
    values: {
      name: input.name,
      purposes: input.purposes,
      legalBasis: input.legalBasis,
      subjectCategories: input.subjectCategories,
      dataCategories: input.dataCategories,
      recipients: input.recipients ?? [],
      processors: input.processors ?? [],
      transfers: (input.transfers ?? []).map((t) => ({
        country: t.country,
        recipient: t.recipient,
        safeguard: t.safeguard,
      })),
      retention: input.retention,
      retentionMonths: input.retentionMonths ?? null,
      securityMeasures: input.securityMeasures ?? [],
      dpiaRequired: input.dpiaRequired ?? false,
    },
  };
}

/** "purposes.1" → "Élément 2 : …"; "transfers.0.country" → "Transfert 1, pays : …". */
function itemMessage(path: string, message: string): string {
  const [, index, part] = path.split('.');
  if (index === undefined) return message;
  const parts: Record<string, string> = { country: 'pays', recipient: 'destinataire', safeguard: 'garantie' };
  const item = `Élément ${Number(index) + 1}`;
  return part ? `${item}, ${parts[part] ?? part} : ${message}` : `${item} : ${message}`;
}
