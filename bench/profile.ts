import { Session } from 'node:inspector';
import { CpuProfile, frameName, packageOf } from './flamegraph';

/** Where the main thread's CPU time went while `work` ran: the top functions and the top packages. */
export interface CpuProfileSummary {
  samples: number;
  functions: { name: string; share: number }[];
  packages: { name: string; share: number }[];
  /** the whole profile, for its flame graph (bench/flamegraph.ts) */
  raw: CpuProfile;
}

/** Samples the main thread (the API and the floor server; the load generator runs in a process of its own). */
export async function profileCpu(work: () => Promise<unknown>, top = 15): Promise<CpuProfileSummary> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolvePost, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolvePost(result as T))),
    );
  try {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 250 });
    await post('Profiler.start');
    let failure: unknown = null;
    try {
      await work();
    } catch (error) {
      failure = error;
    }
    const { profile } = await post<{ profile: CpuProfile }>('Profiler.stop');
    if (failure) throw failure instanceof Error ? failure : new Error(String(failure as string));
    return summarise(profile, top);
  } finally {
    await post('Profiler.disable').catch(() => undefined);
    session.disconnect();
  }
}

function summarise(profile: CpuProfile, top: number): CpuProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    const name = frameName(frame);
    functions.set(name, (functions.get(name) ?? 0) + 1);
    const pkg = packageOf(frame.url, frame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + 1);
  }
  const total = profile.samples.length || 1;
  const ranked = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => ({ name, share: n / total }));
  return {
    samples: profile.samples.length,
    functions: ranked(functions),
    packages: ranked(packages),
    raw: profile,
  };
}
