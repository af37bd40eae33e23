/** Runs the hunt benchmark on `../shared/corpus/sigma` in this process and prints its figures as JSON. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runHuntBench } from './hunt-run.js';

const SIGMA = resolve(fileURLToPath(new URL('../../../shared/corpus/sigma', import.meta.url)));

runHuntBench(process.argv[2] ?? SIGMA)
  .then((figures) => console.log(JSON.stringify(figures)))
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
