/** Locates the shared real-rule corpora; tests skip, not fail, when they are absent. */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedRoot = resolve(projectRoot, '..', 'shared');

/** Absolute path of `../shared/corpus/<name>`, or undefined when it is not there. */
export function corpusPath(name: string): string | undefined {
  const path = resolve(sharedRoot, 'corpus', name);
  return existsSync(path) ? path : undefined;
}

/** Absolute path of a file under `../shared/` (seeds, attack bundle), or undefined. */
export function sharedPath(...parts: string[]): string | undefined {
  const path = resolve(sharedRoot, ...parts);
  return existsSync(path) ? path : undefined;
}

export const examplesRoot = resolve(projectRoot, 'examples');

/** Every file below `dir` (whose name matches `pattern`, when given), depth first, in directory order. */
export function filesUnder(dir: string, pattern?: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, pattern);
    return !pattern || pattern.test(entry.name) ? [path] : [];
  });
}
