/** Folders a rule repository keeps beside its rules, found by walking up from one rule file (security_content layout). */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Folders of a security_content checkout that hold what detections refer to: macro and data source definitions. */
const CONTEXT_FOLDERS = ['macros', 'data_sources'] as const;

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The nearest folder above `file` holding a `macros/` folder (`detections/endpoint/x.yml` → the checkout's
 * root), with its context folders; undefined when none is found before the repository's root (`.git`) or the
 * file system's.
 */
export function contextFoldersAbove(file: string): { root: string; folders: string[] } | undefined {
  let dir = dirname(resolve(file));
  for (;;) {
    if (isFolder(join(dir, 'macros')))
      return { root: dir, folders: CONTEXT_FOLDERS.map((f) => join(dir, f)).filter(isFolder) };
    const parent = dirname(dir);
    if (parent === dir || existsSync(join(dir, '.git'))) return undefined;
    dir = parent;
  }
}
