/** `ruleatlas check PATH... [--format text|json|sarif] [--fail-on error|warning]`: lints rule files; exit 1 on findings at or above the bar. */
import { plural } from '../../text/plural.js';
import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { Catalog } from '../../catalog/catalog.js';
import { loadAttack } from '../../knowledge/attack/index.js';
import {
  checkPaths,
  FINDING_LEVELS,
  sarifLog,
  type CheckResult,
  type EquivalentsInCatalog,
  type FindingLevel,
} from '../../analysis/check/index.js';
import { print, printJson, printTable, UsageError } from '../output.js';
import { projectVersion } from '../version.js';

const FORMATS = ['text', 'json', 'sarif'] as const;

export interface CheckCommandOptions {
  db: string;
  json?: boolean;
  format?: string;
  failOn?: string;
  attack?: string;
}

export function checkCommand(paths: string[], options: CheckCommandOptions): number {
  const format = options.json ? 'json' : (options.format ?? 'text');
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`Unknown format ${format}; expected one of ${FORMATS.join(', ')}`);
  const failOn = (options.failOn ?? 'error') as FindingLevel;
  if (failOn === 'note' || !FINDING_LEVELS.includes(failOn))
    throw new UsageError(`--fail-on takes error or warning, not ${options.failOn}`);
  const missing = paths.find((p) => !existsSync(p));
  if (missing) throw new UsageError(`No such file or folder: ${missing}`);
  // A catalog, when there is one, lends its ATT&CK release; without, the given bundle, the cache or the shipped table.
  const catalog = existsSync(options.db) ? Catalog.open(options.db, { readonly: true }) : undefined;
  let result: CheckResult;
  try {
    const attack = loadAttack({ bundle: options.attack, catalog }).data;
    result = checkPaths(paths, attack, catalog ? equivalentsIn(catalog) : undefined);
  } finally {
    catalog?.close();
  }
  if (format === 'sarif') printJson(sarifLog(result.findings, projectVersion()));
  else if (format === 'json') printJson({ ...result, counts: countsByCode(result) });
  else printText(result);
  const bar = FINDING_LEVELS.indexOf(failOn);
  return result.findings.some((f) => FINDING_LEVELS.indexOf(f.level) >= bar) ? 1 : 0;
}

/** The catalog's rules equivalent to a checked one; the rule itself, when the catalog holds its file, is no finding. */
function equivalentsIn(catalog: Catalog): EquivalentsInCatalog {
  return (rule, file) => {
    const at = resolve(file).split(sep).join('/');
    return catalog
      .similarTo(rule, { top: 50 })
      .filter((s) => s.relation === 'equivalent' && !(at.endsWith(`/${s.path}`) && s.ruleId === rule.rule.id))
      .map((s) => ({ title: s.title, source: s.source, path: s.path }));
  };
}

function countsByCode(result: CheckResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of result.findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

function printText(result: CheckResult): void {
  for (const f of result.findings)
    print(`${f.file}:${f.line}:${f.column}: ${f.level} ${f.code}: ${f.message}`);
  print(
    `\n${plural(result.findings.length, 'finding')} in ${plural(result.rules, 'rule')} of ${plural(result.files, 'file')}`,
  );
  printTable(['code', 'findings'], Object.entries(countsByCode(result)));
}
