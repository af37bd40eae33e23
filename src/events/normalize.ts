/** Normalizes an event record: its catalog events, time, flat fields, a view per schema (lazily) and raw text. */
import type { EventRecord, EventValue, NormalizedEvent } from '../model/event.js';
import { flattenObject } from './flatten.js';
import { eventIdentity, eventTime } from './identity.js';
import { normalizationData } from './normalization-data.js';
import { isObject } from './shape.js';
import { eventConcepts, schemaIds, schemaView, type ViewContext } from './views.js';
import { windowsFields, windowsXml } from './windows.js';

type Fields = Record<string, EventValue>;

/** The record's own fields, flat: Windows System and EventData names, dotted paths for nested JSON. */
export function recordFields(record: EventRecord): Fields {
  switch (record.shape) {
    case 'windows-xml':
      return windowsFields(record.data);
    case 'splunk': {
      const result = record.data[normalizationData().shapes.splunk.result];
      return isObject(result) ? flattenObject(result) : {};
    }
    default:
      return flattenObject(record.data);
  }
}

/**
 * Fields, provider, event id and time are computed at once; concepts, views and `raw` on first use, since
 * most events of a hunt are only ever looked at through a few fields. A class rather than closures per
 * event: a hunt normalizes millions of events and the collector pays for every closure.
 */
class LazyEvent implements NormalizedEvent {
  readonly type = 'normalized-event';
  provider?: string;
  eventId?: string;
  events: string[];
  time?: number;
  private viewTable: Record<string, Fields> | undefined;
  private rawText: string | undefined;
  private conceptTable: Record<string, EventValue> | undefined;

  constructor(
    readonly record: EventRecord,
    readonly fields: Fields,
    readonly context: ViewContext,
  ) {
    const identity = eventIdentity(record, fields);
    if (identity.provider !== undefined) this.provider = identity.provider;
    if (identity.eventId !== undefined) this.eventId = identity.eventId;
    this.events = identity.events;
    const time = eventTime(record, fields);
    if (time !== undefined) this.time = time;
  }

  get raw(): string {
    this.rawText ??=
      this.record.shape === 'windows-xml' ? windowsXml(this.record.data) : JSON.stringify(this.record.data);
    return this.rawText;
  }

  get views(): Record<string, Fields> {
    this.viewTable ??= lazyViews(this);
    return this.viewTable;
  }

  get concepts(): Record<string, EventValue> {
    this.conceptTable ??= eventConcepts(this.fields, this.context);
    return this.conceptTable;
  }

  toJSON(): NormalizedEvent {
    const { type, record, provider, eventId, events, time, fields, raw } = this;
    return { type, record, provider, eventId, events, time, fields, views: this.views, raw };
  }
}

const EVENT = Symbol('event');
type ViewsObject = Record<string, Fields> & { [EVENT]: LazyEvent };

/**
 * One accessor per taxonomy schema, shared by every event (no closure per event); a view is built on
 * first read and replaces its accessor.
 */
const VIEW_ACCESSORS: PropertyDescriptorMap = Object.fromEntries(
  schemaIds().map((schema) => [
    schema,
    {
      enumerable: true,
      configurable: true,
      get(this: ViewsObject) {
        const event = this[EVENT];
        const value = schemaView(schema, event.fields, event.concepts, event.context);
        Object.defineProperty(this, schema, { value, enumerable: true, writable: true, configurable: true });
        return value;
      },
    },
  ]),
);

function lazyViews(event: LazyEvent): Record<string, Fields> {
  return Object.defineProperties({ [EVENT]: event }, VIEW_ACCESSORS) as ViewsObject;
}

export function normalizeEvent(record: EventRecord): NormalizedEvent {
  const fields = recordFields(record);
  const context: ViewContext = { language: normalizationData().languages[record.shape], keys: [] };
  const event = new LazyEvent(record, fields, context);
  context.keys = event.provider ? [...event.events, event.provider] : event.events;
  return event;
}

/**
 * The event's values by taxonomy concept (`process.image_path`, `process.name`, `process.hash.sha1`…),
 * derived ones included: what a rule's field resolves to through `canonicalField`.
 */
export function conceptValues(event: NormalizedEvent): Record<string, EventValue> {
  if (event instanceof LazyEvent) return event.concepts;
  return eventConcepts(event.fields, {
    language: normalizationData().languages[event.record.shape],
    keys: event.events,
  });
}
