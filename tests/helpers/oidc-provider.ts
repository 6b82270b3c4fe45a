import { ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A client registered at the test provider (its OpenID Connect metadata). */
export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
}

export interface TestProvider {
  issuer: string;
  /** the claims of the account whose login is `id` (typed in the provider's login page) */
  account(id: string, claims: Record<string, unknown>): Promise<void>;
  /** the next ID token the provider hands out carries these claims instead (signed with its own key) */
  tamperNextIdToken(claims: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * How long the child may take to listen: it loads oidc-provider and generates an RSA key, about
 * 0.3 s here (under 1 s with both cores busy), yet it once went past 20 s in CI without saying where.
 * It now reports each stage it reaches; a start that times out says the last one, and is tried once
 * more with a fresh child (the provider is the tests' scaffolding, not what they test).
 */
const READY_TIMEOUT_MS = 45_000;

/** For the beforeAll that starts a provider: two tries, and the app's own start after them. */
export const PROVIDER_SETUP_TIMEOUT_MS = 2 * READY_TIMEOUT_MS + 30_000;

/**
 * A real OpenID provider (npm oidc-provider, ES modules) in a child process on a free loopback
 * port: tests/helpers/oidc-provider.mjs says what it does.
 */
export async function startTestProvider(clients: TestClient[]): Promise<TestProvider> {
  try {
    return await startChild(clients);
  } catch (error) {
    process.stderr.write(
      `the test provider did not start, trying a fresh one: ${(error as Error).message}\n`,
    );
    return startChild(clients);
  }
}

async function startChild(clients: TestClient[]): Promise<TestProvider> {
  const started = Date.now();
  const child: ChildProcess = fork(join(__dirname, 'oidc-provider.mjs'), [JSON.stringify(clients)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  const stages: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A provider that never says it is ready must not keep the test run alive (its IPC channel would
  // hold Jest open after the suite's timeout): killed, and the start fails with what it printed.
  const issuer = await new Promise<string>((ready, failed) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      const reached = stages.length ? stages.join(', ') : 'none (its modules were still loading)';
      failed(
        new Error(
          `not ready after ${READY_TIMEOUT_MS} ms; stages reached: ${reached}; it printed: ${stderr}`,
        ),
      );
    }, READY_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      failed(new Error(`the test provider exited (${code}): ${stderr}`));
    });
    child.on('message', (message: { type: string; issuer?: string; stage?: string }) => {
      if (message.type === 'stage') stages.push(`${message.stage} at ${Date.now() - started} ms`);
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      ready(message.issuer as string);
    });
  });
  let seq = 0;
  const send = (message: Record<string, unknown>) =>
    new Promise<void>((acked) => {
      const mine = ++seq;
      const onMessage = (reply: { type: string; seq?: number }) => {
        if (reply.type !== 'ack' || reply.seq !== mine) return;
        child.off('message', onMessage);
        acked();
      };
      child.on('message', onMessage);
      child.send({ ...message, seq: mine });
    });
  return {
    issuer,
    account: (id, claims) => send({ type: 'account', id, claims }),
    tamperNextIdToken: (claims) => send({ type: 'tamper', claims }),
    stop: () =>
      new Promise<void>((stopped) => {
        if (child.exitCode !== null) return stopped();
        child.removeAllListeners('exit');
        child.once('exit', () => stopped());
        child.kill('SIGTERM');
      }),
  };
}

/** A free loopback port (for an app whose PUBLIC_URL must be known before it listens). */
export function freePort(): Promise<number> {
  return new Promise((found, failed) => {
    const server = createServer();
    server.once('error', failed);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => found(port));
    });
  });
}

export interface Hop {
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

/**
 * What a browser does with cookies and redirects, over real HTTP (fetch, redirects by hand): cookies
 * kept per host and port and sent back by path, the redirects followed until `stopAt` says so.
 * No JavaScript: the provider's login page is a plain form, submitted with `submitLogin`.
 */
export class CookieBrowser {
  /** host:port → name → { value, path } */
  private readonly jar = new Map<string, Map<string, { value: string; path: string }>>();

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name)?.value;
  }

  setCookie(url: string, name: string, value: string, path = '/'): void {
    const host = new URL(url).host;
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    this.jar.get(host)!.set(name, { value, path });
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Hop> {
    const target = new URL(url);
    const cookies = [...(this.jar.get(target.host) ?? new Map()).entries()]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const headers: Record<string, string> = { accept: 'text/html' };
    if (cookies) headers.cookie = cookies;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) this.store(target, line);
    return { url, status: res.status, headers: res.headers, body: await res.text() };
  }

  /** Follows redirects from `url`; stops before a URL `stopAt` accepts (answered as its URL), or at a page. */
  async follow(url: string, stopAt: (url: string) => boolean = () => false): Promise<Hop> {
    let hop: Hop = await this.request(url);
    for (let hops = 0; hop.status >= 300 && hop.status < 400; hops++) {
      if (hops > 20) throw new Error(`too many redirects from ${url}`);
      const next = new URL(hop.headers.get('location') as string, hop.url).href;
      if (stopAt(next)) return { ...hop, url: next };
      hop = await this.request(next);
    }
    return hop;
  }

  private store(target: URL, line: string): void {
    const [pair, ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    const path = attributes.map((a) => /^\s*path=(.*)$/i.exec(a)?.[1]).find(Boolean) ?? '/';
    const expired = attributes.some(
      (a) => /^\s*max-age=0\s*$/i.test(a) || /expires=thu, 01 jan 1970/i.test(a),
    );
    if (!this.jar.has(target.host)) this.jar.set(target.host, new Map());
    if (expired || value === '') this.jar.get(target.host)!.delete(name);
    else this.jar.get(target.host)!.set(name, { value, path });
  }
}

/**
 * Through the provider's login page (its devInteractions form: any login, any password) from its
 * authorization URL; answers the URL the provider sends the browser back to (the callback, not visited).
 */
export async function loginAtProvider(
  browser: CookieBrowser,
  authorizationUrl: string,
  login: string,
): Promise<string> {
  const page = await browser.follow(authorizationUrl);
  const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1];
  if (page.status !== 200 || !action)
    throw new Error(`no login form at the provider (${page.status}): ${page.body}`);
  const submitted = await browser.request(new URL(action.replace(/&amp;/g, '&'), page.url).href, {
    method: 'POST',
    form: { prompt: 'login', login, password: 'peu-importe' },
  });
  const issuer = new URL(authorizationUrl).origin;
  const back = await browser.follow(
    new URL(submitted.headers.get('location') as string, submitted.url).href,
    (url) => !url.startsWith(issuer),
  );
  if (back.url.startsWith(issuer))
    throw new Error(`the provider did not send the browser back: ${back.body}`);
  return back.url;
}
