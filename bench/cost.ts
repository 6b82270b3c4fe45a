import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';

/**
 * What a run cost in CPU, whatever else the machine is doing: the CPU time of the main thread (the
 * API or the floor server: the load generator runs in a process of its own) and of the PostgreSQL backends of one
 * application, per good answer. Both read in /proc (Linux, PostgreSQL on this machine); elsewhere
 * the main thread's busy wall time stands in, and PostgreSQL's is unknown.
 */
export interface RunCost {
  /** main-thread CPU milliseconds per answer */
  nodeMs: number;
  /** PostgreSQL backend CPU milliseconds per answer; null when /proc cannot tell */
  pgMs: number | null;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a /proc stat line, in milliseconds */
function cpuOfStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function mainThreadCpuMs(pid: number | undefined): Promise<number | null> {
  try {
    return cpuOfStat(await readFile(`/proc/${pid ?? 'self'}/task/${pid ?? process.pid}/stat`, 'utf8'));
  } catch (error) {
    if (pid !== undefined) throw error; // another process's time has no stand-in
    return null;
  }
}

async function backendCpuMs(pool: Pool, applicationName: string): Promise<Map<number, number> | null> {
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
    [applicationName],
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      cpu.set(pid, cpuOfStat(await readFile(`/proc/${pid}/stat`, 'utf8')));
    } catch {
      return null;
    }
  }
  return cpu;
}

/**
 * Runs `work` and measures its cost; `answers(result)` is the number of good answers. `pid`: the
 * main thread of that process (an API started as a child) instead of this one's.
 */
export async function measureCost<T>(
  pool: Pool,
  applicationName: string,
  work: () => Promise<T>,
  answers: (result: T) => number,
  pid?: number,
): Promise<{ result: T; cost: RunCost }> {
  const before = await backendCpuMs(pool, applicationName);
  const threadBefore = await mainThreadCpuMs(pid);
  const elu = performance.eventLoopUtilization();
  const result = await work();
  const busyWall = performance.eventLoopUtilization(elu).active;
  const threadAfter = await mainThreadCpuMs(pid);
  const after = await backendCpuMs(pool, applicationName);
  const busy = threadBefore !== null && threadAfter !== null ? threadAfter - threadBefore : busyWall;
  let pgMs: number | null = null;
  if (before && after) {
    pgMs = 0;
    for (const [pid, ms] of after) pgMs += ms - (before.get(pid) ?? 0);
  }
  const n = Math.max(1, answers(result));
  return { result, cost: { nodeMs: busy / n, pgMs: pgMs === null ? null : pgMs / n } };
}
