import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  isEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidationError,
  registerDecorator,
} from 'class-validator';
import { isValidUai, UAI_MESSAGE } from '@app/rules/uai';
import { DomainError, FieldErrors } from './errors';

/**
 * Input rules of RULES.md ("Validation") as decorators with French messages, so a DTO reads as the rule.
 * Strings are trimmed; an optional text that is empty after trimming becomes null.
 */
export const SHORT_TEXT = 200;
export const LONG_TEXT = 5000;
export const PASSWORD_MIN_LENGTH = 12;

export { isValidUai, uaiFor } from '@app/rules/uai';

const trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const trimToNull = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  });
const trimEach = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value,
  );

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

/** A field that may be omitted but never set to null (patch of a required value). */
const presentUnlessOmitted = () => ValidateIf((object: object, value: unknown) => value !== undefined);

/**
 * PostgreSQL text cannot hold the NUL character (U+0000): a text carrying one is refused as input,
 * field by field, instead of failing in SQL. Any other character is kept as typed.
 */
export const hasNulCharacter = (value: unknown): boolean =>
  typeof value === 'string' && value.includes('\u0000');
const noNulCharacter =
  (each = false): PropertyDecorator =>
  (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'noNulCharacter',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { each, message: 'Le caractère nul (U+0000) n’est pas accepté.' },
      validator: { validate: (value: unknown) => !hasNulCharacter(value) },
    });

/**
 * Characters no name, title or list item holds: C0 and C1 controls (line breaks and tabs included;
 * NUL has its own message above), the line and paragraph separators, and the bidirectional
 * overrides and isolates that make a text display other than it reads (U+202A–202E, U+2066–2069).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const NAME_FORBIDDEN = /[\u0001-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** The same in free texts (descriptions, comments), where line breaks and tabs are kept. */
const FREE_TEXT_FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** Characters that show nothing: spaces, format characters (zero-width…), fillers, blank Braille. */
const INVISIBLE = /^[\p{White_Space}\p{Cf}\u115f\u1160\u3164\uffa0\u2800]*$/u;

/** A free text (LONG_TEXT) may hold line breaks; a short one (a name, a title) may not. */
const isFreeText = (max: number) => max > SHORT_TEXT;

/**
 * Refuses control characters (line breaks too, unless `lineBreaks`: free texts) and a text made
 * only of invisible characters (which trimming does not remove: zero-width spaces…).
 */
const printableText =
  (lineBreaks: boolean, each = false): PropertyDecorator =>
  (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'printableText',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        each,
        message: ({ value }: { value: unknown }) =>
          typeof value === 'string' && !(lineBreaks ? FREE_TEXT_FORBIDDEN : NAME_FORBIDDEN).test(value)
            ? 'Le texte ne contient aucun caractère visible.'
            : lineBreaks
              ? 'Caractère de contrôle non accepté.'
              : 'Caractère de contrôle non accepté (pas de retour à la ligne dans ce champ).',
      },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value === '') return true; // left to the other rules
          if ((lineBreaks ? FREE_TEXT_FORBIDDEN : NAME_FORBIDDEN).test(value)) return false;
          return !INVISIBLE.test(value);
        },
      },
    });

const requiredMessage = 'Ce champ est obligatoire.';
const maxMessage = (max: number) => `${max} caractères au maximum.`;

/** Required text: trimmed, not empty, at most `max` characters. In a patch (`optional`), may be omitted. */
export function RequiredText(max = SHORT_TEXT, options: { optional?: boolean } = {}): PropertyDecorator {
  return compose(
    trim(),
    ...(options.optional ? [presentUnlessOmitted()] : []),
    IsString({ message: requiredMessage }),
    IsNotEmpty({ message: requiredMessage }),
    MaxLength(max, { message: maxMessage(max) }),
    noNulCharacter(),
    printableText(isFreeText(max)),
  );
}

/** Optional text: trimmed, empty means null, at most `max` characters. */
export function OptionalText(max = SHORT_TEXT): PropertyDecorator {
  return compose(
    trimToNull(),
    IsOptional(),
    IsString({ message: 'Texte attendu.' }),
    MaxLength(max, { message: maxMessage(max) }),
    noNulCharacter(),
    printableText(isFreeText(max)),
  );
}

/** A list of texts, each trimmed, non-empty and at most `max` characters; no duplicates. */
export function TextList(
  max = SHORT_TEXT,
  options: { min?: number; optional?: boolean; maxItems?: number } = {},
): PropertyDecorator {
  const decorators = [
    trimEach(),
    options.optional ? presentUnlessOmitted() : IsNotEmpty({ message: requiredMessage }),
    IsArray({ message: 'Liste attendue.' }),
    IsString({ each: true, message: 'Chaque élément doit être un texte.' }),
    IsNotEmpty({ each: true, message: 'Un élément de la liste est vide.' }),
    MaxLength(max, { each: true, message: `Chaque élément : ${maxMessage(max)}` }),
    noNulCharacter(true),
    printableText(isFreeText(max), true),
    ArrayUnique({ message: 'La liste contient des doublons.' }),
    ArrayMaxSize(options.maxItems ?? 100, { message: `${options.maxItems ?? 100} éléments au maximum.` }),
  ];
  if (options.min) {
    decorators.push(ArrayMinSize(options.min, { message: `Au moins ${options.min} élément(s).` }));
  }
  return compose(...decorators);
}

