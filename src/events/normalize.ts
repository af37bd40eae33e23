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
 * Fields, provider and event id are computed at once; time, concepts, views and `raw` on first use, since
 * most events of a hunt are only ever looked at through a few fields. A class rather than closures per
 * event: a hunt normalizes millions of events and the collector pays for every closure.
 */
class LazyEvent implements NormalizedEvent {
  readonly type = 'normalized-event';
  provider?: string;
  eventId?: string;
  events: string[];
  private timeValue: number | undefined | null = null;
  private viewTable: Record<string, Fields> | undefined;
  private rawText: string | undefined;
  private conceptTable: Map<string, EventValue> | undefined;

  constructor(
    readonly record: EventRecord,
    readonly fields: Fields,
    readonly context: ViewContext,
  ) {
    const identity = eventIdentity(record, fields);
    if (identity.provider !== undefined) this.provider = identity.provider;
    if (identity.eventId !== undefined) this.eventId = identity.eventId;
    this.events = identity.events;
  }

  get time(): number | undefined {
    if (this.timeValue === null) this.timeValue = eventTime(this.record, this.fields);
    return this.timeValue;
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

  get concepts(): ReadonlyMap<string, EventValue> {
    this.conceptTable ??= eventConcepts(this.fields, this.context);
    return this.conceptTable;
  }

  toJSON(): NormalizedEvent {
    const { type, record, provider, eventId, events, time, fields, raw } = this;
    return { type, record, provider, eventId, events, time, fields, views: this.views, raw };
  }
}

/**
 * An event's views: one getter per taxonomy schema on the prototype (made once, shared by every event),
 * each building its view on first read. Own keys appear as views are read; `toJSON` gives them all.
 */
class SchemaViews {
  private readonly built: Record<string, Fields> = {};
  constructor(private readonly event: LazyEvent) {}

  view(schema: string): Fields {
    return (this.built[schema] ??= schemaView(
      schema,
      this.event.fields,
      this.event.concepts,
      this.event.context,
    ));
  }

  toJSON(): Record<string, Fields> {
    return Object.fromEntries(schemaIds().map((schema) => [schema, this.view(schema)]));
  }
}

for (const schema of schemaIds())
  Object.defineProperty(SchemaViews.prototype, schema, {
    enumerable: true,
    get(this: SchemaViews) {
      return this.view(schema);
    },
  });

function lazyViews(event: LazyEvent): Record<string, Fields> {
  return new SchemaViews(event) as unknown as Record<string, Fields>;
}

export function normalizeEvent(record: EventRecord): NormalizedEvent {
  const fields = recordFields(record);
  const context: ViewContext = { language: normalizationData().languages[record.shape], keys: [] };
  const event = new LazyEvent(record, fields, context);
  // Most specific first: the catalog events, the provider, then the record's shape (for view constants).
  context.keys = [...event.events, ...(event.provider ? [event.provider] : []), record.shape];
  return event;
}

/**
 * The event's values by taxonomy concept (`process.image_path`, `process.name`, `process.hash.sha1`…),
 * derived ones included: what a rule's field resolves to through `canonicalField`.
 */
export function conceptValues(event: NormalizedEvent): ReadonlyMap<string, EventValue> {
  if (event instanceof LazyEvent) return event.concepts;
  return eventConcepts(event.fields, {
    language: normalizationData().languages[event.record.shape],
    keys: event.events,
  });
}
