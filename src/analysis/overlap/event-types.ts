/**
 * The kinds of event a rule reads, compared across languages: its catalog events grouped by activity
 * (`sysmon:1`, `security:4688`, `defender-xdr:DeviceProcessEvents`, `elastic:process` are all process creation).
 */
import type { ParsedRule } from '../../model/rule.js';
import { eventsForRule, providers, type EventRef, type Provider } from '../../knowledge/events/index.js';
import { sources } from '../../knowledge/events/sources.js';
import { readDataFile } from '../../knowledge/data-file.js';

interface ActivityIndex {
  /** `provider:event` → activities. */
  byEvent: Map<string, string[]>;
  byProviderName: Map<string, Provider>;
}

let index: ActivityIndex | undefined;

function activityIndex(): ActivityIndex {
  if (index) return index;
  const byEvent = new Map<string, string[]>();
  const add = (key: string, activity: string): void => {
    byEvent.set(key, [...new Set([...(byEvent.get(key) ?? []), activity])]);
  };
  const data = sources();
  for (const [activity, keys] of Object.entries(data.activities)) for (const key of keys) add(key, activity);
  for (const [category, activities] of Object.entries(data.elasticCategories))
    for (const activity of activities) add(`elastic:${category}`, activity);
  const extra = readDataFile<{ activities: Record<string, string> }>('event-activities.json').activities;
  for (const [key, activity] of Object.entries(extra)) add(key, activity);
  index = { byEvent, byProviderName: new Map(providers().map((p) => [p.name, p])) };
  return index;
}

/** `provider:event`, or the provider id alone for its whole log. */
function eventKey(ref: EventRef, p: Provider): string {
  if (p.kind === 'event-id' && ref.event.startsWith('Event ID ')) return `${p.id}:${ref.event.slice(9)}`;
  if (p.kind === 'log' || ref.event === (p.log ?? 'All events')) return p.id;
  return `${p.id}:${ref.event}`;
}

/**
 * The activities of the events a rule reads (`process_creation`), and the keys of its events that belong to no
 * activity; null when the rule names no event at all (it may read any).
 */
export function ruleEventTypes(parsed: ParsedRule): string[] | null {
  const { rule, query } = parsed;
  const refs = eventsForRule({
    context: rule.context,
    dataSources: query?.dataSources ?? [],
    predicates: query ? query.stages.flatMap((s) => s.predicates) : [],
    terms: query ? query.stages.flatMap((s) => s.terms) : [],
  });
  if (refs.length === 0) return null;
  const { byEvent, byProviderName } = activityIndex();
  const keys = refs.flatMap((ref) => {
    const p = byProviderName.get(ref.provider);
    return p ? [eventKey(ref, p)] : [];
  });
  const types = new Set(keys.flatMap((k) => byEvent.get(k) ?? [k]));
  return types.size ? [...types].sort() : null;
}
