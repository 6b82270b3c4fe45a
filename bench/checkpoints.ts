import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The signed audit checkpoints of a bench's API (AUDIT_CHECKPOINT_DIR): a temporary folder, removed
 * when the process exits, so that no run leaves one behind.
 */
export function benchCheckpointDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'registre-bench-checkpoints-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
