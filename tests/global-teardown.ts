import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { registreTestTeardown?: () => Promise<void> }).registreTestTeardown?.();
  const checkpoints = process.env.TEST_AUDIT_CHECKPOINT_DIR;
  if (checkpoints) await rm(checkpoints, { recursive: true, force: true });
}
