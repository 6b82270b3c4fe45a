import { join, resolve } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  getMetadataStorage,
  validateSync,
} from 'class-validator';

const toInt = () =>
  Transform(({ value }: { value: unknown }) =>
    value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value,
  );
const toBool = () =>
  Transform(({ value }: { value: unknown }) => {
    if (value === undefined || value === '') return undefined;
    if (['true', '1', 'yes'].includes(String(value).toLowerCase())) return true;
    if (['false', '0', 'no'].includes(String(value).toLowerCase())) return false;
    return value;
  });
const emptyToUndefined = () =>
  Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

/**
 * Every environment variable the API reads, validated once at start (DESIGN.md, pattern 4).
 * The README lists them; the app refuses to start and names every bad one.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @toInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** PostgreSQL connection string; unset: an embedded PostgreSQL under DATA_DIR/pg. */
  @emptyToUndefined()
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = '.data';

  /** Port of the embedded PostgreSQL (the machine's own PostgreSQL usually holds 5432). */
  @toInt()
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  /** Signs the bearer tokens; unset: generated once and kept in DATA_DIR/jwt-secret. */
  @emptyToUndefined()
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must hold at least 32 characters' })
  JWT_SECRET?: string;

  @toInt()
  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS = 8 * 3600;

  /**
   * Keys the audit trail's hash chain (HMAC-SHA-256) and signs its checkpoints; kept outside the
   * database. Unset: generated once and kept in DATA_DIR/audit-hmac-key.
   */
  @emptyToUndefined()
  @IsOptional()
  @MinLength(32, { message: 'AUDIT_HMAC_KEY must hold at least 32 characters' })
  AUDIT_HMAC_KEY?: string;

  /**
   * Where the signed checkpoints of the audit chains' heads are appended (outside the database).
   * Unset: DATA_DIR/audit-checkpoints.
   */
  @emptyToUndefined()
  @IsOptional()
  @IsString()
  AUDIT_CHECKPOINT_DIR?: string;

  @emptyToUndefined()
  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @emptyToUndefined()
  @IsOptional()
  @MinLength(12, { message: 'ADMIN_PASSWORD must hold at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @IsString()
  @Matches(/^[A-Z0-9_-]+$/i)
  ADMIN_ACADEMY_CODE = 'TOULOUSE';

  /** argon2id memory cost in KiB; lower it only for tests. */
  @toInt()
  @IsInt()
  @Min(1024)
  ARGON2_MEMORY_KIB = 65536;

  /** Introspection and the GraphiQL page; default: on outside production. */
  @toBool()
  @IsOptional()
  @IsBoolean()
  GRAPHQL_INTROSPECTION?: boolean;

  /** Comma-separated origins allowed by CORS; empty: no cross-origin access. */
  @IsString()
  CORS_ORIGINS = '';

  /** Failed logins of one account from one address (IPv6: one /64) before its temporary lockout. */
  @toInt()
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  /**
   * Failed logins of one account from all addresses before its lockout everywhere: much higher
   * (NIST SP 800-63B: at most 100 consecutive failures), so that nobody locks the DPD out cheaply.
   */
  @toInt()
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 100;

  /** Failed logins from one address (IPv6: one /64) before its lockout; default: 4 × LOGIN_MAX_FAILURES. */
  @toInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ADDRESS?: number;

  /** The window in which failures are counted, and the length of the lockout. */
  @toInt()
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_SECONDS = 900;

  /** Deepest field nesting a GraphQL operation may ask for. */
  @toInt()
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_DEPTH = 10;

  /** Highest estimated cost of an operation: 1 per field, times the page size (first) under a list. */
  @toInt()
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_COST = 10000;

  /** Most aliased fields in one operation (aliases multiply work without making the query deeper). */
  @toInt()
  @IsInt()
  @Min(0)
  GRAPHQL_MAX_ALIASES = 20;

  /**
   * API processes (node:cluster workers sharing PORT): one per core uses every core for the API's
   * JavaScript. 1: a single process, no cluster.
   */
  @toInt()
  @IsInt()
  @Min(1)
  @Max(64)
  API_WORKERS = 1;

  @toBool()
  @IsBoolean()
  LOG_SQL = false;

  /**
   * Which proxies' X-Forwarded-For is believed (Express "trust proxy"): the client's address feeds
   * the per-address login lockout. Default: a proxy on the same machine only.
   */
  @IsString()
  TRUST_PROXY = 'loopback';

  /** The SMTP server for notifications (smtp://user:pass@host:587, smtps://…); unset: kept in the app only. */
  @emptyToUndefined()
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  /** The sender of notification e-mails. */
  @IsString()
  MAIL_FROM = 'Registre RGPD <no-reply@registre-rgpd.local>';

  /** The web application's address, for the links in e-mails; default http://localhost:PORT. */
  @emptyToUndefined()
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must be an http(s) address' })
  PUBLIC_URL?: string;

  /** How often each API process looks for reminders and digests that are due; 0: never (this process). */
  @toInt()
  @IsInt()
  @Min(0)
  SCHEDULER_INTERVAL_SECONDS = 60;

  /** First delay before a failed mail is tried again; it doubles at each retry (MAIL_RETRY_LIMIT retries). */
  @toInt()
  @IsInt()
  @Min(1)
  MAIL_RETRY_DELAY_SECONDS = 30;

  /** Retries after the first attempt: 7 retries from 30 s span more than an hour. */
  @toInt()
  @IsInt()
  @Min(4)
  MAIL_RETRY_LIMIT = 7;

  /** Mails each API process sends at once. */
  @toInt()
  @IsInt()
  @Min(1)
  @Max(50)
  MAIL_CONCURRENCY = 4;

  /** When each DPD gets its weekly digest: ISO weekday (1 = Monday) and hour, Europe/Paris. */
  @Matches(/^[1-7] ([01]\d|2[0-3]):[0-5]\d$/, { message: 'WEEKLY_DIGEST_AT must look like "1 07:00"' })
  WEEKLY_DIGEST_AT = '1 07:00';

  /** pino level (fatal, error, warn, info, debug, trace, silent); default: info, silent under NODE_ENV=test. */
  @emptyToUndefined()
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

  /** One log line per HTTP request (docs/operations.md); false: only the application's own lines. */
  @toBool()
  @IsBoolean()
  LOG_REQUESTS = true;

  /** GET /metrics and the request histograms; false: neither (the route answers 404). */
  @toBool()
  @IsBoolean()
  METRICS = true;

  /**
   * Addresses (comma-separated, CIDR or single) allowed to read GET /metrics, matched against the
   * connection's own address (never X-Forwarded-For). Default: loopback only.
   */
  @IsString()
  @Matches(/^\s*[0-9a-f:.]+(\/\d{1,3})?\s*(,\s*[0-9a-f:.]+(\/\d{1,3})?\s*)*$/i, {
    message: 'METRICS_ALLOW must be a comma-separated list of addresses or CIDR ranges',
  })
  METRICS_ALLOW = '127.0.0.0/8,::1/128';

  /**
   * Login through the académie's identity provider (OpenID Connect, docs/security.md): its issuer
   * (discovery at ISSUER/.well-known/openid-configuration), this application's client id and
   * secret there. The three go together: all set (SSO on) or none (no SSO).
   */
  @emptyToUndefined()
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'OIDC_ISSUER_URL doit être une adresse http(s)' })
  OIDC_ISSUER_URL?: string;

  @emptyToUndefined()
  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  @emptyToUndefined()
  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  /** The scopes asked for, space-separated; openid is required. */
  @Matches(/(^|\s)openid(\s|$)/, { message: 'OIDC_SCOPES doit contenir openid' })
  OIDC_SCOPES = 'openid email profile';

  /** The claim holding the user's e-mail address (matched against the accounts' addresses). */
  @Matches(/^[A-Za-z0-9_:.-]+$/, { message: 'OIDC_EMAIL_CLAIM doit être un nom de claim (ex. email)' })
  OIDC_EMAIL_CLAIM = 'email';

  /** false: the password login is refused to everyone but ADMIN accounts (needs the OIDC_* group). */
  @toBool()
  @IsBoolean()
  LOCAL_LOGIN = true;

  /** On SIGTERM, how long requests in flight may take to finish before their connections are cut. */
  @toInt()
  @IsInt()
  @Min(0)
  @Max(3600)
  SHUTDOWN_GRACE_SECONDS = 20;
}

