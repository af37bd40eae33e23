/** Reads a knowledge data file once: from src/knowledge/data under vitest, from dist/knowledge/data after a build. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cache = new Map<string, unknown>();

/**
 * The build copies src/knowledge/data next to the compiled code; a package that ships only
 * `src/knowledge/data` (see package.json `files`) is still found from dist/ through the second path.
 */
function locate(name: string): string {
  const places = [
    new URL(`./data/${name}`, import.meta.url),
    new URL(`../../src/knowledge/data/${name}`, import.meta.url),
  ];
  for (const place of places) {
    const path = fileURLToPath(place);
    if (existsSync(path)) return path;
  }
  throw new Error(
    `Knowledge data file ${name} not found (looked in ${places.map((p) => fileURLToPath(p)).join(', ')})`,
  );
}

/** The parsed JSON of `src/knowledge/data/<name>`, cached for the life of the process. */
export function readDataFile<T>(name: string): T {
  let value = cache.get(name);
  if (value === undefined) {
    value = JSON.parse(readFileSync(locate(name), 'utf8'));
    cache.set(name, value);
  }
  return value as T;
}
