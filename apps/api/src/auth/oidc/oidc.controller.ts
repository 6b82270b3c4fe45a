import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@app/core';
import { LoginFailureReason, securityEvent } from '../../common/security-events';
import { Public } from '../auth.decorators';
import { setSessionCookie } from '../session-cookie';
import { OidcService, TRANSACTION_SECONDS } from './oidc.service';

/**
 * The login in progress (state, nonce, PKCE verifier), signed, kept by the browser between
 * GET /auth/oidc/login and the callback. SameSite=Lax, not Strict: the callback is a navigation
 * coming from the provider's site, which a Strict cookie would not follow. Sent to /auth/oidc only.
 */
export const TRANSACTION_COOKIE = 'registre_oidc';
const TRANSACTION_PATH = '/auth/oidc';

export const ACCOUNT_NOT_OPEN =
  "Votre compte n'est pas ouvert dans le registre : demandez-le à votre chef d'établissement";

/** The French page a refused login ends on, by reason: its status, title and text. */
function refusalPage(reason: LoginFailureReason): { status: number; title: string; text: string } {
  switch (reason) {
    case 'unknown_account':
    case 'inactive_account':
      return { status: 403, title: 'Compte non ouvert', text: `${ACCOUNT_NOT_OPEN}.` };
    case 'email_missing':
    case 'email_unverified':
      return {
        status: 403,
        title: 'Adresse électronique non reconnue',
        text: "Votre compte académique ne transmet pas d'adresse électronique vérifiée : le registre ne peut pas vous reconnaître. Contactez l'assistance de votre académie.",
      };
    case 'provider_unavailable':
      return {
        status: 503,
        title: 'Connexion académique indisponible',
        text: "Le service d'authentification de l'académie ne répond pas : réessayez dans quelques minutes.",
      };
    case 'provider_error':
      return {
        status: 400,
        title: 'Connexion interrompue',
        text: "La connexion avec votre compte académique n'a pas abouti (annulée ou refusée par le service d'authentification).",
      };
    default:
      return {
        status: 400,
        title: 'Connexion refusée',
        text: "La réponse du service d'authentification de l'académie n'a pas pu être vérifiée, ou la connexion a expiré : recommencez depuis la page de connexion.",
      };
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A small French page of its own, in the DSFR's style when the web app is built (its stylesheet
 * is one of the web app's files; without it, the page is plain but whole); no script.
 */
function sendPage(res: Response, status: number, title: string, text: string): void {
  res
    .status(status)
    .type('html')
    .setHeader('Cache-Control', 'no-store')
    .send(
      `<!doctype html>
<html lang="fr" data-fr-scheme="light">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/dsfr/dsfr.min.css">
<title>${escapeHtml(title)} — Registre RGPD</title></head>
<body>
<main class="fr-container fr-my-8w">
<h1>${escapeHtml(title)}</h1>
<div class="fr-alert fr-alert--${status >= 500 ? 'info' : 'error'} fr-mb-4w"><p>${escapeHtml(text)}</p></div>
<p><a class="fr-link" href="/connexion">Retour à la page de connexion</a></p>
</main>
</body>
</html>
`,
    );
}

/**
 * GET /auth/oidc/login and GET /auth/oidc/callback, the login through the académie's identity
 * provider (oidc.service.ts). Public to the guard: the browser comes without a session, and the
 * callback authenticates through the provider. Both answer 404 when SSO is not configured.
 */
@Public()
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.settings) return sendPage(res, 404, 'Page introuvable', 'Aucune connexion académique.');
    let started: { url: string; transaction: string };
    try {
      started = await this.oidc.start();
    } catch {
      securityEvent(
        { event: 'login.failure', method: 'sso', reason: 'provider_unavailable' },
        { address: req.ip ?? 'unknown' },
      );
      const page = refusalPage('provider_unavailable');
      return sendPage(res, page.status, page.title, page.text);
    }
    res.cookie(TRANSACTION_COOKIE, started.transaction, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.NODE_ENV === 'production',
      path: TRANSACTION_PATH,
      maxAge: TRANSACTION_SECONDS * 1000,
    });
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, started.url);
  }

  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const settings = this.oidc.settings;
    if (!settings) return sendPage(res, 404, 'Page introuvable', 'Aucune connexion académique.');
    // the address the provider sent the browser to: the registered redirect URI and the answer's query
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const callbackUrl = new URL(`${settings.redirectUri}${query}`);
    const outcome = await this.oidc.finish(
      callbackUrl,
      transactionCookie(req.headers.cookie),
      req.ip ?? 'unknown',
    );
    // a transaction serves once, whatever the outcome
    res.clearCookie(TRANSACTION_COOKIE, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.NODE_ENV === 'production',
      path: TRANSACTION_PATH,
    });
    if (!outcome.ok) {
      const page = refusalPage(outcome.reason);
      return sendPage(res, page.status, page.title, page.text);
    }
    setSessionCookie(res, this.config, outcome.token, outcome.expiresAt);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, '/');
  }
}

function transactionCookie(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === TRANSACTION_COOKIE) return part.slice(at + 1).trim() || null;
  }
  return null;
}
