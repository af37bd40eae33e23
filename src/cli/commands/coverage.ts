/** `ruleatlas coverage`: ATT&CK coverage per tactic and technique; a Navigator layer; two sources compared. */
import { openCatalog } from '../catalog-file.js';
import { checkFilters } from '../filters.js';
import { writeFileSync } from 'node:fs';
import { Catalog } from '../../catalog/catalog.js';
import { loadAttack, ATTACK_NOT_LOADED } from '../../knowledge/attack/index.js';
import {
  compareCoverage,
  coverageMatrix,
  declaredTacticsOnly,
  navigatorLayer,
} from '../../analysis/coverage/index.js';
import { print, printJson, printTable } from '../output.js';

export interface CoverageCommandOptions {
  db: string;
  json?: boolean;
  source?: string;
  language?: string;
  layer?: string;
  compare?: string[];
  attack?: string;
  /** Count each rule under the tactics it declares only. */
  declared?: boolean;
}

export function coverageCommand(options: CoverageCommandOptions): number {
  const catalog = openCatalog(options.db);
  try {
    const attack = loadAttack({ bundle: options.attack, catalog });
    checkFilters(catalog, { source: options.source, language: options.language });
    if (options.compare) return compare(catalog, options.compare, attack.data, options.json);
    const rules = catalog.ruleTechniques({ source: options.source, language: options.language });
    const all = coverageMatrix(rules, attack.data);
    const coverage = options.declared ? declaredTacticsOnly(all, rules, attack.data) : all;
    if (options.layer) {
      const name = ['ruleatlas coverage', options.source, options.language].filter(Boolean).join(' · ');
      writeFileSync(
        options.layer,
        `${JSON.stringify(navigatorLayer(coverage, attack.data, { name }), null, 2)}\n`,
      );
    }
    if (options.json) printJson({ attackVersion: attack.data.version, full: attack.full, coverage });
    else {
      const rows: Array<Array<string | number>> = [];
      for (const tactic of coverage.tactics) {
        for (const t of tactic.techniques)
          rows.push([
            tactic.name,
            t.id,
            t.name ?? '',
            t.rules,
            Object.entries(t.byLanguage)
              .map(([l, n]) => `${l} ${n}`)
              .join(', '),
          ]);
      }
      printTable(['tactic', 'technique', 'name', 'rules', 'by language'], rows);
      if (options.layer)
        print(`\nNavigator layer written to ${options.layer} (ATT&CK ${attack.data.version})`);
      if (!attack.full) print(`\n${ATTACK_NOT_LOADED}`);
    }
    return 0;
  } finally {
    catalog.close();
  }
}

function compare(
  catalog: Catalog,
  sources: string[],
  data: Parameters<typeof coverageMatrix>[1],
  json?: boolean,
): number {
  const [a, b] = sources;
  const diff = compareCoverage(
    coverageMatrix(catalog.ruleTechniques({ source: a }), data),
    coverageMatrix(catalog.ruleTechniques({ source: b }), data),
  );
  if (json) printJson({ [a]: diff.onlyA, [b]: diff.onlyB });
  else {
    print(`Only in ${a} (${diff.onlyA.length}): ${diff.onlyA.join(', ')}`);
    print(`Only in ${b} (${diff.onlyB.length}): ${diff.onlyB.join(', ')}`);
  }
  return 0;
}