export type AppConfig = Readonly<EnvironmentVariables> & {
  readonly introspection: boolean;
  readonly jwtSecret: string;
  /** AUDIT_HMAC_KEY, or the one kept in DATA_DIR */
  readonly auditHmacKey: string;
  /** AUDIT_CHECKPOINT_DIR, or DATA_DIR/audit-checkpoints, absolute */
  readonly auditCheckpointDir: string;
  /** PUBLIC_URL without its trailing slash, or http://localhost:PORT */
  readonly publicUrl: string;
  /** the OpenID Connect login, when OIDC_ISSUER_URL and its group are set */
  readonly oidc: OidcSettings | null;
};

export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: string;
  readonly emailClaim: string;
  /** PUBLIC_URL/auth/oidc/callback, registered at the provider */
  readonly redirectUri: string;
  /** where the provider sends the browser back after its logout: PUBLIC_URL/connexion */
  readonly postLogoutRedirectUri: string;
}

export class ConfigError extends Error {}

/**
 * The variables the API reads: the validated class is its own key list. Every property carries a
 * class-validator decorator (at least @IsOptional), whose metadata names it; a property without one
 * would be dropped by `whitelist` anyway.
 */
export function environmentKeys(): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(EnvironmentVariables, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/** Validates the environment; throws one error naming every bad variable. */
export function loadEnvironment(env: Record<string, string | undefined> = process.env): EnvironmentVariables {
  const picked = Object.fromEntries(
    environmentKeys()
      .map((key) => [key, env[key]])
      .filter(([, v]) => v !== undefined),
  );
  const config = plainToInstance(EnvironmentVariables, picked);
  const errors = validateSync(config, { whitelist: true });
  const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  lines.push(...oidcGroupErrors(config));
  if (lines.length) throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  return config;
}

const OIDC_GROUP = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** The OIDC variables hold together: all three or none; LOCAL_LOGIN=false needs them; https in production. */
function oidcGroupErrors(env: EnvironmentVariables): string[] {
  const set = OIDC_GROUP.filter((key) => env[key] !== undefined);
  const missing = OIDC_GROUP.filter((key) => env[key] === undefined);
  const errors: string[] = [];
  if (set.length && missing.length) {
    errors.push(
      `  ${missing.join(', ')}: la connexion par le compte académique demande ${OIDC_GROUP.join(', ')} ` +
        `ensemble ; ${set.join(', ')} ${set.length > 1 ? 'sont renseignées' : 'est renseignée'}, ` +
        `${missing.join(', ')} ${missing.length > 1 ? 'manquent' : 'manque'} (ou retirez-les toutes)`,
    );
  }
  if (!env.LOCAL_LOGIN && set.length === 0) {
    errors.push(
      '  LOCAL_LOGIN: false ne laisse que la connexion par le compte académique, qui demande ' +
        `${OIDC_GROUP.join(', ')}`,
    );
  }
  if (env.NODE_ENV === 'production' && env.OIDC_ISSUER_URL?.startsWith('http://')) {
    errors.push('  OIDC_ISSUER_URL: en production, le fournisseur d’identité est joint en https');
  }
  return errors;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The configuration with its secrets (see persistentSecret: environment, else kept in DATA_DIR). */
export function toAppConfig(env: EnvironmentVariables, jwtSecret: string, auditHmacKey: string): AppConfig {
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  const oidc: OidcSettings | null =
    env.OIDC_ISSUER_URL && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
      ? Object.freeze({
          issuer: env.OIDC_ISSUER_URL,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET,
          scopes: env.OIDC_SCOPES.trim().split(/\s+/).join(' '),
          emailClaim: env.OIDC_EMAIL_CLAIM,
          redirectUri: `${publicUrl}/auth/oidc/callback`,
          postLogoutRedirectUri: `${publicUrl}/connexion`,
        })
      : null;
  return Object.freeze(
    Object.assign(Object.create(EnvironmentVariables.prototype) as EnvironmentVariables, env, {
      introspection: env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV !== 'production',
      jwtSecret,
      auditHmacKey,
      auditCheckpointDir: resolve(env.AUDIT_CHECKPOINT_DIR ?? join(env.DATA_DIR, 'audit-checkpoints')),
      publicUrl,
      oidc,
    }),
  );
}
