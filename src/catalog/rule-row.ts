/** A rule flattened to what the catalog stores: scalars and JSON text, cheap to pass between threads. */
import type { AnalyzedRule } from '../analysis/analyze.js';
import type { Indicator } from '../model/indicator.js';
import { packJson } from './packed-json.js';

/** An indicator as the catalog stores it, one row of the `indicators` table. */
export type IndicatorRow = Omit<Indicator, 'type'>;

export interface RuleRow {
  ruleId: string;
  title: string;
  description: string | null;
  status: string | null;
  severity: string | null;
  language: string | null;
  format: string;
  parsed: boolean;
  errors: number;
  queryText: string | null;
  tags: string;
  /** The rule document and its parse, packed (packed-json.ts). */
  document: Uint8Array;
  query: Uint8Array | null;
  events: string;
  diagnostics: string;
  /** The last date the rule states (modified, else created) as `YYYY-MM-DD`, for sorting by date. */
  updated: string | null;
  indicators: IndicatorRow[];
  techniques: string[];
  /** [provider, event] */
  eventKeys: Array<[string, string]>;
}

export function toRuleRow(a: AnalyzedRule): RuleRow {
  const { rule } = a;
  return {
    ruleId: rule.id,
    title: rule.title,
    description: rule.description ?? null,
    status: rule.status ?? null,
    severity: rule.severity ?? null,
    language: rule.language,
    format: rule.format,
    parsed: a.parsed,
    errors: a.diagnostics.filter((d) => d.severity === 'error').length,
    queryText: rule.query?.text ?? null,
    tags: rule.tags.join(' '),
    document: packJson(rule),
    query: a.query ? packJson(a.query) : null,
    events: JSON.stringify(a.events),
    diagnostics: JSON.stringify(a.diagnostics),
    updated: ruleDate(rule.modified ?? rule.date),
    indicators: a.indicators.map(({ type: _type, ...row }) => row),
    techniques: rule.attack.techniques,
    eventKeys: a.events.map((e) => [e.provider, e.event]),
  };
}

/** A rule's date as the catalog sorts it: formats write `2020/02/18` or `2020-02-18`. */
export function ruleDate(written: string | undefined): string | null {
  return written ? written.trim().replace(/\//g, '-') : null;
}
