/** Narrows candidate events by the event ids a rule's predicates ask for, placing each id in the log it belongs to. */
import { eventRow, ownsEventId, provider, type EventRef, type Provider } from './catalog.js';
import { sources, type Candidates } from './sources.js';

/** The rows of the candidates, narrowed to `ids` when there are any. */
export function eventRows(candidates: Candidates, ids: string[]): EventRef[] {
  const keys = ids.length ? narrowed(candidates, ids) : candidates.events;
  const rows: EventRef[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    const row = eventRow(key);
    if (!row) continue;
    const id = `${row.provider}\u0000${row.event}`;
    if (seen.has(id)) continue;
    seen.add(id);
    rows.push(row);
  }
  return rows;
}

function isEventIdProvider(key: string): boolean {
  const colon = key.indexOf(':');
  return provider(colon < 0 ? key : key.slice(0, colon))?.kind === 'event-id';
}

function narrowed(candidates: Candidates, ids: string[]): string[] {
  const kept: string[] = [];
  const logs: string[] = [];
  for (const key of candidates.events) {
    if (!isEventIdProvider(key)) kept.push(key);
    else if (!key.includes(':')) logs.push(key);
    else if (ids.includes(key.slice(key.indexOf(':') + 1))) kept.push(key);
  }
  const placed = new Set(kept.filter(isEventIdProvider).map((key) => key.slice(key.indexOf(':') + 1)));
  const hosts = [...new Set([...logs, ...candidates.hints])]
    .map((id) => provider(id))
    .filter((p): p is Provider => p?.kind === 'event-id');
  for (const id of ids) {
    if (placed.has(id)) continue;
    const owner = ownerOf(id, hosts);
    if (owner) kept.push(`${owner.id}:${id}`);
  }
  // Ids that fit nothing the rule reads leave the candidates as they were rather than empty.
  return kept.some(isEventIdProvider) ? kept : candidates.events;
}

/**
 * The log an id belongs to: among the logs the rule reads, the one that owns it (or the only one);
 * with no log implied, the first default log that owns it (Security, PowerShell, System). The
 * Sysmon range is never guessed: ids 1-29 mean Sysmon only when something says Sysmon.
 */
function ownerOf(id: string, hosts: Provider[]): Provider | undefined {
  if (hosts.length === 1) return hosts[0];
  if (hosts.length > 1) return hosts.find((p) => ownsEventId(p, id));
  for (const name of sources().defaultProviders) {
    const p = provider(name);
    if (p && ownsEventId(p, id)) return p;
  }
  return undefined;
}
