/** Maps what a rule says about its logs (context, data sources, predicates) to candidate events of the catalog. */
import { readDataFile } from '../data-file.js';
import { eventByDataSource, providerByName } from './catalog.js';

interface SigmaMapping {
  product?: string;
  category?: string;
  service?: string;
  events: string[];
}

export interface SourcesFile {
  sigma: SigmaMapping[];
  activities: Record<string, string[]>;
  elasticCategories: Record<string, string[]>;
  indexes: Array<{ prefix: string; providers: string[]; categories?: string[] }>;
  integrations: Record<string, string[]>;
  dataSources: Record<string, string[]>;
  dataSourcePrefixes: string[];
  dataCategories: Record<string, string[]>;
  eventIdFields: string[];
  logFields: string[];
  categoryFields: string[];
  /** Fields naming what happened (ECS `event.action`), and the Windows event ids each action value is. */
  actionFields: string[];
  eventActions: Record<string, string[]>;
  logPrefixes: string[];
  defaultProviders: string[];
  /** Endgame / eqllib event type → the Elastic event category it is. */
  eventTypes: Record<string, string>;
  /** Event-id field → the logs its ids belong to when the rule names none. */
  eventIdLogs: Record<string, string[]>;
}

export function sources(): SourcesFile {
  return readDataFile<SourcesFile>('event-sources.json');
}

/**
 * What a rule reads, before EventID predicates narrow it. `events` are `provider:event` keys or bare
 * provider ids (a whole log); `hints` are event-id logs that only serve to place EventID values
 * (a `SecurityEvent` table means the Security log); `providers` and `categories` are combined by
 * activity (Elastic `index` × `event.category`).
 */
export interface Candidates {
  events: string[];
  hints: string[];
  providers: string[];
  categories: string[];
}

export function emptyCandidates(): Candidates {
  return { events: [], hints: [], providers: [], categories: [] };
}

/** Sigma `logsource`: every mapping whose given keys all equal the rule's. */
export function fromSigma(context: Record<string, string | string[]>, into: Candidates): void {
  const value = (key: string): string | undefined => {
    const v = context[key];
    return typeof v === 'string' ? v.toLowerCase() : undefined;
  };
  const rule = { product: value('product'), category: value('category'), service: value('service') };
  if (!rule.product && !rule.category && !rule.service) return;
  const matches = sources().sigma.filter(
    (m) =>
      (m.product ?? rule.product) === rule.product &&
      (m.category ?? rule.category) === rule.category &&
      (m.service ?? rule.service) === rule.service,
  );
  // A product-only mapping is the last resort: a category or service mapping says more.
  const specific = matches.filter((m) => m.category || m.service);
  for (const m of specific.length ? specific : matches) into.events.push(...m.events);
}

/** Splunk `data_source` strings: `Sysmon EventID 1`, `Windows Event Log Security 4688`, `X AND Y`, named product events. */
export function fromDataSource(text: string, into: Candidates): void {
  for (const part of text.split(/\s+AND\s+/)) {
    const name = part.trim().toLowerCase().replace(/\.$/, '');
    const known = sources().dataSources[name];
    if (known) {
      into.events.push(...known);
      continue;
    }
    const m = /^(.*?)\s+(?:eventid\s+|eventcode\s+)?(\d+(?:\s*,\s*\d+)*)$/.exec(name);
    const log = m
      ? logNamed(m[1], sources().dataSourcePrefixes)
      : (logNamed(name, sources().dataSourcePrefixes) ?? longestAliasPrefix(name));
    if (!log) continue;
    if (m) into.events.push(...m[2].split(',').map((id) => `${log}:${id.trim()}`));
    else into.events.push(log);
  }
}

/** A provider id for a log name, trying it as written and without each of `prefixes`. */
export function logNamed(name: string, prefixes: string[] = sources().logPrefixes): string | undefined {
  const text = name.trim().toLowerCase().replace(/^"|"$/g, '');
  const direct = providerByName(text);
  if (direct) return direct.id;
  for (const prefix of prefixes)
    if (text.startsWith(prefix)) {
      const found = providerByName(text.slice(prefix.length));
      if (found) return found.id;
    }
  return undefined;
}

/** `AWS CloudTrail ConsoleLogin` → the CloudTrail log: the longest alias that starts the text at a word boundary. */
function longestAliasPrefix(text: string): string | undefined {
  const words = text.split(/\s+/);
  for (let n = words.length - 1; n > 0; n--) {
    const found = providerByName(words.slice(0, n).join(' '));
    if (found) return found.id;
  }
  return undefined;
}

/** Generic analytic `data_category` (`Windows Sysmon`). */
export function fromDataCategory(text: string, into: Candidates): void {
  const key = text.trim().toLowerCase();
  const found = sources().dataCategories[key] ?? (logNamed(key) ? [logNamed(key)!] : undefined);
  if (found) into.events.push(...found);
}

/** Elastic `index` patterns: the providers (and endpoint categories) each pattern reads. */
export function fromIndex(pattern: string, into: Candidates): void {
  const text = pattern
    .trim()
    .toLowerCase()
    .replace(/^[^:]+:/, '');
  const entry = sources().indexes.find((i) => text.startsWith(i.prefix));
  if (!entry) return;
  into.providers.push(...entry.providers);
  into.categories.push(...(entry.categories ?? []));
}

/** Elastic `integration` metadata, used when a rule names no index. */
export function fromIntegration(name: string, into: Candidates): void {
  into.providers.push(...(sources().integrations[name.trim().toLowerCase()] ?? []));
}

/** A data source the parser found in the query. */
export function fromQueryDataSource(kind: string, value: string, into: Candidates): void {
  switch (kind) {
    case 'table':
    case 'datamodel':
    case 'event_type':
      return fromNamedEvent(kind, value, into);
    case 'category': {
      // Endgame and eqllib rules name their events by type (`image_load where ...`), Elastic by category.
      const category = value.toLowerCase();
      into.categories.push(sources().eventTypes[category] ?? category);
      return;
    }
    case 'index':
      return fromIndex(value, into);
    case 'sourcetype':
    case 'source': {
      const log = logNamed(value);
      if (log) into.events.push(log);
      return;
    }
    case 'logsource': {
      const colon = value.indexOf(':');
      if (colon > 0) fromSigma({ [value.slice(0, colon)]: value.slice(colon + 1) }, into);
      return;
    }
  }
}

function fromNamedEvent(kind: string, value: string, into: Candidates): void {
  // `Endpoint.Processes` may come with a dataset path (`Endpoint.Processes.Process_Execution`): try shorter names.
  const parts = value.split('.');
  for (let n = parts.length; n > 0; n--) {
    const found = eventByDataSource(kind, parts.slice(0, n).join('.'));
    if (!found) continue;
    const [p, key] = found;
    into.events.push(`${p.id}:${key}`);
    into.hints.push(...(p.implies?.[key] ?? []));
    return;
  }
}

/** Keys of the events an activity has in the given providers. */
export function activityEvents(activity: string, providerIds: string[]): string[] {
  const keys = sources().activities[activity] ?? [];
  return keys.filter((key) => providerIds.includes(key.slice(0, key.indexOf(':'))));
}
