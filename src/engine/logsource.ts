/**
 * Which events a rule sees: its logsource (Sigma `product`/`category`/`service`) mapped through the event
 * catalog to `provider:event` keys or whole logs. A rule without a logsource sees every event.
 */
import { NotEvaluable } from './not-evaluable.js';
import type { NormalizedEvent } from '../model/event.js';
import type { ParsedRule } from '../model/rule.js';
import {
  categoryEvents,
  emptyCandidates,
  fromQueryDataSource,
  fromSigma,
} from '../knowledge/events/sources.js';
import { scopedEvents } from '../knowledge/events/scoped-events.js';

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
  const named = emptyCandidates();
  for (const ds of parsed.query?.dataSources ?? [])
    if (ds.kind !== 'logsource') fromQueryDataSource(ds.kind, ds.value, named);
  // A table or data model (`cim:Endpoint.Processes`, `DeviceProcessEvents`) also reads the events whose scope in
  // its schema it names, and the logs it stands for (`SecurityEvent` is the Security log).
  const scoped = named.events.flatMap((key) => {
    const colon = key.indexOf(':');
    return colon > 0 ? scopedEvents(key.slice(0, colon), key.slice(colon + 1)) : [];
  });
  // EQL event categories name no log: each is read in every log that has its events.
  const categories = [...new Set([...candidates.categories, ...named.categories])].flatMap(categoryEvents);
  const keys = [
    ...new Set([...candidates.events, ...named.events, ...scoped, ...named.hints, ...categories]),
  ];
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
