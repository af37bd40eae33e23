/**
 * Reading a rule's field from an event: the field as written, then the names the field taxonomy gives the
 * same concept (a Sigma rule on `NewProcessName` reads a Sysmon event's `Image`). A record whose own fields
 * are in the rule language's schema (a Windows event for Sigma) is read directly; any other through its
 * views in the language's schemas, which normalization builds on first use. Each value is resolved once per event.
 */
import type { EventValue, NormalizedEvent } from '../model/event.js';
import { canonicalField, fieldConcept, languageSchemas } from '../knowledge/fields/index.js';
import { normalizationData } from '../events/normalization-data.js';

/** Where to look: a view by schema id, or the record's own fields (`view` null). */
interface Lookup {
  view: string | null;
  name: string;
}

export interface FieldAccess {
  /** Dense id, the slot of the per-event cache. */
  id: number;
  field: string;
  language: string;
  /** Names in the record's own fields, for records native to the language. */
  names: string[];
  lookups: Lookup[];
  /** A column the query computes (`eval`, `extend`): its value in the event, in place of a lookup. */
  compute?: (scope: EventScope) => EventValue | undefined;
}

/** Where a rule's field names lead: the event's fields, or columns the query computed before. */
export interface FieldResolver {
  access(field: string, language: string): FieldAccess;
}

/** A field's values in one event: strings (arrays flattened), with their lower-case forms; null when absent. */
export interface FieldValues {
  raw: string[];
  lower: string[];
}

function lookupsFor(field: string, language: string): Lookup[] {
  const schemas = languageSchemas(language);
  const out: Lookup[] = [...schemas.map((view) => ({ view, name: field })), { view: null, name: field }];
  const concept = canonicalField(field, { language });
  const names = concept ? fieldConcept(concept)?.names : undefined;
  if (!names) return out;
  for (const schema of schemas)
    for (const written of names[schema] ?? []) {
      // A name that holds only in a scope (`FolderPath@DeviceProcessEvents`) is not a plain alias.
      if (written.includes('@') || written === field) continue;
      out.push({ view: schema, name: written }, { view: null, name: written });
    }
  return out;
}

/** Interns field accesses so every rule reading `Image` in Sigma shares one cache slot. */
export class FieldTable implements FieldResolver {
  private readonly byKey = new Map<string, FieldAccess>();
  readonly all: FieldAccess[] = [];

  access(field: string, language: string): FieldAccess {
    const key = `${language}\u0000${field}`;
    let found = this.byKey.get(key);
    if (!found) {
      const lookups = lookupsFor(field, language);
      const names = [...new Set(lookups.map((l) => l.name))];
      found = { id: this.all.length, field, language, names, lookups };
      this.byKey.set(key, found);
      this.all.push(found);
    }
    return found;
  }

  /** A slot of its own for a computed column: no other rule shares its value. */
  computed(field: string, language: string, compute: FieldAccess['compute']): FieldAccess {
    const access: FieldAccess = { id: this.all.length, field, language, names: [], lookups: [], compute };
    this.all.push(access);
    return access;
  }
}

function flatten(value: EventValue, into: string[]): void {
  if (value === null) return;
  if (Array.isArray(value)) for (const v of value) flatten(v, into);
  else if (typeof value === 'object') into.push(JSON.stringify(value));
  else into.push(String(value));
}

function present(value: EventValue | undefined): value is EventValue {
  return value !== undefined && value !== null;
}

export function readField(event: NormalizedEvent, access: FieldAccess): EventValue | undefined {
  for (const { view, name } of access.lookups) {
    const source = view === null ? event.fields : event.views[view];
    const value = source?.[name];
    if (present(value)) return value;
  }
  return undefined;
}

/** The record's own field by the access's names, without building views. */
function ownField(event: NormalizedEvent, access: FieldAccess): EventValue | undefined {
  for (const name of access.names) {
    const value = event.fields[name];
    if (present(value)) return value;
  }
  return undefined;
}

function nativeLanguage(event: NormalizedEvent): string {
  return normalizationData().languages[event.record.shape] ?? '';
}

/** One event as the matchers see it, with the field values they have asked for so far. */
export class EventScope {
  private cache: Array<FieldValues | null | undefined> = [];
  private allValues: FieldValues | undefined;
  private rawLower: string | undefined;
  private compact: Map<string, EventValue> | undefined;

  /** The language the record's own field names are written in (`sigma` for Windows events). */
  private native: string;

  constructor(public event: NormalizedEvent) {
    this.native = nativeLanguage(event);
  }

  reset(event: NormalizedEvent): void {
    this.event = event;
    this.native = nativeLanguage(event);
    this.cache = [];
    this.allValues = undefined;
    this.rawLower = undefined;
    this.compact = undefined;
  }

  /**
   * The record's own field by its name without spaces: Sigma writes Windows EventData names that have
   * spaces (Defender's `Threat Name`) without them (`ThreatName`). Built on the first miss of an event.
   */
  private compactField(field: string): EventValue | undefined {
    if (!this.compact) {
      this.compact = new Map();
      const fields = this.event.fields;
      for (const name in fields)
        if (name.includes(' ')) this.compact.set(name.replaceAll(' ', ''), fields[name]);
    }
    if (this.compact.size === 0) return undefined;
    const value = this.compact.get(field);
    return present(value) ? value : undefined;
  }

  values(access: FieldAccess): FieldValues | null {
    const cached = this.cache[access.id];
    if (cached !== undefined) return cached;
    const value = access.compute
      ? access.compute(this)
      : ((access.language === this.native ? ownField(this.event, access) : readField(this.event, access)) ??
        this.compactField(access.field));
    let out: FieldValues | null = null;
    if (value !== undefined) {
      const raw: string[] = [];
      flatten(value, raw);
      out = raw.length ? { raw, lower: raw.map((r) => r.toLowerCase()) } : null;
    }
    this.cache[access.id] = out;
    return out;
  }

  /** Every value of the record, for keywords: a keyword is searched in all of an event's values. */
  everyValue(): FieldValues {
    if (this.allValues) return this.allValues;
    const raw: string[] = [];
    for (const value of Object.values(this.event.fields)) flatten(value, raw);
    this.allValues = { raw, lower: raw.map((r) => r.toLowerCase()) };
    return this.allValues;
  }

  /** The raw text, lower case, for search terms. */
  rawText(): string {
    this.rawLower ??= this.event.raw.toLowerCase();
    return this.rawLower;
  }
}
