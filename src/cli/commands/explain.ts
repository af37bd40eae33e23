/**
 * `ruleatlas explain FILE [--language L] [--macros DIR]`: parse one file with no catalog and report each rule;
 * a linter in CI. A Splunk detection finds its repository's macros by itself.
 */
import { catalogPath, openCatalog } from '../catalog-file.js';
import { existsSync } from 'node:fs';
import { LANGUAGE_IDS, type LanguageId } from '../../model/ids.js';
import type { SourceArtifact } from '../../model/artifact.js';
import { fileRuleReports } from '../../catalog/rule-reports.js';
import { processFile } from '../../catalog/process-file.js';
import { recognize } from '../../formats/registry.js';
import { contextFrom } from '../../analysis/source-context.js';
import { walkSource } from '../../sources/walk.js';
import { contextFoldersAbove } from '../../sources/repository-folders.js';
import { readSourceText } from '../../sources/decode.js';
import { fileToExplain } from '../../analysis/explain.js';
import { ATTACK_NOT_LOADED } from '../../knowledge/attack/index.js';
import { ruleReportText } from '../../analysis/report/index.js';
import { print, printJson, UsageError } from '../output.js';

export interface ExplainCommandOptions {
  db: string;
  json?: boolean;
  language?: string;
  attack?: string;
  macros?: string;
}

export function explainCommand(path: string, options: ExplainCommandOptions): number {
  if (options.language && !(LANGUAGE_IDS as readonly string[]).includes(options.language)) {
    throw new UsageError(`Unknown language ${options.language}; expected one of ${LANGUAGE_IDS.join(', ')}`);
  }
  const file = fileToExplain(path);
  if ('problem' in file) throw new UsageError(file.problem);
  // A catalog beside the file gives corpus counts; explain works the same without one.
  const db = catalogPath(options.db);
  const catalog = existsSync(db) ? openCatalog(db) : undefined;
  try {
    const read = (artifacts: SourceArtifact[]) =>
      fileRuleReports(file, {
        language: options.language as LanguageId | undefined,
        artifacts,
        attackBundle: options.attack,
        catalog,
      });
    let result = read(options.macros ? artifactsIn(options.macros) : []);
    // Without --macros, a detection naming macros reads them from its repository when it lives in one.
    const found = !options.macros && hasUnresolved(result.reports) ? contextFoldersAbove(path) : undefined;
    if (found) result = read(found.folders.flatMap(artifactsIn));
    const { recognized, reports, parsed, attack } = result;
    if (options.json)
      printJson({
        rules: reports,
        ...(found ? { macros: found.root } : {}),
        ...(attack.full ? {} : { note: ATTACK_NOT_LOADED }),
      });
    else {
      if (!recognized) print(`${path}: no reader recognises this file (try --language)`);
      if (found) print(`Macros and data sources read from ${found.root}\n`);
      reports.forEach((r, i) => {
        if (i > 0) print('\n----\n');
        print(ruleReportText(r));
      });
      if (!options.macros && !found && hasUnresolved(reports))
        print(`\nNo macros/ folder above ${path}: pass --macros DIR to expand the unresolved macros.`);
      if (!attack.full && reports.length) print(`\n${ATTACK_NOT_LOADED}`);
    }
    return recognized && parsed ? 0 : 1;
  } finally {
    catalog?.close();
  }
}

function hasUnresolved(reports: ReadonlyArray<{ language: string | null; unresolved: string[] }>): boolean {
  return reports.some((r) => r.language === 'spl' && r.unresolved.length > 0);
}

/** The macros and data sources of a folder (a security_content checkout's `macros/`). */
function artifactsIn(dir: string): SourceArtifact[] {
  const out: SourceArtifact[] = [];
  for (const entry of walkSource(dir)) {
    const read = readSourceText(entry.absPath, entry.bytes);
    if (read.kind !== 'text') continue;
    const file = { path: entry.path, text: read.text, bytes: entry.bytes, sourceName: 'context' };
    const recognition = recognize(file);
    if (recognition) out.push(...processFile({ file, recognition }, contextFrom([])).artifacts);
  }
  return out;
}
