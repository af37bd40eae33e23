/** The shapes the catalog answers with: what the CLI prints and the web pages and JSON API show. */
import type { Diagnostic } from '../model/diagnostic.js';
import type { CorpusCount, IndicatorKind } from '../model/indicator.js';
import type { RuleDocument } from '../model/rule.js';
import type { ParsedQuery } from '../model/stage.js';
import type { EventRef } from '../knowledge/events/index.js';
import type { ReportDiagnostic } from '../analysis/report/index.js';
import type { SourceStats } from './stats.js';

export interface RuleSummary {
  key: string;
  id: string;
  title: string;
  language: string | null;
  format: string;
  source: string;
  path: string;
  severity: string | null;
  status: string | null;
  parsed: boolean;
}

export interface IndicatorView extends CorpusCount {
  field: string | null;
  canonical: string;
  op: string;
  value: string;
  kind: IndicatorKind;
  equivalence: string;
}

export interface RuleView extends RuleSummary {
  document: RuleDocument;
  query: ParsedQuery | null;
  events: EventRef[];
  diagnostics: Diagnostic[];
  /** Corpus counts here exclude the rule itself. */
  indicators: IndicatorView[];
  remote: string | null;
}

export interface Facet {
  value: string;
  count: number;
}

export interface SearchQuery {
  text?: string;
  language?: string;
  source?: string;
  technique?: string;
  /** Technique ids of the requested tactic, resolved by the caller from the loaded ATT&CK data. */
  tacticTechniques?: string[];
  field?: string;
  /** Taxonomy concept of `field`, resolved by the caller. */
  canonical?: string;
  value?: string;
  op?: string;
  severity?: string;
  status?: string;
  event?: string;
  limit?: number;
  offset?: number;
  /** Count facets over every match, however many (pages that show them as exact figures). */
  exactFacets?: boolean;
}

export interface SearchResult {
  total: number;
  rules: RuleSummary[];
  facets: Record<'language' | 'source' | 'severity' | 'status' | 'provider', Facet[]>;
  /** Set when the facets were counted over the first this many matches only (a broad search): estimates. */
  facetsOver?: number;
}

/** What names an indicator in the catalog: the four parts its corpus counts are kept by. */
export interface IndicatorKey {
  kind: string;
  canonical: string;
  op: string;
  value: string;
}

/** Another indicator of the same equivalence class, with its own corpus counts. */
export interface EquivalentIndicator extends IndicatorKey {
  count: number;
  byLanguage: Record<string, number>;
}

/** How rules of one language write an indicator's field, and how many do. */
export interface IndicatorField {
  field: string;
  language: string;
  count: number;
}

export interface RuleProblem {
  key: string;
  title: string;
  language: string | null;
  format: string;
  status: string | null;
  path: string;
  diagnostics: ReportDiagnostic[];
}

/** A rule its repository keeps only for the record (`knowledge/rules/lifecycle`). */
export interface DeprecatedRule {
  key: string;
  title: string;
  status: string | null;
  path: string;
}

export interface FileProblem {
  path: string;
  format: string | null;
  diagnostics: ReportDiagnostic[];
}

export interface FormatLanguageCount {
  format: string;
  language: string;
  rules: number;
  parsed: number;
}

/** One source with its rules per format and language and what went wrong where. */
export interface SourceView {
  source: SourceStats;
  formats: FormatLanguageCount[];
  rulesWithDiagnostics: RuleProblem[];
  /** Every deprecated rule counted, the first ones listed. */
  deprecated: { total: number; rules: DeprecatedRule[] };
  filesWithDiagnostics: FileProblem[];
}
