/** The event normalization facts of `event-normalization.json`, typed. */
import { readDataFile } from '../knowledge/data-file.js';
import type { EventShape, EventValue } from '../model/event.js';

export interface NormalizationData {
  shapes: {
    windowsXml: { root: string; system: string; data: string[] };
    splunk: { result: string };
    defender: { tableFields: string[]; columns: string[] };
    ecs: { keys: string[] };
    windowsFlat: { keys: string[] };
  };
  /** Shape → the language whose schemas read its own field names. */
  languages: Record<EventShape, string>;
  time: Partial<Record<EventShape, string[]>>;
  eventId: Partial<Record<EventShape, string[]>>;
  provider: Partial<Record<EventShape, string[]>>;
  ecsProvider: { provider: string; categoryField: string };
  /** Catalog event (`sysmon:1`) or provider (`sysmon`) → schema → the scope its names hold in. */
  scopes: Record<string, Record<string, string>>;
  /**
   * Catalog event, provider or record shape → schema → fields its view holds whatever the record says
   * (`sysmon:1` → `ecs` → `event.category: ["process"]`).
   */
  viewConstants: Record<string, Record<string, Record<string, EventValue>>>;
  /** Concept the record lacks → the concept whose value stands in for it (`host.id` → `host.name`). */
  conceptFallbacks: Record<string, string>;
  /** Concept of a hash list → algorithm (upper case) → concept of that hash. */
  hashLists: Record<string, Record<string, string>>;
  /** Schema → the field of its view that names the event's scope (UDM's `metadata.event_type`). */
  scopeFields: Record<string, string>;
}

export function normalizationData(): NormalizationData {
  return readDataFile<NormalizationData>('event-normalization.json');
}
