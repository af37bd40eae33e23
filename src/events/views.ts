/**
 * An event in every schema of the field taxonomy. The record's own fields are read into taxonomy concepts
 * (`Image` → `process.image_path`), concepts the record implies are derived (a path's base name, the hashes
 * of a Sysmon hash list), and each schema's names for those concepts, in the event's scope, give its view.
 */
import { readDataFile } from '../knowledge/data-file.js';
import {
  canonicalField,
  equivalentConcepts,
  fieldConcepts,
  fieldSchemas,
} from '../knowledge/fields/index.js';
import type { EventValue } from '../model/event.js';
import { normalizationData } from './normalization-data.js';

type Fields = Record<string, EventValue>;

/** Where an event sits, for reading and naming its fields: the language of its own names and its catalog events. */
export interface ViewContext {
  language: string;
  /** Catalog events and the provider, most specific first (`sysmon:1`, `sysmon`). */
  keys: string[];
}

interface FieldsFile {
  languages: Record<string, string[]>;
  prefixes: Array<{ prefix: string; schemas: string[]; scope?: string }>;
}

/** The scope a schema's names hold in for this event (`DeviceProcessEvents` for Defender on a Sysmon 1). */
export function schemaScope(context: ViewContext, schema: string): string | undefined {
  const scopes = normalizationData().scopes;
  for (const key of context.keys) {
    const scope = scopes[key]?.[schema];
    if (scope) return scope;
  }
  return undefined;
}

const conceptCache = new Map<string, Map<string, string | null>>();

function conceptOf(name: string, language: string, scope: string | undefined): string | undefined {
  const cacheKey = `${language}|${scope ?? ''}`;
  let names = conceptCache.get(cacheKey);
  if (!names) conceptCache.set(cacheKey, (names = new Map()));
  let concept = names.get(name);
  if (concept === undefined) {
    concept = canonicalField(name, { language, scope }) ?? null;
    names.set(name, concept);
  }
  return concept ?? undefined;
}

/** Concept id → value for an event's fields, derived concepts included; the first field of a concept wins. */
export function eventConcepts(fields: Fields, context: ViewContext): Record<string, EventValue> {
  const ownSchema =
    readDataFile<FieldsFile>('fields.json').languages[context.language]?.[0] ?? context.language;
  const scope = schemaScope(context, ownSchema);
  const concepts: Record<string, EventValue> = {};
  for (const name in fields) {
    const concept = conceptOf(name, context.language, scope);
    if (concept && !(concept in concepts)) concepts[concept] = fields[name];
  }
  deriveConcepts(concepts);
  return concepts;
}

function deriveConcepts(concepts: Record<string, EventValue>): void {
  for (const pair of equivalentConcepts()) {
    const path = concepts[pair.path];
    if (typeof path === 'string' && !(pair.name in concepts)) concepts[pair.name] = baseName(path);
  }
  for (const [list, algorithms] of Object.entries(normalizationData().hashLists)) {
    const value = concepts[list];
    if (typeof value !== 'string') continue;
    for (const part of value.split(',')) {
      const eq = part.indexOf('=');
      const concept = algorithms[part.slice(0, eq).trim().toUpperCase()];
      if (eq > 0 && concept && !(concept in concepts)) concepts[concept] = part.slice(eq + 1).trim();
    }
  }
}

/** The last segment of a Windows or POSIX path. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
}

const namesCache = new Map<string, Array<[string, string[]]>>();

/**
 * Concept → the schema's names for it in a scope: names written for that scope, and unscoped names that
 * the scope does not give another meaning. CIM names also come with their dataset prefix (`Processes.process`).
 */
function schemaNames(schema: string, scope: string | undefined): Array<[string, string[]]> {
  const cacheKey = `${schema}|${scope ?? ''}`;
  const cached = namesCache.get(cacheKey);
  if (cached) return cached;
  const wanted = scope?.toLowerCase();
  const scoped = new Set<string>();
  const entries = fieldConcepts().map((c) => [c.id, (c.names[schema] ?? []).map(splitScope)] as const);
  for (const [, names] of entries)
    for (const [name, s] of names) if (s && s === wanted) scoped.add(name.toLowerCase());
  const prefix = datasetPrefix(schema, wanted);
  const out: Array<[string, string[]]> = [];
  for (const [id, names] of entries) {
    const own = names.filter(([name, s]) => (s ? s === wanted : !scoped.has(name.toLowerCase())));
    const list = own.map(([name]) => name);
    if (prefix) list.push(...list.map((name) => `${prefix}${name}`));
    if (list.length) out.push([id, list]);
  }
  namesCache.set(cacheKey, out);
  return out;
}

function splitScope(written: string): [string, string | undefined] {
  const at = written.indexOf('@');
  return at < 0 ? [written, undefined] : [written.slice(0, at), written.slice(at + 1).toLowerCase()];
}

/** `Processes.` for CIM in the Processes dataset: a name prefix the taxonomy strips for that scope. */
function datasetPrefix(schema: string, scope: string | undefined): string | undefined {
  if (!scope) return undefined;
  const found = readDataFile<FieldsFile>('fields.json').prefixes.find(
    (p) => p.scope?.toLowerCase() === scope && p.schemas.includes(schema),
  );
  return found ? `${found.scope}.` : undefined;
}

/** One schema's view of an event: the record's own fields when the schema is native to it, then each concept's names. */
export function schemaView(
  schema: string,
  fields: Fields,
  concepts: Record<string, EventValue>,
  context: ViewContext,
): Fields {
  const native = readDataFile<FieldsFile>('fields.json').languages[context.language] ?? [];
  const view: Fields = native.includes(schema) ? { ...fields } : {};
  for (const [concept, names] of schemaNames(schema, schemaScope(context, schema))) {
    const value = concepts[concept];
    if (value === undefined) continue;
    for (const name of names) if (!(name in view)) view[name] = value;
  }
  return view;
}

/** Every schema id of the taxonomy (`sigma`, `windows`, `ecs`, `cim`, `defender`, `sentinel`, `endgame`, `udm`). */
export function schemaIds(): string[] {
  return Object.keys(fieldSchemas());
}
