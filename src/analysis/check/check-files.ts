/** `check` over files and folders: each rule read, parsed and checked from the model, in every language. */
import { join, sep } from 'node:path';
import { statSync } from 'node:fs';
import type { SourceArtifact } from '../../model/artifact.js';
import type { AttackData } from '../../knowledge/attack/index.js';
import { recognize } from '../../formats/registry.js';
import type { SourceFile } from '../../formats/format.js';
import { walkSource } from '../../sources/walk.js';
import { readSourceText } from '../../sources/decode.js';
import { readFile } from '../read-file.js';
import { explainFile } from '../explain.js';
import type { AnalyzedRule } from '../analyze.js';
import type { ParsedRule } from '../../model/rule.js';
import { CheckedFile, levelOfSeverity, type Finding } from './finding.js';
import { predicateFindings } from './predicate-findings.js';
import { logicFindings } from './logic-findings.js';
import { fieldFindings } from './field-findings.js';
import { attackFindings } from './attack-findings.js';
import { metadataFindings } from './metadata-findings.js';

/** A rule of a catalog that fires on exactly the events a checked rule fires on. */
export interface CatalogEquivalent {
  title: string;
  source: string;
  path: string;
}

/** The catalog's rules equivalent to a rule read from `file` (the rule itself, if the catalog holds it, aside). */
export type EquivalentsInCatalog = (rule: ParsedRule, file: string) => CatalogEquivalent[];

export interface CheckResult {
  files: number;
  rules: number;
  findings: Finding[];
}

/** Parse problems keep their diagnostic's code; a reader's diagnostic without one is a `read/problem`. */
function parseFindings(file: CheckedFile, analyzed: AnalyzedRule): Finding[] {
  return analyzed.diagnostics.map((d) => ({
    code: d.code ?? 'read/problem',
    level: levelOfSeverity(d.severity),
    message: d.message,
    file: file.path,
    line: d.line,
    column: d.column,
    ...(d.span ? { endLine: d.span.end.line, endColumn: d.span.end.column } : {}),
    rule: { id: analyzed.rule.id, title: analyzed.rule.title },
  }));
}

export function checkRule(file: CheckedFile, analyzed: AnalyzedRule, attack: AttackData): Finding[] {
  const { rule, query } = analyzed;
  const fromQuery = query
    ? [
        ...query.stages.flatMap((s) => predicateFindings(file, rule, s)),
        ...logicFindings(file, rule, query),
        ...fieldFindings(file, rule, query),
      ]
    : [];
  return (
    [
      ...parseFindings(file, analyzed),
      ...fromQuery,
      ...attackFindings(file, rule, attack),
      ...metadataFindings(file, rule),
    ]
      // Predicates split from one written key (Sigma's plain and wildcard values) share its text: one finding each.
      .filter(
        (f, i, all) =>
          all.findIndex(
            (g) => g.code === f.code && g.line === f.line && g.column === f.column && g.message === f.message,
          ) === i,
      )
      .sort((a, b) => a.line - b.line || a.column - b.column)
  );
}

interface PathFile {
  /** The path findings name: as given, joined with the file's place below a folder. */
  shown: string;
  absPath: string;
  file: SourceFile;
}

function* filesUnder(paths: readonly string[]): Generator<PathFile> {
  for (const root of paths) {
    const single = statSync(root).isFile();
    for (const entry of walkSource(root)) {
      const text = readSourceText(entry.absPath, entry.bytes);
      if (text.kind !== 'text') continue;
      const shown = (single ? root : join(root, entry.path)).split(sep).join('/');
      yield {
        shown,
        // A name that is not UTF-8 is compared by its shown form, as the catalog stores it.
        absPath: typeof entry.absPath === 'string' ? entry.absPath : join(root, entry.path),
        file: { path: entry.path, text: text.text, bytes: entry.bytes, sourceName: 'check' },
      };
    }
  }
}

/** Macros and data sources first, from every file given, as an ingest would: rules use them across files. */
function artifactsOf(paths: readonly string[]): SourceArtifact[] {
  const out: SourceArtifact[] = [];
  for (const { file } of filesUnder(paths)) {
    const recognition = recognize(file);
    if (
      recognition &&
      (recognition.format === 'splunk-macros' || recognition.format === 'splunk-data-source')
    )
      out.push(...readFile(file, recognition).artifacts);
  }
  return out;
}

function equivalentFindings(
  file: CheckedFile,
  analyzed: AnalyzedRule,
  absPath: string,
  equivalents: EquivalentsInCatalog,
): Finding[] {
  if (!analyzed.parsed || !analyzed.query) return [];
  return equivalents({ rule: analyzed.rule, query: analyzed.query }, absPath).map((e) =>
    file.finding(
      'logic/equivalent-in-catalog',
      `fires on exactly the events "${e.title}" fires on (${e.source}: ${e.path})`,
      analyzed.rule,
    ),
  );
}

/** Checks the rules under `paths`; with `equivalents`, also names rules of a catalog each is equivalent to. */
export function checkPaths(
  paths: readonly string[],
  attack: AttackData,
  equivalents?: EquivalentsInCatalog,
): CheckResult {
  const artifacts = artifactsOf(paths);
  const result: CheckResult = { files: 0, rules: 0, findings: [] };
  for (const { shown, file, absPath } of filesUnder(paths)) {
    const explained = explainFile(file, { artifacts });
    if (!explained.recognized || explained.rules.length === 0) continue;
    result.files++;
    const checked = new CheckedFile(shown, file.text);
    for (const analyzed of explained.rules) {
      result.rules++;
      result.findings.push(...checkRule(checked, analyzed, attack));
      if (equivalents) result.findings.push(...equivalentFindings(checked, analyzed, absPath, equivalents));
    }
  }
  return result;
}
