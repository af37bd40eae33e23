/** The shapes the catalog answers with: what the CLI prints and the web pages and JSON API show. */
import type { Diagnostic } from '../model/diagnostic.js';
import type { CorpusCount, IndicatorKind } from '../model/indicator.js';
import type { RuleDocument } from '../model/rule.js';
import type { ParsedQuery } from '../model/stage.js';
import type { EventRef } from '../knowledge/events/index.js';

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
  /** The folder the rule's source was ingested from. */
  sourceRoot: string;
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
}

export interface SearchResult {
  total: number;
  rules: RuleSummary[];
  facets: Record<'language' | 'source' | 'severity' | 'status' | 'provider', Facet[]>;
}
