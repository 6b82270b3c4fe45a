import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The signed audit checkpoints of a bench's API (AUDIT_CHECKPOINT_DIR), in a temporary folder that no
 * run leaves behind: inside the test run's folder when the bench runs in the tests (bench-smoke; the
 * global teardown removes it: Jest's `process` never emits `exit`), otherwise removed when the
 * process exits.
 */
export function benchCheckpointDir(): string {
  const inTests = process.env.TEST_AUDIT_CHECKPOINT_DIR;
  if (inTests) return mkdtempSync(join(inTests, 'bench-'));
  const dir = mkdtempSync(join(tmpdir(), 'registre-bench-checkpoints-'));
  // one listener for every folder: bench:levers starts an API a dozen times
  if (removedAtExit.size === 0) {
    process.once('exit', () => {
      for (const made of removedAtExit) rmSync(made, { recursive: true, force: true });
    });
  }
  removedAtExit.add(dir);
  return dir;
}

const removedAtExit = new Set<string>();
