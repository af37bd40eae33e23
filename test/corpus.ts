/** Locates the shared real-rule corpora; tests skip, not fail, when they are absent. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
