/** A bounded fuzz run in every test run, plus every input that ever broke something, for each parser and reader. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzTargets } from './targets.js';
import { checkInput } from './check.js';
import { mutatedInput } from './mutate.js';

const REGRESSIONS = fileURLToPath(new URL('../../test/fuzz-regressions', import.meta.url));
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

describe.each(fuzzTargets().map((t) => [t.name, t] as const))('%s', (_name, target) => {
  it('survives mutated and random input', () => {
    fc.assert(
      fc.property(mutatedInput(target.seeds), (input) => {
        const failure = checkInput(target, input);
        expect(failure?.reason).toBeUndefined();
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
  });

  const folder = join(REGRESSIONS, target.name.replace(/\s+/g, '-'));
  const cases = existsSync(folder) ? readdirSync(folder).sort() : [];
  it.skipIf(cases.length === 0)('passes every regression case', () => {
    for (const c of cases)
      expect(checkInput(target, readFileSync(join(folder, c), 'utf8'))?.reason, c).toBeUndefined();
  });
});
