/**
 * Sets of log events as people name them (`sysmon:1,3,11;security:4688`, `security` for a whole log) and
 * whether a rule's events are among them: what a rule can still see when only some logs are collected.
 */
import { providerByName, providers, type EventRef, type Provider } from './catalog.js';

/** Event keys (`sysmon:1`, `defender-xdr:deviceprocessevents`) and whole logs (`security`), lower case. */
export type EventSet = ReadonlySet<string>;

export type EventSetParse = { events: EventSet } | { problem: string };

/** `provider:event,event;provider` → keys; a provider is named by id, name, alias or channel. */
export function parseEventSet(text: string): EventSetParse {
  const keys = new Set<string>();
  for (const group of text
    .split(';')
    .map((g) => g.trim())
    .filter(Boolean)) {
    const colon = group.indexOf(':');
    const name = colon < 0 ? group : group.slice(0, colon);
    const p = providerByName(name);
    if (!p) return { problem: `Unknown log ${JSON.stringify(name)} in ${JSON.stringify(text)}` };
    if (colon < 0) {
      keys.add(p.id);
      continue;
    }
    const events = group
      .slice(colon + 1)
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    if (events.length === 0) keys.add(p.id);
    for (const e of events) keys.add(`${p.id}:${eventKeyOf(p, e)}`);
  }
  return keys.size ? { events: keys } : { problem: `No log events in ${JSON.stringify(text)}` };
}

/** Numbers as the catalog keys them (`01` → `1`), names without case. */
function eventKeyOf(p: Provider, event: string): string {
  return p.kind === 'event-id' && /^\d+$/.test(event) ? String(Number(event)) : event.toLowerCase();
}

let byName: Map<string, Provider> | undefined;

/** The key of a row of a rule's event coverage: `sysmon:1`, or the provider id when the whole log is meant. */
export function eventRefKey(ref: EventRef): string | undefined {
  byName ??= new Map(providers().map((p) => [p.name, p]));
  const p = byName.get(ref.provider);
  if (!p) return undefined;
  if (p.kind === 'event-id') {
    const id = /^Event ID (\d+)$/.exec(ref.event);
    return id ? `${p.id}:${Number(id[1])}` : p.id;
  }
  return p.events?.[ref.event] !== undefined ? `${p.id}:${ref.event.toLowerCase()}` : p.id;
}

function providerOf(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon);
}

/**
 * Whether an event key is collected when only `have` is: listed, or its whole log listed. A rule reading a
 * whole log still sees it when some of that log's events are collected.
 */
export function collectedWith(key: string, have: EventSet): boolean {
  if (have.has(key) || have.has(providerOf(key))) return true;
  return !key.includes(':') && [...have].some((k) => providerOf(k) === key);
}

/** Whether an event key is still collected without `without`: neither it nor its whole log is dropped. */
export function collectedWithout(key: string, without: EventSet): boolean {
  return !without.has(key) && !without.has(providerOf(key));
}
