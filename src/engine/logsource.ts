/**
 * Which events a rule sees: its logsource (Sigma `product`/`category`/`service`) mapped through the event
 * catalog to `provider:event` keys or whole logs. A rule without a logsource sees every event.
 */
import { NotEvaluable } from './not-evaluable.js';
import type { NormalizedEvent } from '../model/event.js';
import type { ParsedRule } from '../model/rule.js';
import { emptyCandidates, fromQueryDataSource, fromSigma } from '../knowledge/events/sources.js';
import { withSchemaEquivalents } from './schema-events.js';

export interface LogsourceScope {
  /** Event keys (`sysmon:1`) and provider ids (`security`, the whole log) the rule reads; null: any event. */
  keys: string[] | null;
  /** The logsource as written, for messages. */
  written: string;
}

function logsourceContext(parsed: ParsedRule): Record<string, string> {
  const context: Record<string, string> = {};
  for (const key of ['product', 'category', 'service']) {
    const value = parsed.rule.context[key];
    if (typeof value === 'string') context[key] = value;
  }
  for (const ds of parsed.query?.dataSources ?? []) {
    if (ds.kind !== 'logsource') continue;
    const colon = ds.value.indexOf(':');
    if (colon > 0) context[ds.value.slice(0, colon)] ??= ds.value.slice(colon + 1);
  }
  return context;
}

export function ruleLogsource(parsed: ParsedRule): LogsourceScope {
  const context = logsourceContext(parsed);
  const written = Object.entries(context)
    .map(([k, v]) => `${k}:${v}`)
    .join(' ');
  const candidates = emptyCandidates();
  if (written) fromSigma(context, candidates);
  for (const ds of parsed.query?.dataSources ?? [])
    if (ds.kind !== 'logsource') fromQueryDataSource(ds.kind, ds.value, candidates);
  const keys = withSchemaEquivalents(candidates.events);
  if (keys.length === 0 && written)
    throw new NotEvaluable(`logsource ${written} maps to no event of the event catalog`);
  return { keys: keys.length ? keys : null, written };
}

/** The keys an event answers to: its catalog events and its provider (for rules reading the whole log). */
export function eventKeys(event: NormalizedEvent): string[] {
  const keys = [...event.events];
  if (event.provider) keys.push(event.provider);
  return keys;
}
