/**
 * Runs the hunt benchmark on `../shared/corpus/sigma` in this process and prints its figures as JSON; with
 * `--db CATALOG`, with every rule of the catalog (all languages) instead of the Sigma rules.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runHuntBench } from './hunt-run.js';
import { Catalog } from '../catalog/catalog.js';
import type { ParsedRule } from '../model/rule.js';

const SIGMA = resolve(fileURLToPath(new URL('../../../shared/corpus/sigma', import.meta.url)));

function catalogRules(): ParsedRule[] | undefined {
  const at = process.argv.indexOf('--db');
  if (at < 0) return undefined;
  const catalog = Catalog.open(process.argv[at + 1], { readonly: true });
  try {
    return catalog.huntRules();
  } finally {
    catalog.close();
  }
}

const corpus = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : SIGMA;

runHuntBench(corpus, catalogRules())
  .then((figures) => console.log(JSON.stringify(figures)))
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
