/**
 * The kinds of event a rule reads, compared across languages: its catalog events as activity, platform and,
 * where a provider has several events of one activity (Sysmon 12, 13, 14 are all registry events), the event.
 * `sysmon:1`, `security:4688`, `defender-xdr:DeviceProcessEvents`, `elastic:process` are all process creation.
 */
import type { ParsedRule } from '../../model/rule.js';
import { eventsForRule, providers, type EventRef, type Provider } from '../../knowledge/events/index.js';
import { sources } from '../../knowledge/events/sources.js';
import { readDataFile } from '../../knowledge/data-file.js';

/** `activity|platform|event`: platform `*` is any, event empty is any event of the activity. */
export type EventType = string;

interface ActivityIndex {
  /** `provider:event` → activities. */
  byEvent: Map<string, string[]>;
  /** `provider|activity` → how many of the provider's events the activity holds. */
  perProvider: Map<string, number>;
  platforms: Record<string, string>;
  byProviderName: Map<string, Provider>;
}

let index: ActivityIndex | undefined;

function activityIndex(): ActivityIndex {
  if (index) return index;
  const byEvent = new Map<string, string[]>();
  const perProvider = new Map<string, number>();
  const add = (key: string, activity: string): void => {
    byEvent.set(key, [...new Set([...(byEvent.get(key) ?? []), activity])]);
    const slot = `${providerOf(key)}|${activity}`;
    perProvider.set(slot, (perProvider.get(slot) ?? 0) + 1);
  };
  const data = sources();
  for (const [activity, keys] of Object.entries(data.activities)) for (const key of keys) add(key, activity);
  for (const [category, activities] of Object.entries(data.elasticCategories))
    for (const activity of activities) add(`elastic:${category}`, activity);
  const extra = readDataFile<{ activities: Record<string, string>; platforms: Record<string, string> }>(
    'event-activities.json',
  );
  for (const [key, activity] of Object.entries(extra.activities)) add(key, activity);
  const byProviderName = new Map(providers().map((p) => [p.name, p]));
  index = { byEvent, perProvider, platforms: extra.platforms, byProviderName };
  return index;
}

function providerOf(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon);
}

/** `provider:event`, or the provider id alone for its whole log. */
function eventKey(ref: EventRef, p: Provider): string {
  if (p.kind === 'event-id' && ref.event.startsWith('Event ID ')) return `${p.id}:${ref.event.slice(9)}`;
  if (p.kind === 'log' || ref.event === (p.log ?? 'All events')) return p.id;
  return `${p.id}:${ref.event}`;
}

function typesOfKey(key: string, x: ActivityIndex): EventType[] {
  const provider = providerOf(key);
  const platform = x.platforms[provider] ?? '*';
  const activities = x.byEvent.get(key);
  if (!activities) return [`${key}|${platform}|`];
  return activities.map(
    (a) => `${a}|${platform}|${(x.perProvider.get(`${provider}|${a}`) ?? 0) > 1 ? key : ''}`,
  );
}

/** The kinds of event a rule reads; null when it names none (it may read any). */
export function ruleEventTypes(parsed: ParsedRule): EventType[] | null {
  const { rule, query } = parsed;
  const refs = eventsForRule({
    context: rule.context,
    dataSources: query?.dataSources ?? [],
    predicates: query ? query.stages.flatMap((s) => s.predicates) : [],
    terms: query ? query.stages.flatMap((s) => s.terms) : [],
  });
  const x = activityIndex();
  const keys = refs.flatMap((ref) => {
    const p = x.byProviderName.get(ref.provider);
    return p ? [eventKey(ref, p)] : [];
  });
  const types = new Set(keys.flatMap((k) => typesOfKey(k, x)));
  return types.size ? [...types].sort() : null;
}

/** Two kinds of event can be the same events: one activity, no two different platforms or events. */
export function typesCompatible(a: EventType, b: EventType): boolean {
  if (a === b) return true;
  const [activityA, platformA, eventA] = a.split('|');
  const [activityB, platformB, eventB] = b.split('|');
  if (activityA !== activityB) return false;
  if (platformA !== '*' && platformB !== '*' && platformA !== platformB) return false;
  return eventA === '' || eventB === '' || eventA === eventB;
}

/** `process_creation (windows)`, `registry_event (windows, sysmon:13)`: an event type for people. */
export function eventTypeText(type: EventType): string {
  const [activity, platform, event] = type.split('|');
  const detail = [platform === '*' ? '' : platform, event].filter(Boolean).join(', ');
  return detail ? `${activity} (${detail})` : activity;
}
