import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BENCH_AUDIT_HMAC_KEY } from './api';
import { freePort } from '@app/database';
import { benchCheckpointDir } from './checkpoints';

export interface RunningCluster {
  origin: string;
  /** the primary's process id (with one worker, the API process itself) */
  pid: number;
  close(): Promise<void>;
}

/**
 * The API as an operator runs it with API_WORKERS=n (apps/api/src/main.ts): a primary process and n
 * workers sharing one port (with n = 1, one process), in production mode, on the bench's database.
 * The compiled server when the bench runs compiled (`npm run bench`), the TypeScript through ts-node
 * otherwise (the smoke test). `build`: the `dist/` of another checkout (bench:levers compares two),
 * which must hold a compiled API.
 */
export async function startCluster(
  databaseUrl: string,
  workers: number,
  build?: string,
): Promise<RunningCluster> {
  const port = await freePort();
  const dist = build ?? resolve(__dirname, '..');
  const compiled = resolve(dist, 'apps/api/src/main.js');
  const built = existsSync(compiled);
  // this checkout's TypeScript would otherwise run in the place of the build asked for
  if (build && !built)
    throw new Error(`bench: ${build} holds no built API (apps/api/src/main.js): npm run build:api there`);
  const args = built
    ? ['--max-semi-space-size=32', compiled] // as `npm run start:prod` and the Dockerfile start it
    : ['-r', 'ts-node/register/transpile-only', resolve(__dirname, '../apps/api/src/main.ts')];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    API_WORKERS: String(workers),
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(48).toString('base64url'),
    // the audit chains keyed as the in-process bench API keys them (bench/audit-check.ts)
    AUDIT_HMAC_KEY: BENCH_AUDIT_HMAC_KEY,
    AUDIT_CHECKPOINT_DIR: benchCheckpointDir(),
    LOG_SQL: 'false',
    // one line per request would flood the bench's output (their cost is measured by
    // bench:observability); the process's own lines, "ready" among them, are kept
    LOG_REQUESTS: process.env.LOG_REQUESTS ?? 'false',
    // the bench logs a few accounts in, always with the right password
    LOGIN_MAX_FAILURES: '1000',
    TS_NODE_PROJECT: 'tsconfig.json',
  };
  delete env.ADMIN_EMAIL; // no account is created in the bench's database
  delete env.ADMIN_PASSWORD;
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: built ? resolve(dist, '..') : resolve(__dirname, '..'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + 120_000;
  const ready = workers > 1 ? `(${workers} API workers)` : 'GraphQL ready at';
  while (!output.includes(ready)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bench: the API cluster did not start:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
