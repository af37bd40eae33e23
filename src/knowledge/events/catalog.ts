/** The event catalog: providers (Windows channels, products, tables, schemas) and their events, from the data file. */
import { readDataFile } from '../data-file.js';

/** One row of a rule's event coverage: `{provider:'Sysmon', event:'Event ID 1', title:'Process creation'}`. */
export interface EventRef {
  provider: string;
  event: string;
  title: string;
}

export type ProviderKind = 'event-id' | 'name' | 'log';

export interface Provider {
  id: string;
  name: string;
  /** `event-id`: events keyed by number; `name`: by name (tables, categories); `log`: the log as a whole. */
  kind: ProviderKind;
  /** The channel or log name, shown when the whole log is meant. */
  log?: string;
  logTitle?: string;
  aliases?: string[];
  events?: Record<string, string>;
  /** Id ranges that belong to the provider though the catalog does not list every id (Windows Security). */
  ranges?: Array<[number, number]>;
  /** Data source kinds whose values name this provider's events (`table`, `category`, `datamodel`, `event_type`). */
  via?: string[];
  eventAliases?: Record<string, string>;
  /** Events (tables) that stand for an event-id log, so EventID predicates narrow to that log's events. */
  implies?: Record<string, string[]>;
}

interface ProvidersFile {
  providers: Provider[];
}

interface CatalogIndex {
  byId: Map<string, Provider>;
  byAlias: Map<string, Provider>;
  /** Lower-cased event name → [provider, event key], per data source kind. */
  byVia: Map<string, Map<string, [Provider, string]>>;
}

let index: CatalogIndex | undefined;

function catalog(): CatalogIndex {
  if (index) return index;
  const byId = new Map<string, Provider>();
  const byAlias = new Map<string, Provider>();
  const byVia = new Map<string, Map<string, [Provider, string]>>();
  for (const p of readDataFile<ProvidersFile>('event-providers.json').providers) {
    byId.set(p.id, p);
    for (const alias of [p.id, ...(p.aliases ?? []), ...(p.log ? [p.log] : [])]) {
      if (!byAlias.has(alias.toLowerCase())) byAlias.set(alias.toLowerCase(), p);
    }
    for (const kind of p.via ?? []) {
      const names = byVia.get(kind) ?? new Map<string, [Provider, string]>();
      for (const key of Object.keys(p.events ?? {})) names.set(key.toLowerCase(), [p, key]);
      for (const [alias, key] of Object.entries(p.eventAliases ?? {})) names.set(alias, [p, key]);
      byVia.set(kind, names);
    }
  }
  index = { byId, byAlias, byVia };
  return index;
}

export function provider(id: string): Provider | undefined {
  return catalog().byId.get(id);
}

/** Every provider of the catalog, in data-file order. */
export function providers(): Provider[] {
  return [...catalog().byId.values()];
}

/** The provider a log, channel or product name refers to (`Security`, `Microsoft-Windows-Sysmon/Operational`, `sysmon`). */
export function providerByName(name: string): Provider | undefined {
  return catalog().byAlias.get(name.trim().toLowerCase());
}

/** The provider and event key a data source value names, for a data source kind (`table` → `DeviceProcessEvents`). */
export function eventByDataSource(kind: string, value: string): [Provider, string] | undefined {
  return catalog().byVia.get(kind)?.get(value.trim().toLowerCase());
}

/** The catalog row of `provider:event`, or the whole-log row for a bare provider id. */
export function eventRow(key: string): EventRef | undefined {
  const colon = key.indexOf(':');
  const p = provider(colon < 0 ? key : key.slice(0, colon));
  if (!p) return undefined;
  if (colon < 0) return logRow(p);
  return eventOf(p, key.slice(colon + 1));
}

export function logRow(p: Provider): EventRef {
  return { provider: p.name, event: p.log ?? 'All events', title: p.logTitle ?? `Any ${p.name} event` };
}

/** A provider's event; an id the catalog does not list still makes a row for an event-id log. */
export function eventOf(p: Provider, event: string): EventRef | undefined {
  const title = p.events?.[event];
  if (p.kind === 'event-id')
    return { provider: p.name, event: `Event ID ${event}`, title: title ?? 'Not in the event catalog' };
  return title === undefined ? undefined : { provider: p.name, event, title };
}

/** Whether an event-id provider owns an id: listed in the catalog or inside one of its ranges. */
export function ownsEventId(p: Provider, id: string): boolean {
  if (p.events?.[id] !== undefined) return true;
  const n = Number(id);
  return (p.ranges ?? []).some(([low, high]) => n >= low && n <= high);
}
