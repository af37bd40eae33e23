/** The shapes the catalog answers with: what the CLI prints and the web pages and JSON API show. */
import type { Diagnostic } from '../model/diagnostic.js';
import type { CorpusCount, IndicatorKind } from '../model/indicator.js';
import type { RuleDocument } from '../model/rule.js';
import type { ParsedQuery } from '../model/stage.js';
import type { EventRef } from '../knowledge/events/index.js';
import type { ReportDiagnostic } from '../analysis/report/index.js';
import type { SourceStats } from './stats.js';
import type { RelatedIndicator } from '../analysis/related-indicators.js';

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
  /** ATT&CK technique ids the rule declares, in id order. */
  techniques: string[];
}

export interface IndicatorView extends CorpusCount {
  field: string | null;
  canonical: string;
  op: string;
  value: string;
  kind: IndicatorKind;
  equivalence: string;
  /** For an indicator few other rules share: the nearest indicators whose value holds it or lies within it. */
  related?: RelatedIndicator[];
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

/** One value, or several OR-ed (`language=sigma&language=eql`). */
export type FilterChoice = string | readonly string[];

/** How results are ordered: relevance needs words (without them it falls back to title). */
export const SEARCH_SORTS = ['relevance', 'title', 'date', 'severity'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface SearchQuery {
  text?: string;
  language?: FilterChoice;
  source?: FilterChoice;
  technique?: FilterChoice;
  /** Technique ids of the requested tactics, resolved by the caller from the loaded ATT&CK data. */
  tacticTechniques?: string[];
  /** [technique, tactic shortname] pairs of the loaded ATT&CK data: with them the result counts rules per tactic. */
  tacticPairs?: ReadonlyArray<readonly [string, string]>;
  field?: string;
  /** Taxonomy concept of `field`, resolved by the caller. */
  canonical?: string;
  value?: string;
  op?: string;
  severity?: FilterChoice;
  status?: FilterChoice;
  event?: FilterChoice;
  sort?: SearchSort;
  limit?: number;
  offset?: number;
}

export type FacetName = 'language' | 'source' | 'severity' | 'status' | 'provider' | 'tactic';

export interface SearchResult {
  total: number;
  rules: RuleSummary[];
  /** Each facet counts with every filter but its own, so its other values show what choosing them adds. */
  facets: Record<FacetName, Facet[]>;
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
