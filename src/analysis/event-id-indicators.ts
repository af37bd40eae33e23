/**
 * An event id means nothing without its log: `EventID = 1` is a Sysmon process creation in one rule and a
 * System log event in another. Event id indicators take their provider from the rule's event coverage
 * (`sysmon:1`), so corpus counts never pool different logs' events.
 */
import type { Indicator } from '../model/indicator.js';
import { providerByName, type EventRef } from '../knowledge/events/index.js';
import { requalified } from './indicators.js';

const EVENT_ID = 'event.id';

/** The providers among the rule's events that have event `id`. */
function providersOf(id: string, events: EventRef[]): string[] {
  const wanted = `Event ID ${id}`;
  const ids = events
    .filter((e) => e.event === wanted)
    .map((e) => providerByName(e.provider)?.id)
    .filter((p): p is string => p !== undefined);
  return [...new Set(ids)];
}

export function qualifyEventIds(indicators: Indicator[], events: EventRef[]): Indicator[] {
  return indicators.map((ind) => {
    if (ind.canonical !== EVENT_ID || !/^\d+$/.test(ind.value)) return ind;
    const providers = providersOf(ind.value, events);
    return providers.length === 1 ? requalified(ind, `${providers[0]}:${ind.value}`) : ind;
  });
}
