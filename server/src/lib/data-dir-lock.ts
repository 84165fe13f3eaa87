import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * One process at a time on an embedded data directory: two PGlite instances on one directory
 * would corrupt it, and a backup or restore must see it at rest. The lock is a pid file; one left
 * by a process that no longer runs (kill -9, a power cut) is taken over.
 */
export interface DataDirLock {
  path: string;
  release(): void;
}

export class DataDirLockedError extends Error {}

interface Holder {
  pid: number;
  what: string;
  since: string;
}

export function lockPath(dataDir: string): string {
  return join(resolve(dataDir), 'vigil.pid');
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): Holder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, what: String(parsed.what ?? 'Vigil'), since: String(parsed.since ?? '?') } : null;
  } catch {
    return null;
  }
}

/** The process holding the data directory, if one runs. */
export function dataDirHolder(dataDir: string): Holder | null {
  const holder = readHolder(lockPath(dataDir));
  return holder && alive(holder.pid) ? holder : null;
}

/** Takes the data directory for `what` (e.g. "the Vigil server"), or throws naming who has it. */
export function lockDataDir(dataDir: string, what: string): DataDirLock {
  mkdirSync(resolve(dataDir), { recursive: true });
  const path = lockPath(dataDir);
  const content = JSON.stringify({ pid: process.pid, what, since: new Date().toISOString() } satisfies Holder);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      // `wx`: created only if absent, so two starting at once cannot both win.
      writeFileSync(path, content, { flag: 'wx', mode: 0o644 });
      let released = false;
      return {
        path,
        release: () => {
          if (released) return;
          released = true;
          if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && alive(holder.pid)) {
        throw new DataDirLockedError(
          `DATA_DIR ${resolve(dataDir)} is in use by ${holder.what} (pid ${holder.pid}, since ${holder.since}); stop it first`,
        );
      }
      // Left by a process that is gone: take it over.
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(`DATA_DIR ${resolve(dataDir)}: could not take ${path}`);
}
