import type { Response } from 'express';
import { AppConfig } from '@app/core';

/**
 * The browser's session: the same token as the bearer header, in a cookie no page script can read
 * (httpOnly), never sent by another site (SameSite=Strict), over HTTPS only in production.
 */
export const SESSION_COOKIE = 'registre_session';

export function setSessionCookie(res: Response, config: AppConfig, token: string, expiresAt: Date): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.NODE_ENV === 'production',
    path: '/',
    maxAge: Math.max(0, expiresAt.getTime() - Date.now()),
  });
}

export function clearSessionCookie(res: Response, config: AppConfig): void {
  res.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.NODE_ENV === 'production',
    path: '/',
  });
}

/** The session cookie's value in a Cookie header, or null. */
export function sessionCookie(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) {
      const value = part.slice(at + 1).trim();
      return value ? value : null;
    }
  }
  return null;
}
