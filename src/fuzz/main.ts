/** `npm run fuzz -- --minutes N`: fuzzes every parser and reader in turn and saves each input that breaks one. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { fuzzTargets } from './targets.js';
import { checkInput, type Failure } from './check.js';
import { mutatedInput } from './mutate.js';

const REGRESSIONS = fileURLToPath(new URL('../../test/fuzz-regressions', import.meta.url));

function minutesArg(): number {
  const i = process.argv.indexOf('--minutes');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 1;
  return Number.isFinite(n) && n > 0 ? n : 1;
}

function save(f: Failure): string {
  const dir = join(REGRESSIONS, f.target.replace(/\s+/g, '-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha1').update(f.input).digest('hex').slice(0, 12)}.txt`);
  writeFileSync(file, f.input);
  return file;
}

function main(): void {
  const targets = fuzzTargets();
  const budgetMs = (minutesArg() * 60_000) / targets.length;
  let failures = 0;
  for (const target of targets) {
    const until = Date.now() + budgetMs;
    let runs = 0;
    const sample = mutatedInput(target.seeds);
    while (Date.now() < until) {
      for (const input of fc.sample(sample, 50)) {
        runs++;
        const failure = checkInput(target, input);
        if (failure) {
          failures++;
          console.log(`${target.name}: ${failure.reason.split('\n')[0]} (saved ${save(failure)})`);
        }
      }
    }
    console.log(`${target.name}: ${runs} inputs`);
  }
  console.log(failures ? `${failures} failing inputs saved under test/fuzz-regressions/` : 'no failures');
  process.exitCode = failures ? 1 : 0;
}

main();
