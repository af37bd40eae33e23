/**
 * `node dist/bench/overlap-main.js DB [--dump FILE]`: the relations of a catalog computed from scratch, with where
 * the time goes; `--dump` writes every stored relation, one per line, to compare one version's answers with another's.
 */
import { writeFileSync } from 'node:fs';
import { Catalog } from '../catalog/catalog.js';
import { formatFigure } from './figures.js';
import { relationFigures } from './overlap-figures.js';

const [db] = process.argv.slice(2);
const dumpAt = process.argv.indexOf('--dump');
if (!db) {
  console.error('usage: overlap-main DB [--dump FILE]');
  process.exit(2);
}
const catalog = Catalog.open(db);
try {
  for (const f of relationFigures(catalog)) console.log(formatFigure(f));
  if (dumpAt > 0) writeFileSync(process.argv[dumpAt + 1], catalog.relationLines().join('\n') + '\n');
} finally {
  catalog.close();
}
