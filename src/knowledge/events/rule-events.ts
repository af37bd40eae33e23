/** A rule's event coverage: the catalog events its context, data sources and predicates point to. */
import { provider, type EventRef } from './catalog.js';
import { eventRows } from './narrow.js';
import {
  activityEvents,
  emptyCandidates,
  fromDataCategory,
  fromDataSource,
  fromIndex,
  fromIntegration,
  fromQueryDataSource,
  fromSigma,
  logNamed,
  sources,
  type Candidates,
} from './sources.js';

export interface EventPredicate {
  field: string | null;
  op: string;
  values: string[];
  negated: boolean;
}

export interface EventInput {
  /** The rule document's `context` (Sigma logsource, Splunk `data_source`, Elastic `index`, ...). */
  context: Record<string, string | string[]>;
  /** The parsed query's data sources (`{kind:'table', value:'DeviceProcessEvents'}`). */
  dataSources: Array<{ kind: string; value: string }>;
  predicates: EventPredicate[];
  /** Search terms, optional: SPL `TERM(EventCode=1)` and `"<EventID>1<"` name event ids too. */
  terms?: Array<{ value: string; negated: boolean }>;
}

export function eventsForRule(input: EventInput): EventRef[] {
  const candidates = emptyCandidates();
  fromContext(input.context, candidates);
  const sigmaContext = ['product', 'category', 'service'].some((key) => key in input.context);
  fromDataSources(input.dataSources, sigmaContext, candidates);
  // Integrations say less than index patterns (`azure` names four logs, `FROM logs-azure.auditlogs-*` one):
  // they serve when neither the rule's `index` nor its query names a pattern.
  if (candidates.providers.length === 0)
    for (const name of list(input.context.integration)) fromIntegration(name, candidates);
  const ids = fromPredicates(input.predicates, candidates);
  for (const term of input.terms ?? []) if (!term.negated) ids.push(...termEventIds(term.value));
  byActivity(candidates);
  return eventRows(candidates, [...new Set(ids)]);
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function fromContext(context: Record<string, string | string[]>, into: Candidates): void {
  fromSigma(context, into);
  for (const text of list(context.data_source)) fromDataSource(text, into);
  for (const text of list(context.data_category)) fromDataCategory(text, into);
  for (const pattern of list(context.index)) fromIndex(pattern, into);
  for (const table of list(context.dataTypes)) fromQueryDataSource('table', table, into);
}

/** Sigma's `logsource` reaches the parse as one data source per key; together they are one logsource. */
function fromDataSources(
  dataSources: EventInput['dataSources'],
  sigmaContext: boolean,
  into: Candidates,
): void {
  const logsource: Record<string, string> = {};
  for (const ds of dataSources) {
    if (ds.kind !== 'logsource') fromQueryDataSource(ds.kind, ds.value, into);
    else {
      const colon = ds.value.indexOf(':');
      if (colon > 0) logsource[ds.value.slice(0, colon).trim()] = ds.value.slice(colon + 1).trim();
    }
  }
  if (Object.keys(logsource).length && !sigmaContext) fromSigma(logsource, into);
}

/**
 * Event ids the predicates ask for (`EventID eq 4688`, `event.action eq reset-password`, not negated), and the
 * logs and categories they name.
 */
function fromPredicates(predicates: EventPredicate[], into: Candidates): string[] {
  const s = sources();
  const ids: string[] = [];
  for (const p of predicates) {
    if (p.negated || !p.field || p.op !== 'eq') continue;
    const field = p.field.toLowerCase();
    if (s.eventIdFields.includes(field)) {
      for (const v of p.values) if (/^\s*\d+\s*$/.test(v)) ids.push(String(Number(v)));
      into.hints.push(...(s.eventIdLogs[field] ?? []));
    } else if (s.logFields.includes(field)) {
      for (const v of p.values) {
        const log = logNamed(v);
        if (log) into.events.push(log);
      }
    } else if (s.categoryFields.includes(field)) {
      into.categories.push(...p.values.map((v) => v.toLowerCase()));
    } else if (s.actionFields.includes(field)) {
      // `event.action == "reset-password"` is Security 4724: the action narrows the category to its events.
      for (const v of p.values) ids.push(...(s.eventActions[v.toLowerCase()] ?? []));
    }
  }
  return ids;
}

/** `EventCode=1`, `EventID:4688`, `<EventID>1<`: a search term that names an event id. */
function termEventIds(value: string): string[] {
  const xml = /<EventID[^>]*>\s*(\d+)\s*</i.exec(value);
  if (xml) return [String(Number(xml[1]))];
  const pair = /^([\w.]+)\s*[=:]\s*"?(\d+)"?$/.exec(value.trim());
  return pair && sources().eventIdFields.includes(pair[1].toLowerCase()) ? [String(Number(pair[2]))] : [];
}

/**
 * Elastic `index` providers × `event.category`: each provider's events for the category's activity.
 * A log read as a whole (CloudTrail) needs no category; when no provider has events for the
 * categories, the rule still reads those logs, whole.
 */
function byActivity(c: Candidates): void {
  const providers = [...new Set(c.providers)];
  const categories = [...new Set(c.categories)];
  if (providers.length === 0) {
    c.events.push(...categories.map((cat) => `elastic:${cat}`));
    return;
  }
  const activities = categories.flatMap((cat) => sources().elasticCategories[cat] ?? []);
  const found: string[] = [];
  for (const p of providers) {
    if (p === 'elastic')
      found.push(...(categories.length ? categories.map((cat) => `elastic:${cat}`) : ['elastic']));
    else if (categories.length === 0 || provider(p)?.kind === 'log') found.push(p);
    else found.push(...activities.flatMap((a) => activityEvents(a, [p])));
  }
  c.events.push(...(found.length ? found : providers));
}
