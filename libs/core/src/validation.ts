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
import { isValidUai, UAI_MESSAGE } from '../../rules/src/uai';
import { DomainError, FieldErrors } from './errors';

/**
 * Input rules of RULES.md ("Validation") as decorators with French messages, so a DTO reads as the rule.
 * Strings are trimmed; an optional text that is empty after trimming becomes null.
 */
export const SHORT_TEXT = 200;
export const LONG_TEXT = 5000;
export const PASSWORD_MIN_LENGTH = 12;

export { isValidUai, uaiFor } from '../../rules/src/uai';

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

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id the database could hold; anything else names nothing. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
