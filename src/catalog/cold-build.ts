/**
 * A cold ingest (no catalog at the path yet) builds a new file beside it and links it into place when done: a
 * killed build leaves no catalog, never half of one, so the build itself needs no journal or sync.
 */
import { linkSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const MARK = '.building-';

/** Where a cold ingest by this process builds the catalog meant for `path`. */
export function buildPath(path: string): string {
  return `${path}${MARK}${process.pid}`;
}

/** Removes builds that a killed ingest left beside `path` (those of processes no longer running). */
export function removeStaleBuilds(path: string): void {
  const dir = dirname(path);
  const prefix = `${basename(path)}${MARK}`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && !running(pid)) removeBuild(join(dir, name.replace(/-(wal|shm)$/, '')));
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a build and its WAL files, if any. */
export function removeBuild(build: string): void {
  for (const file of [build, `${build}-wal`, `${build}-shm`]) rmSync(file, { force: true });
}

/**
 * Puts a finished (closed) build at `path`. A link, unlike a rename, fails rather than replace a catalog that
 * another ingest made at the path meanwhile.
 */
export function moveIntoPlace(build: string, path: string): void {
  try {
    linkSync(build, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    throw new Error(`A catalog appeared at ${path} during the ingest; the one built was not kept`, {
      cause: err,
    });
  }
  unlinkSync(build);
}
