/** Rule reports as `show` and `explain` give them: a stored rule by key, or a file read on its own with corpus counts. */
import type { LanguageId } from '../model/ids.js';
import type { SourceArtifact } from '../model/artifact.js';
import type { SourceFile } from '../formats/format.js';
import { explainFile } from '../analysis/explain.js';
import { ruleReport, type ReportIndicator, type RuleReport } from '../analysis/report/index.js';
import { loadAttack, type LoadedAttack } from '../knowledge/attack/index.js';
import type { Catalog } from './catalog.js';
import { FEW_RULES } from '../analysis/related-indicators.js';

export interface StoredRuleReport {
  report: RuleReport;
  attack: LoadedAttack;
}

/** A catalog rule (rule id or `source:path`) as on its page; undefined when the catalog has no such rule. */
export function storedRuleReport(
  catalog: Catalog,
  ref: string,
  attackBundle?: string,
): StoredRuleReport | undefined {
  const view = catalog.rule(ref);
  if (!view) return undefined;
  const attack = loadAttack({ bundle: attackBundle, catalog });
  return { report: ruleReport(view, attack.data), attack };
}

export interface FileReportOptions {
  /** Read the whole text as one query in this language. */
  language?: LanguageId;
  artifacts?: SourceArtifact[];
  attackBundle?: string;
  /** Gives corpus counts to the indicators when present. */
  catalog?: Catalog;
}

export interface FileReports {
  /** Whether a reader took the file (always true with `language`). */
  recognized: boolean;
  reports: RuleReport[];
  /** Every rule parsed without an error. */
  parsed: boolean;
  attack: LoadedAttack;
}

/** Each rule of one file, read and analysed with no catalog, reported as `explain` prints it. */
export function fileRuleReports(file: SourceFile, options: FileReportOptions = {}): FileReports {
  const explained = explainFile(file, { language: options.language, artifacts: options.artifacts });
  const attack = loadAttack({ bundle: options.attackBundle, catalog: options.catalog });
  const reports = explained.rules.map((a) =>
    ruleReport(
      {
        document: a.rule,
        query: a.query,
        events: a.events,
        diagnostics: a.diagnostics,
        indicators: withCounts(a.indicators, options.catalog),
      },
      attack.data,
    ),
  );
  return {
    recognized: explained.recognized,
    reports,
    parsed: explained.rules.every((r) => r.parsed),
    attack,
  };
}

/** With a catalog, each indicator gets its corpus counts (0 when no rule there has it). */
function withCounts(indicators: ReportIndicator[], catalog: Catalog | undefined): ReportIndicator[] {
  if (!catalog) return indicators;
  return indicators.map((i) => {
    const found = catalog.indicatorCount(i);
    const related = (count: number) =>
      count <= FEW_RULES ? { related: catalog.relatedIndicators(i, 3) } : {};
    if (!found) return { ...i, count: 0, byLanguage: {}, ...related(0) };
    const { count, byLanguage, equivalentCount, equivalentByLanguage } = found;
    return { ...i, count, byLanguage, equivalentCount, equivalentByLanguage, ...related(count) };
  });
}
