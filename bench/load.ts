import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';

/** One HTTP request a connection repeats for the whole run. */
export interface LoadRequest {
  headers: Record<string, string>;
  body: string;
}

export interface LoadOptions {
  /** full URL, path included: every request of a run goes to it (POST) */
  url: string;
  connections: number;
  durationSeconds: number;
  /** connection i repeats requests[i % requests.length] (one token, one school… per connection) */
  requests: LoadRequest[];
  /** count a 200 whose JSON body holds "errors" as a failure (GraphQL answers errors with 200) */
  graphql?: boolean;
}

export interface Stats {
  connections: number;
  /** completed requests with a good answer */
  ok: number;
  /** non-2xx answers, GraphQL errors, connection errors and timeouts */
  failed: number;
  durationSeconds: number;
  /** good answers per second */
  throughput: number;
  /** milliseconds */
  mean: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** The median of the finite values (the mean of the middle two when they are even in number); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function summarize(
  latencies: readonly number[],
  connections: number,
  durationSeconds: number,
  ok: number,
  failed: number,
): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : NaN;
  return {
    connections,
    ok,
    failed,
    durationSeconds,
    throughput: durationSeconds > 0 ? ok / durationSeconds : 0,
    mean,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

/**
 * autocannon in a child process of its own: the load generator gets its own process and event loop
 * (as a separate client would), so that the process under test (the API, or the floor) spends its
 * CPU on its own answers only, and the CPU measured in it (cost.ts) is theirs. Latencies are
 * recorded per response, so the percentiles (p95 included, which autocannon's summary lacks) are exact.
 */
const CHILD_SOURCE = `
const { performance } = require('node:perf_hooks');
process.once('message', ({ autocannonPath, options: o }) => {
  const autocannon = require(autocannonPath);
  let next = 0;
  const latencies = [];
  const started = performance.now();
  const instance = autocannon(
    {
      url: o.url,
      method: 'POST',
      connections: o.connections,
      duration: o.durationSeconds,
      pipelining: 1,
      timeout: 60,
      setupClient(client) {
        const request = o.requests[next++ % o.requests.length];
        client.setHeadersAndBody(request.headers, request.body);
      },
      verifyBody: o.graphql ? (body) => !/"errors"\\s*:/.test(body) : undefined,
    },
    (error, result) => {
      const seconds = (performance.now() - started) / 1000;
      const message = error
        ? { error: String((error && error.stack) || error) }
        : {
            latencies,
            seconds,
            ok: Math.max(0, result['2xx'] - (result.mismatches || 0)),
            failed: result.non2xx + result.errors + result.timeouts + (result.mismatches || 0),
          };
      process.send(message, () => process.exit(0));
    },
  );
  instance.on('response', (client, statusCode, bytes, responseTime) => latencies.push(responseTime));
});
`;

interface ChildAnswer {
  error?: string;
  latencies: number[];
  seconds: number;
  ok: number;
  failed: number;
}

export function runLoad(options: LoadOptions): Promise<Stats> {
  if (options.requests.length === 0) throw new Error('runLoad: no request');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD_SOURCE], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answered = false;
    child.once('error', reject);
    child.once('message', (message: ChildAnswer) => {
      answered = true;
      if (message.error) reject(new Error(message.error));
      else
        resolvePromise(
          summarize(message.latencies, options.connections, message.seconds, message.ok, message.failed),
        );
    });
    child.once('exit', (code) => {
      if (!answered)
        reject(new Error(`runLoad: the load generator exited with code ${code} before answering`));
    });
    child.send({ autocannonPath: require.resolve('autocannon'), options });
  });
}

/**
 * The same closed loop without HTTP: `connections` callers, each calling `work` again as soon as it
 * answers, for `durationSeconds`. For the database alone (a pg Pool of the same size).
 */
export async function runClosedLoop(
  connections: number,
  durationSeconds: number,
  work: () => Promise<unknown>,
): Promise<Stats> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await work();
        ok += 1;
      } catch {
        failed += 1;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  return summarize(latencies, connections, (performance.now() - started) / 1000, ok, failed);
}
