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
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
