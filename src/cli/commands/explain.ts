/** `ruleatlas explain FILE [--language L]`: parse one file with no catalog and report each rule; a linter in CI. */
import { catalogPath, openCatalog } from '../catalog-file.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { LANGUAGE_IDS, type LanguageId } from '../../model/ids.js';
import type { SourceArtifact } from '../../model/artifact.js';
import { explainFile } from '../../analysis/explain.js';
import { processFile } from '../../catalog/process-file.js';
import { recognize } from '../../formats/registry.js';
import { contextFrom } from '../../analysis/source-context.js';
import { walkSource } from '../../sources/walk.js';
import { decodeText, readSourceText } from '../../sources/decode.js';
import { Catalog } from '../../catalog/catalog.js';
import { loadAttack, ATTACK_NOT_LOADED } from '../../knowledge/attack/index.js';
import { ruleReport, ruleReportText, type ReportIndicator } from '../../analysis/report/index.js';
import { print, printJson, UsageError } from '../output.js';

export interface ExplainCommandOptions {
  db: string;
  json?: boolean;
  language?: string;
  attack?: string;
  macros?: string;
}

export function explainCommand(path: string, options: ExplainCommandOptions): number {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`No such file: ${path}`);
  if (options.language && !(LANGUAGE_IDS as readonly string[]).includes(options.language)) {
    throw new UsageError(`Unknown language ${options.language}; expected one of ${LANGUAGE_IDS.join(', ')}`);
  }
  const decoded = decodeText(readFileSync(path));
  if (decoded.kind !== 'text') throw new UsageError(`${path} is not a text file`);
  const file = {
    path: basename(path),
    text: decoded.text,
    bytes: statSync(path).size,
    sourceName: basename(dirname(resolve(path))),
  };
  const explained = explainFile(file, {
    language: options.language as LanguageId | undefined,
    artifacts: options.macros ? artifactsIn(options.macros) : [],
  });
  // A catalog beside the file gives corpus counts; explain works the same without one.
  const db = catalogPath(options.db);
  const catalog = existsSync(db) ? openCatalog(db) : undefined;
  try {
    const attack = loadAttack({ bundle: options.attack, catalog });
    const reports = explained.rules.map((a) =>
      ruleReport(
        {
          document: a.rule,
          query: a.query,
          events: a.events,
          diagnostics: a.diagnostics,
          indicators: withCounts(a.indicators, catalog),
        },
        attack.data,
      ),
    );
    if (options.json) printJson({ rules: reports, ...(attack.full ? {} : { note: ATTACK_NOT_LOADED }) });
    else {
      if (!explained.recognized) print(`${path}: no reader recognises this file (try --language)`);
      reports.forEach((r, i) => {
        if (i > 0) print('\n----\n');
        print(ruleReportText(r));
      });
      if (!attack.full && reports.length) print(`\n${ATTACK_NOT_LOADED}`);
    }
    const failed = !explained.recognized || explained.rules.some((r) => !r.parsed);
    return failed ? 1 : 0;
  } finally {
    catalog?.close();
  }
}

/** With a catalog, each indicator gets its corpus counts (0 when no rule there has it). */
function withCounts(indicators: ReportIndicator[], catalog: Catalog | undefined): ReportIndicator[] {
  if (!catalog) return indicators;
  return indicators.map((i) => {
    const found = catalog.indicatorCount(i);
    if (!found) return { ...i, count: 0, byLanguage: {} };
    const { count, byLanguage, equivalentCount, equivalentByLanguage } = found;
    return { ...i, count, byLanguage, equivalentCount, equivalentByLanguage };
  });
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
