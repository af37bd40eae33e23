/** Events as the engine sees them: a record as an event file holds it, and the same record normalized. */

/** A value in an event: JSON's values. */
export type EventValue = string | number | boolean | null | EventValue[] | { [key: string]: EventValue };

/** The shapes of event the readers recognise. */
export const EVENT_SHAPES = [
  /** `{"Event": {"System": …, "EventData"|"UserData": …}}`: EVTX records and SigmaHQ's JSON twins. */
  'windows-xml',
  /** Sysmon/Security field names at the top level, as many exporters write. */
  'windows-flat',
  /** Elastic Common Schema documents (winlogbeat, Elastic Agent), dotted or nested keys. */
  'ecs',
  /** Splunk JSON exports (`result` objects). */
  'splunk',
  /** Microsoft Defender XDR / Sentinel rows (`DeviceProcessEvents` columns, a `Type` or table field). */
  'defender',
  /** Any other JSON object. */
  'json',
] as const;
export type EventShape = (typeof EVENT_SHAPES)[number];

/** Where a record came from: the file, the record's 0-based position in it, and the EVTX record id and time. */
export interface EventOrigin {
  file: string;
  index: number;
  recordId?: number;
  /** When the record was written, as the EVTX record header says (ISO 8601, UTC, microseconds). */
  time?: string;
}

/** One record as read, before normalization. */
export interface EventRecord {
  type: 'event';
  shape: EventShape;
  origin: EventOrigin;
  /**
   * The record's tree as read. For `windows-xml` it is exactly the tree of SigmaHQ's JSON twins:
   * `{Event: {"#attributes", System: {Provider: {"#attributes": {Name, Guid}}, EventID, …}, EventData: {…}}}`.
   */
  data: { [key: string]: EventValue };
}

/** A record normalized: its place in the event catalog, its time, and a view in every schema. */
export interface NormalizedEvent {
  type: 'normalized-event';
  record: EventRecord;
  /** Event catalog provider id (`sysmon`, `security`, `powershell`, `ecs`, `defender`…), when known. */
  provider?: string;
  /** The event id within the provider (`1`, `4688`, `DeviceProcessEvents`), when known. */
  eventId?: string;
  /** Event catalog ids this event is (`sysmon:1`); empty when unknown. */
  events: string[];
  /** Milliseconds since the epoch, when the record has a time. */
  time?: number;
  /** The record's own fields, flattened (Windows: `EventData` names plus `EventID`, `Channel`, `Provider_Name`…). */
  fields: Record<string, EventValue>;
  /** The same event in each schema of the field taxonomy (`sigma`, `windows`, `ecs`, `cim`, `defender`, `udm`…). */
  views: Record<string, Record<string, EventValue>>;
  /** The text raw search terms match against (the XML rendering for Windows events, the JSON text otherwise). */
  raw: string;
}
