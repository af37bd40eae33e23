/**
 * What an Elastic rule's type adds to its parsed query: a `threshold` rule counts the query's events per group
 * within its lookback; indicator match, new terms and machine learning rules read what events alone do not hold.
 */
import type { Predicate } from '../../model/predicate.js';
import type { RuleDocument } from '../../model/rule.js';
import type { Measure, ParsedQuery, Stage } from '../../model/stage.js';
import { lookupTable } from '../../text/lookup.js';
import { asTable } from './toml-file.js';

const UNIT_MS: Readonly<Record<string, number>> = lookupTable({
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
});

/** `from = "now-9m"`: the rule's lookback in milliseconds. */
function lookbackMs(from: unknown): number | undefined {
  const m = typeof from === 'string' ? /^now-(\d+)([smhd])$/.exec(from.trim()) : null;
  return m ? Number(m[1]) * UNIT_MS[m[2]] : undefined;
}

function fieldList(value: unknown): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

function reasonFor(type: string, metadata: Record<string, unknown>): string | undefined {
  switch (type) {
    case 'threat_match': {
      const index = fieldList(metadata.threat_index).join(', ');
      return `an indicator match rule compares events with threat intelligence indicators${index ? ` (${index})` : ''}, which are external data`;
    }
    case 'new_terms': {
      const fields = fieldList(asTable(metadata.new_terms)?.value ?? metadata.new_terms_fields).join(', ');
      return `a new terms rule fires on values${fields ? ` of ${fields}` : ''} not seen in its history window, which needs the events before the hunt`;
    }
    case 'machine_learning':
      return 'a machine learning rule fires on the anomaly scores of its jobs, not on events';
  }
  return undefined;
}

function comparison(field: string, limit: number): Predicate {
  return {
    type: 'predicate',
    field,
    op: 'gte',
    values: [String(limit)],
    negated: false,
    caseSensitive: false,
    all: false,
  };
}

function stage(index: number, kind: string, text: string): Stage {
  return { type: 'stage', index, kind, text, predicates: [], terms: [] };
}

/**
 * `[rule.threshold]` (`field`, `value`, `cardinality`): a counting stage after the query's, grouped by the fields
 * within the lookback, and a stage keeping the groups whose count (and distinct counts) reach the values.
 */
function addThreshold(
  query: ParsedQuery,
  threshold: Record<string, unknown>,
  windowMs: number | undefined,
): void {
  const limit = Number(threshold.value ?? 1);
  const measures: Measure[] = [{ name: 'count', function: 'count' }];
  const predicates: Predicate[] = [comparison('count', Number.isFinite(limit) ? limit : 1)];
  const cardinality = Array.isArray(threshold.cardinality) ? threshold.cardinality : [];
  for (const entry of cardinality) {
    const table = asTable(entry);
    const field = typeof table?.field === 'string' ? table.field : undefined;
    if (!field) continue;
    const name = `cardinality(${field})`;
    measures.push({ name, function: 'dc', field });
    predicates.push(comparison(name, Number(table?.value ?? 1)));
  }
  const groupBy = fieldList(threshold.field);
  const counting = stage(query.stages.length, 'threshold', `threshold by ${groupBy.join(', ') || 'all'}`);
  counting.aggregation = {
    type: 'aggregation',
    function: 'count',
    groupBy,
    threshold: { type: 'true' },
    measures,
  };
  if (windowMs !== undefined) counting.aggregation.windowMs = windowMs;
  const filter = stage(
    query.stages.length + 1,
    'where',
    predicates.map((p) => `${p.field} >= ${p.values[0]}`).join(' and '),
  );
  filter.predicates = predicates;
  query.stages.push(counting, filter);
}

/** The parsed query of an Elastic rule with its type's meaning added (in place). */
export function applyRuleKind(rule: RuleDocument, query: ParsedQuery): ParsedQuery {
  const type = typeof rule.context.type === 'string' ? rule.context.type : '';
  const reason = reasonFor(type, rule.metadata);
  if (reason && query.stages.length > 0) query.stages[0].notEvaluable = reason;
  const threshold = asTable(rule.metadata.threshold);
  if (type === 'threshold' && threshold && query.stages.length > 0)
    addThreshold(query, threshold, lookbackMs(rule.metadata.from));
  return query;
}