/** A list of enum values without duplicates (GraphQL already checks each value). */
export function EnumList(
  values: Record<string, string>,
  options: { min?: number; optional?: boolean } = {},
): PropertyDecorator {
  const decorators = [
    options.optional ? presentUnlessOmitted() : IsNotEmpty({ message: requiredMessage }),
    IsArray({ message: 'Liste attendue.' }),
    IsIn(Object.values(values), { each: true, message: 'Valeur inconnue.' }),
    ArrayUnique({ message: 'La liste contient des doublons.' }),
  ];
  if (options.min) {
    decorators.push(ArrayMinSize(options.min, { message: `Choisissez au moins ${options.min} valeur(s).` }));
  }
  return compose(...decorators);
}

/** A count of people or records: a whole number ≥ 0, optional. */
export function OptionalCount(): PropertyDecorator {
  return compose(
    IsOptional(),
    IsInt({ message: 'Nombre entier attendu.' }),
    Min(0, { message: 'Le nombre doit être positif ou nul.' }),
  );
}

/** Months of retention: 0–1200, null when unknown. */
export function RetentionMonths(): PropertyDecorator {
  return compose(
    IsOptional(),
    IsInt({ message: 'Nombre de mois entier attendu.' }),
    Min(0, { message: 'La durée doit être positive ou nulle.' }),
    Max(1200, { message: '1200 mois au maximum.' }),
  );
}

/** A required boolean, or in a patch one that may be omitted but not set to null. */
export function RequiredBoolean(options: { optional?: boolean } = {}): PropertyDecorator {
  return compose(
    ...(options.optional ? [presentUnlessOmitted()] : []),
    IsBoolean({ message: requiredMessage }),
  );
}

/** A required enum value in a patch: may be omitted, not set to null. */
export function PatchEnum(values: Record<string, string>): PropertyDecorator {
  return compose(presentUnlessOmitted(), IsIn(Object.values(values), { message: 'Valeur inconnue.' }));
}

export function OptionalUrl(): PropertyDecorator {
  return compose(
    trimToNull(),
    IsOptional(),
    MaxLength(2000, { message: maxMessage(2000) }),
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
      { message: 'Adresse web invalide : http:// ou https:// attendu.' },
    ),
  );
}

/** Unpaired UTF-16 surrogates: text no client types, which validator's isEmail cannot even read (URIError). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const emailAddress = (): PropertyDecorator => (target: object, propertyName: string | symbol) =>
  registerDecorator({
    name: 'isEmail',
    target: target.constructor,
    propertyName: propertyName as string,
    options: { message: 'Adresse électronique invalide.' },
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && !LONE_SURROGATE.test(value) && isEmail(value),
    },
  });

export function EmailAddress(options: { optional?: boolean } = {}): PropertyDecorator {
  return compose(
    options.optional ? trimToNull() : trim(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value)),
    ...(options.optional ? [IsOptional()] : [IsNotEmpty({ message: requiredMessage })]),
    MaxLength(SHORT_TEXT, { message: maxMessage(SHORT_TEXT) }),
    emailAddress(),
  );
}

export function Password(): PropertyDecorator {
  return compose(
    IsString({ message: requiredMessage }),
    MinLength(PASSWORD_MIN_LENGTH, {
      message: `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`,
    }),
    MaxLength(256, { message: maxMessage(256) }),
  );
}

export function Uai(): PropertyDecorator {
  return compose(
    trim(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value)),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isUai',
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: UAI_MESSAGE },
        validator: { validate: (value: unknown) => isValidUai(value) },
      }),
  );
}

export function Id(options: { optional?: boolean } = {}): PropertyDecorator {
  return compose(
    ...(options.optional ? [IsOptional()] : []),
    IsUUID('all', { message: 'Identifiant invalide.' }),
  );
}

export function Code(): PropertyDecorator {
  return compose(
    trim(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value)),
    IsNotEmpty({ message: requiredMessage }),
    MaxLength(50, { message: maxMessage(50) }),
    Matches(/^[A-Z0-9_-]+$/, { message: 'Lettres, chiffres, tirets et soulignés seulement.' }),
  );
}

/** class-validator errors → `{ "grants.0.schoolId": "message" }`. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      fields[path] = Object.values(error.constraints)[0];
    }
    if (error.children?.length) Object.assign(fields, fieldErrors(error.children, path));
  }
  return fields;
}

export function validationFailed(errors: ValidationError[]): DomainError {
  return new DomainError(
    'BAD_USER_INPUT',
    'Saisie invalide : vérifiez les champs signalés.',
    fieldErrors(errors),
  );
}

/**
 * ISO 8601 as clients send it: a date (`2026-02-01`, midnight UTC), or a date and time with optional
 * seconds and fraction, and an offset (`Z`, `+02:00`; none: the server's local time, as before).
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An impossible date, as parseDateTime turns it into an invalid Date. */
export const INVALID_DATE_MESSAGE =
  'Date invalide : ce jour n’existe pas, ou l’année n’est pas comprise entre 1 et 9999.';

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The instant a DateTime input names, or an invalid Date (refused as BAD_USER_INPUT on its field by
 * the input's IsDate): years 1 to 9999 only (no year 0, no negative or six-digit year), and a day,
 * hour, minute and second that exist: 2026-02-30 or 24:00 are refused, where `new Date` would
 * silently roll them into the next month or day.
 */
export function parseDateTime(value: unknown): Date {
  const invalid = new Date(Number.NaN);
  if (value instanceof Date) return value;
  if (typeof value !== 'string') return invalid;
  const match = ISO_DATE_TIME.exec(value.trim());
  if (!match) return invalid;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1, 7)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const offset = match[7];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return invalid;
  if (hour > 23 || minute > 59 || second > 59) return invalid;
  if (offset && !/^z$/i.test(offset)) {
    const [, hours, minutes] = /^[+-](\d{2}):?(\d{2})$/.exec(offset)!.map(Number);
    if (hours > 23 || minutes > 59) return invalid;
  }
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? invalid : date;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id the database could hold; anything else names nothing. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
