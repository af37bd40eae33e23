/** `ruleatlas overlap --source A --source B` and `overlap --duplicates`: collections compared by rule logic. */
import { writeFileSync } from 'node:fs';
import { Catalog } from '../../catalog/catalog.js';
import { overlapLayer, type SourceOverlap } from '../../analysis/overlap/index.js';
import { loadAttack } from '../../knowledge/attack/index.js';
import { print, printJson, printTable, UsageError } from '../output.js';

export interface OverlapCommandOptions {
  db: string;
  json?: boolean;
  source?: string[];
  duplicates?: boolean;
  layer?: string;
}

export function overlapCommand(options: OverlapCommandOptions): number {
  const sources = options.source ?? [];
  if (options.duplicates) {
    if (sources.length > 1) throw new UsageError('--duplicates takes one --source at most');
  } else if (sources.length !== 2) throw new UsageError('Give two sources: --source A --source B');
  const catalog = Catalog.open(options.db, { readonly: true });
  try {
    const known = new Set(catalog.sources().map((s) => s.name));
    for (const s of sources) if (!known.has(s)) throw new UsageError(`No source ${s} in ${options.db}`);
    if (options.duplicates) return duplicates(catalog, sources[0], options.json);
    const overlap = catalog.overlap(sources[0], sources[1]);
    if (options.layer) {
      const attack = loadAttack({ catalog });
      writeFileSync(
        options.layer,
        `${JSON.stringify(overlapLayer(overlap, attack.data.version), null, 2)}\n`,
      );
    }
    if (options.json) printJson(overlap);
    else printOverlap(overlap);
    return 0;
  } finally {
    catalog.close();
  }
}

function duplicates(catalog: Catalog, source: string | undefined, json?: boolean): number {
  const pairs = catalog.duplicates(source);
  if (json) printJson({ source: source ?? null, duplicates: pairs });
  else {
    print(`${pairs.length} equivalent pairs${source ? ` in ${source}` : ''}`);
    for (const { a, b } of pairs) print(`  ${a.source}:${a.path}  ≡  ${b.source}:${b.path}`);
  }
  return pairs.length ? 1 : 0;
}

function printOverlap(o: SourceOverlap): void {
  const c = o.counts;
  print(`${o.a} against ${o.b} (relation of ${o.b}'s best counterpart to each ${o.a} rule)`);
  printTable(
    ['equivalent', 'narrower', 'broader', 'overlapping', `${o.a} only`, `${o.b} only`],
    [[c.equivalent, c.narrower, c.broader, c.overlapping, c.aOnly, c.bOnly]],
  );
  print();
  printTable(
    ['technique', `${o.a} only`, `${o.b} only`, 'with counterpart'],
    o.techniques.map((t) => [t.technique, t.aOnly, t.bOnly, t.both]),
  );
}
