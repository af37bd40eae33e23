/** `ruleatlas coverage`: ATT&CK coverage per tactic and technique; a Navigator layer; two sources compared; visibility. */
import { noun, plural } from '../../text/plural.js';
import { openCatalog } from '../catalog-file.js';
import { checkFilters } from '../filters.js';
import { writeFileSync } from 'node:fs';
import { Catalog } from '../../catalog/catalog.js';
import { catalogCoverage, catalogVisibility, type VisibilityRequest } from '../../catalog/coverage-report.js';
import { loadAttack, ATTACK_NOT_LOADED } from '../../knowledge/attack/index.js';
import { compareCoverage, coverageMatrix, type Visibility } from '../../analysis/coverage/index.js';
import { print, printJson, printTable, UsageError } from '../output.js';

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
  have?: string;
  without?: string;
}

function writeLayer(file: string, layer: Record<string, unknown>): void {
  writeFileSync(file, `${JSON.stringify(layer, null, 2)}\n`);
}

export function coverageCommand(options: CoverageCommandOptions): number {
  const catalog = openCatalog(options.db);
  try {
    checkFilters(catalog, { source: options.source, language: options.language });
    if (options.compare) return compare(catalog, options.compare, options);
    if (options.have !== undefined || options.without !== undefined) return visibilityOf(catalog, options);
    const { coverage, attack, layer } = catalogCoverage(catalog, {
      ...options,
      attackBundle: options.attack,
      withRules: Boolean(options.layer || options.json),
    });
    if (options.layer) writeLayer(options.layer, layer());
    if (options.json) printJson({ attackVersion: attack.data.version, full: attack.full, coverage });
    else {
      const rows: Array<Array<string | number>> = [];
      for (const tactic of coverage.tactics) {
        for (const t of tactic.techniques)
          rows.push([tactic.name, t.id, t.name ?? '', t.rules, byLanguage(t.byLanguage)]);
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

function byLanguage(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
}

function visibilityOf(catalog: Catalog, options: CoverageCommandOptions & VisibilityRequest): number {
  const answer = catalogVisibility(catalog, { ...options, attackBundle: options.attack });
  if ('problem' in answer) throw new UsageError(answer.problem);
  const { visibility, attack } = answer;
  if (options.layer) writeLayer(options.layer, answer.layer());
  if (options.json) {
    const { difference: _difference, ...rest } = visibility;
    printJson({ attackVersion: attack.data.version, full: attack.full, ...rest });
  } else printVisibility(visibility, options.layer);
  return 0;
}

function printVisibility(v: Visibility, layer: string | undefined): void {
  const said = v.filter.have
    ? `With only ${v.filter.have.join(', ')}`
    : `Without ${v.filter.without?.join(', ')}`;
  print(
    `${said}: ${plural(v.fire, 'rule')} still ${noun(v.fire, 'fires', 'fire')}, ${v.blind} ${noun(v.blind, 'goes', 'go')} blind, ${v.unplaced} ${noun(v.unplaced, 'needs', 'need')} events the catalog does not place (of ${v.rules})`,
  );
  printTable(
    ['language', 'rules', 'fire', 'blind', 'unplaced', 'techniques lost'],
    Object.entries(v.byLanguage).map(([l, s]) => [
      l,
      s.rules,
      s.fire,
      s.blind,
      s.unplaced,
      s.techniquesLost.length,
    ]),
  );
  print(`\nTechniques left with no rule of any language (${v.techniquesLost.length}):`);
  for (const t of v.techniquesLost)
    print(`  ${t.id}  ${t.name}  (${plural(t.rules, 'rule')}: ${byLanguage(t.byLanguage)})`);
  if (layer) print(`\nNavigator layer of the rules that go blind written to ${layer}`);
}

function compare(catalog: Catalog, sources: string[], options: CoverageCommandOptions): number {
  const [a, b] = sources;
  const data = loadAttack({ bundle: options.attack, catalog }).data;
  const diff = compareCoverage(
    coverageMatrix(catalog.ruleTechniques({ source: a }), data),
    coverageMatrix(catalog.ruleTechniques({ source: b }), data),
  );
  if (options.json) printJson({ [a]: diff.onlyA, [b]: diff.onlyB });
  else {
    print(`Only in ${a} (${diff.onlyA.length}): ${diff.onlyA.join(', ')}`);
    print(`Only in ${b} (${diff.onlyB.length}): ${diff.onlyB.join(', ')}`);
  }
  return 0;
}
