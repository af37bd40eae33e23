/** `ruleatlas similar ID|FILE`: rules related to one rule by logic, across languages, with their differences. */
import { existsSync, statSync } from 'node:fs';
import { Catalog } from '../../catalog/catalog.js';
import type { SimilarRule } from '../../catalog/relation-queries.js';
import type { RuleSummary } from '../../catalog/views.js';
import { rulesFromFiles } from '../../analysis/rule-files.js';
import { print, printJson, UsageError } from '../output.js';

export interface SimilarCommandOptions {
  db: string;
  json?: boolean;
  language?: string;
  top?: number;
}

type SubjectRule = Pick<RuleSummary, 'key' | 'id' | 'title' | 'language' | 'source' | 'path'>;

function fromCatalogOrFile(
  catalog: Catalog,
  ref: string,
  options: SimilarCommandOptions,
): { rule: SubjectRule; similar: SimilarRule[] } | undefined {
  const filter = { language: options.language, top: options.top };
  const stored = catalog.similar(ref, filter);
  if (stored) return stored;
  if (!existsSync(ref) || !statSync(ref).isFile()) return undefined;
  const [parsed] = rulesFromFiles([ref]);
  if (!parsed) throw new UsageError(`${ref} holds no rule ruleatlas reads`);
  const { rule } = parsed;
  return {
    rule: { key: ref, id: rule.id, title: rule.title, language: rule.language, source: 'file', path: ref },
    similar: catalog.similarTo(parsed, filter),
  };
}

export function similarCommand(ref: string, options: SimilarCommandOptions): number {
  const catalog = Catalog.open(options.db, { readonly: true });
  try {
    const found = fromCatalogOrFile(catalog, ref, options);
    if (!found) {
      process.stderr.write(`No rule ${ref} in ${options.db}, and no such file\n`);
      return 1;
    }
    if (options.json) printJson(found);
    else printSimilar(found.rule, found.similar);
    return found.similar.length ? 0 : 1;
  } finally {
    catalog.close();
  }
}

function printSimilar(rule: SubjectRule, similar: SimilarRule[]): void {
  print(`${rule.title} (${rule.language ?? 'no query'}, ${rule.source}:${rule.path})`);
  if (similar.length === 0) print('No related rule in the catalog.');
  for (const s of similar) {
    print();
    print(
      `${s.relation.padEnd(11)} ${s.score.toFixed(2)}  ${s.title} (${s.language}, ${s.source}:${s.path})`,
    );
    for (const words of s.differences) print(`    ${words}`);
    if (s.why) print(`    (${s.why})`);
  }
}
