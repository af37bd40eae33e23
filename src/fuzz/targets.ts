/** What the fuzzer attacks: every language parser and every format reader, called directly (no safety net). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../model/diagnostic.js';
import { LANGUAGE_IDS } from '../model/ids.js';
import { languages } from '../languages/registry.js';
import { emptyContext } from '../languages/language.js';
import { formatReaders, readAs } from '../formats/registry.js';

export interface FuzzTarget {
  name: string;
  seeds: string[];
  /** Runs the target; returns the diagnostics it reported. Throws only if the target has a bug. */
  run(input: string): Diagnostic[];
}

/** The project root, from `src/fuzz/` and `dist/fuzz/` alike. */
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

function filesUnder(dir: string, limit: number, accept: (p: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    if (out.length >= limit || !existsSync(d)) return;
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (accept(p) && statSync(p).size < 64 * 1024) out.push(p);
      if (out.length >= limit) return;
    }
  };
  visit(dir);
  return out;
}

function texts(paths: string[]): string[] {
  return paths.map((p) => readFileSync(p, 'utf8'));
}

/** Seeds for a language: its golden inputs and its fuzz regression cases. */
function languageSeeds(id: string): string[] {
  const golden = filesUnder(join(projectRoot, 'test', 'golden', id), 200, (p) => !p.endsWith('.json'));
  const regressions = filesUnder(join(projectRoot, 'test', 'fuzz-regressions', id), 200, () => true);
  const seeds = texts([...golden, ...regressions]);
  return seeds.length ? seeds : ['a'];
}

/** Seeds for readers: the project's examples and, when present, a sample of each shared corpus. */
function readerSeeds(): Array<{ path: string; text: string }> {
  const examples = filesUnder(join(projectRoot, 'examples'), 200, () => true);
  const corpus = ['sigma', 'elastic', 'splunk', 'kql', 'yaral'].flatMap((c) =>
    filesUnder(join(projectRoot, '..', 'shared', 'corpus', c), 40, (p) =>
      /\.(ya?ml|toml|md|yaral|kql)$/.test(p),
    ),
  );
  return [...examples, ...corpus].map((p) => ({
    path: relative(projectRoot, p),
    text: readFileSync(p, 'utf8'),
  }));
}

export function fuzzTargets(): FuzzTarget[] {
  const out: FuzzTarget[] = LANGUAGE_IDS.map((id) => ({
    name: `language ${id}`,
    seeds: languageSeeds(id),
    run: (input: string) =>
      languages[id].parse({
        source: { language: id, text: input, start: { line: 1, column: 1, offset: 0 } },
        context: emptyContext(),
      }).diagnostics,
  }));
  const samples = readerSeeds();
  for (const reader of formatReaders) {
    const own = samples.filter(
      (s) =>
        reader.recognize({ path: s.path, text: s.text, bytes: s.text.length, sourceName: 'fuzz' }) !==
        undefined,
    );
    if (!own.length) continue;
    const path = own[0].path;
    out.push({
      name: `reader ${reader.id}`,
      seeds: own.map((s) => s.text),
      run: (input: string) => {
        const file = { path, text: input, bytes: Buffer.byteLength(input), sourceName: 'fuzz' };
        const result = readAs(reader, file);
        if (!result) return [];
        return [...result.diagnostics, ...result.rules.flatMap((r) => r.diagnostics)];
      },
    });
  }
  return out;
}
