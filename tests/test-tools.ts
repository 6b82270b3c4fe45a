import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The command-line tools the PDF tests read documents back with, and their Debian packages. */
const PDF_TOOLS: { command: string; package: string }[] = [
  { command: 'pdftotext', package: 'poppler-utils' },
  { command: 'pdffonts', package: 'poppler-utils' },
  { command: 'pdftoppm', package: 'poppler-utils' },
  { command: 'qpdf', package: 'qpdf' },
];

const found = (command: string, path = process.env.PATH): boolean =>
  spawnSync('/bin/sh', ['-c', `command -v ${command}`], { env: { ...process.env, PATH: path } }).status === 0;

/**
 * Makes sure the PDF tests' tools are present: as root with apt, installs the missing Debian packages;
 * otherwise fails at once with a message naming them (rather than an obscure failure in a PDF test).
 */
export function ensurePdfTools(
  options: { path?: string; install?: boolean } = { install: userInfo().uid === 0 && found('apt-get') },
): void {
  const { path = process.env.PATH, install = false } = options;
  let missing = PDF_TOOLS.filter((tool) => !found(tool.command, path));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((tool) => tool.package))];
  if (install) {
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
      execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
        stdio: 'ignore',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      // the message below says what to do
    }
    missing = PDF_TOOLS.filter((tool) => !found(tool.command, path));
    if (missing.length === 0) return;
  }
  const commands = missing.map((tool) => tool.command).join(', ');
  throw new Error(
    `Outils PDF manquants pour les tests : ${commands}. Installez les paquets Debian ${packages.join(' et ')} ` +
      `(sudo apt-get install ${packages.join(' ')}).\n` +
      `Missing PDF tools for the tests: ${commands}. Install the Debian packages ${packages.join(' and ')} ` +
      `(sudo apt-get install ${packages.join(' ')}).`,
  );
}

/** The prefix of the embedded PostgreSQL's temporary folders created by the test runs. */
export const TEST_PG_PREFIX = 'registre-test-pg-';
const OWNER_FILE = 'owner.pid';
/** a folder with no live process is only removed once this old (a run may be creating it) */
const GRACE_MS = 10 * 60 * 1000;

const alive = (pid: number): boolean => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, belongs to someone else
  }
};

const pidIn = (file: string): number => {
  try {
    return Number(readFileSync(file, 'utf8').split('\n')[0].trim());
  } catch {
    return 0;
  }
};

/** Records the test run owning `folder` (so that a parallel run does not remove it). */
export function claimTestFolder(folder: string): void {
  writeFileSync(join(folder, OWNER_FILE), `${process.pid}\n`);
}

/** Removes a test run's temporary folder (the server stopped). */
export function removeTestFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

/**
 * Removes the temporary folders left by earlier runs that crashed or were killed: those whose owning
 * run and PostgreSQL server (data/postmaster.pid) are no longer running. Returns the removed folders.
 */
export function removeStaleTestFolders(parent = tmpdir()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(TEST_PG_PREFIX)) continue;
    const folder = join(parent, name);
    try {
      const owner = join(folder, OWNER_FILE);
      const postmaster = join(folder, 'data', 'postmaster.pid');
      if (alive(pidIn(owner)) || alive(pidIn(postmaster))) continue;
      const known = existsSync(owner) || existsSync(postmaster);
      if (!known && Date.now() - statSync(folder).mtimeMs < GRACE_MS) continue;
      removeTestFolder(folder);
      removed.push(folder);
    } catch {
      // another run removed it first, or it is not ours to remove
    }
  }
  return removed;
}
