import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A secret kept outside the database: `configured` when set (an environment variable); otherwise
 * the one in `dataDir/fileName`, generated at first use (48 random bytes, base64url, mode 0600).
 * The JWT secret (jwt-secret) and the audit trail's HMAC key (audit-hmac-key) are kept this way.
 */
export function persistentSecret(dataDir: string, fileName: string, configured?: string): string {
  if (configured) return configured;
  const file = join(resolve(dataDir), fileName);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(resolve(dataDir), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // 'wx': two processes starting at once never overwrite each other's secret
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
  return secret;
}

export const JWT_SECRET_FILE = 'jwt-secret';
export const AUDIT_HMAC_KEY_FILE = 'audit-hmac-key';
