import { Logger } from '@nestjs/common';

/**
 * The security events (docs/operations.md, "Security events"): each is one log line carrying
 * `security: true`, so that the log pipeline can keep them apart (and longer), and each feeds the
 * metrics that count them. Only identifiers go in: never an e-mail address, a password or a token.
 */
export type SecurityEvent =
  | { event: 'login.success'; userId: string; method: LoginMethod }
  | {
      event: 'login.failure';
      method: LoginMethod;
      reason: LoginFailureReason;
      /** the account, when the failure is about a known one (never the e-mail typed or claimed) */
      userId?: string;
      /** SSO: the provider's subject (`sub`), when its answer was valid */
      subject?: string;
      /** SSO: the provider's error code or openid-client's check that failed */
      detail?: string;
    }
  /** an account or an address reached its limit of failures and is now locked */
  | { event: 'login.lockout'; key: 'account-address' | 'account' | 'address' }
  /** an attempt refused because its account or address is locked */
  | { event: 'login.refused' }
  | { event: 'tenant_isolation.refused'; userId: string; entityType: string; entityId: string }
  | { event: 'audit.verification_failed'; userId: string; firstBrokenEventId: string | null };

/** How the user logged in: the password form, or the académie's identity provider (OpenID Connect). */
export type LoginMethod = 'password' | 'sso';

/**
 * Why a login failed:
 * - `invalid_credentials`: unknown address, wrong password or deactivated account (one answer);
 * - `local_login_disabled`: the right password of a non-ADMIN account while LOCAL_LOGIN=false;
 * - `unknown_account`, `inactive_account`: the provider's address names no account, or a deactivated one;
 * - `email_missing`, `email_unverified`: no e-mail claim, or one the provider says is not verified;
 * - `invalid_response`: the provider's answer failed a check (state, code, nonce, audience, signature…);
 * - `provider_error`: the provider answered an error (the user cancelled, access denied…);
 * - `no_transaction`: a callback without the login it answers (expired, or another browser's);
 * - `provider_unavailable`: the provider could not be reached.
 */
export type LoginFailureReason =
  | 'invalid_credentials'
  | 'local_login_disabled'
  | 'unknown_account'
  | 'inactive_account'
  | 'email_missing'
  | 'email_unverified'
  | 'invalid_response'
  | 'provider_error'
  | 'no_transaction'
  | 'provider_unavailable';

type Listener = (event: SecurityEvent) => void;

const listeners = new Set<Listener>();
const logger = new Logger('Security');

const MESSAGES: Record<SecurityEvent['event'], string> = {
  'login.success': 'login succeeded',
  'login.failure': 'login failed',
  'login.lockout': 'login lockout',
  'login.refused': 'login refused: locked out',
  'tenant_isolation.refused': 'tenant isolation: data outside the caller’s scope refused',
  'audit.verification_failed': 'audit trail verification failed',
};

/**
 * Logs the event and tells the listeners. Levels: error for a tenant-isolation refusal (a bug that
 * reached data), warn for a broken audit trail, info for the logins (failures and lockouts are
 * ordinary: `security: true` is what sets them apart, and the alert rules count them).
 */
export function securityEvent(
  event: SecurityEvent,
  options: { address?: string; message?: string } = {},
): void {
  const message = options.message ?? MESSAGES[event.event];
  const line = {
    security: true,
    ...event,
    ...(options.address ? { address: options.address } : {}),
    msg: message,
  };
  // the line's fields for pino (and Nest's console logger, which prints it as JSON), its message as text
  Object.defineProperty(line, 'toString', { value: () => message, enumerable: false });
  if (event.event === 'tenant_isolation.refused') logger.error(line);
  else if (event.event === 'audit.verification_failed') logger.warn(line);
  else logger.log(line);
  for (const listener of listeners) listener(event);
}

/** Listens to every security event (the metrics); returns the function that stops listening. */
export function onSecurityEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
