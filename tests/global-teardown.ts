export default async function globalTeardown(): Promise<void> {
  await (globalThis as { registreTestTeardown?: () => Promise<void> }).registreTestTeardown?.();
}
