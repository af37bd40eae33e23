/** A bounded fuzz run in every test run, plus every input that ever broke something, for each parser and reader. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzTargets, languageTarget } from './targets.js';
import { guarded, isParserBug } from '../languages/guard.js';
import { languages } from '../languages/registry.js';
import { splLanguage } from '../languages/spl/index.js';
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

describe('the parser boundary seen by the fuzzer', () => {
  it('finds a throw inside the SPL parser by the one internal-error marker', () => {
    // What a bug deep in the SPL parser looks like from outside: the parse throws.
    const broken = guarded({
      ...splLanguage,
      parse: (input) => {
        if (input.source.text.includes('=')) throw new Error('deliberate bug');
        return splLanguage.parse(input);
      },
    });
    const target = languageTarget(broken);
    const inputs = fc.sample(mutatedInput(target.seeds), { numRuns: 50, seed: 20261129 });
    const failures = inputs.map((input) => checkInput(target, input)).filter((f) => f !== undefined);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].reason).toBe('Internal parser error: deliberate bug');
    // The registered SPL parser, on the same inputs, raises no internal error.
    const spl = languageTarget(languages.spl);
    expect(inputs.flatMap((input) => spl.run(input)).filter(isParserBug)).toEqual([]);
  });
});
