/** Golden-file testing: parser output compared with reviewed JSON under test/golden/, rewritten with UPDATE_GOLDEN=1. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const goldenRoot = resolve(dirname(fileURLToPath(import.meta.url)), 'golden');

export interface GoldenCase {
  /** File name without extension; `_errors_/name` for error cases. */
  name: string;
  input: string;
  inputPath: string;
}

/** The input files of a golden folder (every file that is not a `.json` expectation), error cases included. */
export function goldenCases(folder: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const walk = (dir: string, prefix: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else if (extname(entry.name) !== '.json') {
        cases.push({
          name: prefix + entry.name.slice(0, -extname(entry.name).length || undefined),
          input: readFileSync(path, 'utf8'),
          inputPath: path,
        });
      }
    }
  };
  walk(join(goldenRoot, folder), '');
  return cases;
}

/**
 * Compares `actual` with `test/golden/<folder>/<name>.json`. With UPDATE_GOLDEN=1 it writes the file instead,
 * for review; never under CI=true, where a missing or stale golden file is a failure.
 */
export function expectGolden(folder: string, name: string, actual: unknown): void {
  const path = join(goldenRoot, folder, `${name}.json`);
  const json = `${JSON.stringify(actual, null, 2)}\n`;
  const update = process.env.UPDATE_GOLDEN === '1' && !isCi();
  if (update) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, json);
    return;
  }
  if (!existsSync(path))
    throw new Error(`Golden file missing: ${path} (UPDATE_GOLDEN=1 writes it, outside CI, for review)`);
  expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}

function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}
