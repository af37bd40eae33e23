/** An event's place in the event catalog (provider, event id, catalog events) and its time, per record shape. */
import { provider as catalogProvider, providerByName } from '../knowledge/events/index.js';
import { ownsEventId } from '../knowledge/events/catalog.js';
import { logNamed } from '../knowledge/events/sources.js';
import type { EventRecord, EventValue } from '../model/event.js';
import { normalizationData } from './normalization-data.js';
import { defenderTable } from './shape.js';

export interface EventIdentity {
  provider?: string;
  eventId?: string;
  events: string[];
}

type Fields = Record<string, EventValue>;

export function eventIdentity(record: EventRecord, fields: Fields): EventIdentity {
  switch (record.shape) {
    case 'windows-xml':
      return logEvent(first(fields, ['Channel', 'Provider_Name']), scalar(fields.EventID));
    case 'defender':
      return tableEvent(defenderTable(record.data) ?? '', fields);
    case 'ecs':
      return ecsEvent(fields);
    default: {
      const data = normalizationData();
      const log = first(fields, data.provider[record.shape] ?? []);
      return logEvent(log, first(fields, data.eventId[record.shape] ?? []));
    }
  }
}

/** A Windows log (channel, provider or Splunk source type) and an event id in it. */
function logEvent(log: string | undefined, eventId: string | undefined): EventIdentity {
  const id = log ? (providerByName(log)?.id ?? logNamed(log)) : undefined;
  if (!id) return { eventId, events: [] };
  const p = catalogProvider(id)!;
  // Any number is an event of an event-id log, listed in the catalog or not.
  const known = eventId !== undefined && p.kind === 'event-id' && /^\d+$/.test(eventId);
  return { provider: id, eventId, events: known ? [`${id}:${eventId}`] : [] };
}

/** Defender XDR and Sentinel rows: the table is the event; a Windows table with an EventID is that log's event too. */
function tableEvent(table: string, fields: Fields): EventIdentity {
  const owner = ['defender-xdr', 'sentinel']
    .map((id) => catalogProvider(id)!)
    .find((p) => p.events !== undefined && Object.hasOwn(p.events, table));
  const id = owner?.id ?? 'defender-xdr';
  const events = [`${id}:${table}`];
  const eventId = scalar(fields.EventID);
  const implies = owner?.implies && Object.hasOwn(owner.implies, table) ? owner.implies[table] : [];
  for (const implied of implies) {
    const p = catalogProvider(implied);
    if (p && eventId !== undefined && /^\d+$/.test(eventId) && ownsEventId(p, eventId))
      events.push(`${implied}:${eventId}`);
  }
  return { provider: id, eventId: table, events };
}

/** ECS documents: a Windows log's event when winlogbeat says which, else the Elastic event category. */
function ecsEvent(fields: Fields): EventIdentity {
  const data = normalizationData();
  const windows = logEvent(first(fields, data.provider.ecs ?? []), first(fields, data.eventId.ecs ?? []));
  if (windows.provider) return windows;
  const { provider, categoryField } = data.ecsProvider;
  const category = scalar(
    Array.isArray(fields[categoryField]) ? (fields[categoryField] as EventValue[])[0] : fields[categoryField],
  );
  const events = catalogProvider(provider)?.events;
  const known = category !== undefined && events !== undefined && Object.hasOwn(events, category);
  return { provider, eventId: category, events: known ? [`${provider}:${category}`] : [] };
}

/** Milliseconds since the epoch from the shape's time fields; numbers below 1e11 are seconds (Splunk `_time`). */
export function eventTime(record: EventRecord, fields: Fields): number | undefined {
  const names = normalizationData().time[record.shape] ?? [];
  for (const name of names) {
    const value = fields[name];
    if (value === undefined || value === null) continue;
    const n =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)
          ? Number(value)
          : NaN;
    if (Number.isFinite(n)) return n < 1e11 ? Math.round(n * 1000) : n;
    if (typeof value === 'string') {
      const ms = Date.parse(utc(value));
      if (Number.isFinite(ms)) return ms;
    }
  }
  return undefined;
}

/** Sysmon's `UtcTime` (`2025-11-27 07:40:10.132`) has no zone: it is UTC. */
function utc(text: string): string {
  return /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
}

function first(fields: Fields, names: string[]): string | undefined {
  for (const name of names) {
    const value = scalar(fields[name]);
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

function scalar(value: EventValue | undefined): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}
