/**
 * An event in every schema of the field taxonomy. The record's own fields are read into taxonomy concepts
 * (`Image` → `process.image_path`), concepts the record implies are derived (a path's base name, the hashes
 * of a Sysmon hash list), and each schema's names for those concepts, in the event's scope, give its view.
 */
import { readDataFile } from '../knowledge/data-file.js';
import {
  argumentConcepts,
  canonicalField,
  type ArgumentsPair,
  equivalentConcepts,
  fieldConcepts,
  fieldSchemas,
} from '../knowledge/fields/index.js';
import type { EventValue } from '../model/event.js';
import { normalizationData } from './normalization-data.js';
import { setField } from './shape.js';
import { commandLineArgs } from './command-line.js';

type Fields = Record<string, EventValue>;

/** Where an event sits, for reading and naming its fields: the language of its own names and its catalog events. */
export interface ViewContext {
  language: string;
  /** Catalog events and the provider, most specific first (`sysmon:1`, `sysmon`). */
  keys: string[];
}

interface FieldsFile {
  languages: Record<string, string[]>;
  prefixes: Array<{ prefix: string; schemas: string[]; scope?: string; nested?: boolean }>;
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

/** Per language and scope: field name → concept id (null when the taxonomy does not know the name). */
const conceptTables = new Map<string, Map<string, string | null>>();

function conceptTable(language: string, scope: string | undefined): Map<string, string | null> {
  const key = `${language}|${scope ?? ''}`;
  let table = conceptTables.get(key);
  if (!table) conceptTables.set(key, (table = new Map()));
  return table;
}

/** Concept id → value for an event's fields, derived concepts included; the first field of a concept wins. */
export function eventConcepts(fields: Fields, context: ViewContext): Map<string, EventValue> {
  const ownSchema =
    readDataFile<FieldsFile>('fields.json').languages[context.language]?.[0] ?? context.language;
  const scope = schemaScope(context, ownSchema);
  const table = conceptTable(context.language, scope);
  const concepts = new Map<string, EventValue>();
  for (const name in fields) {
    let concept = table.get(name);
    if (concept === undefined) {
      concept = canonicalField(name, { language: context.language, scope }) ?? null;
      table.set(name, concept);
    }
    if (concept !== null && !concepts.has(concept)) concepts.set(concept, fields[name]);
  }
  deriveConcepts(concepts);
  return concepts;
}

interface Derivations {
  pathNames: Array<{ path: string; name: string }>;
  hashLists: Array<[string, Record<string, string>]>;
  argumentLists: ArgumentsPair[];
  fallbacks: Array<[string, string]>;
}

let derivations: Derivations | undefined;

function deriveConcepts(concepts: Map<string, EventValue>): void {
  derivations ??= {
    pathNames: equivalentConcepts(),
    hashLists: Object.entries(normalizationData().hashLists),
    argumentLists: argumentConcepts(),
    fallbacks: Object.entries(normalizationData().conceptFallbacks),
  };
  for (const [concept, from] of derivations.fallbacks) {
    const value = concepts.get(from);
    if (value !== undefined && !concepts.has(concept)) concepts.set(concept, value);
  }
  for (const pair of derivations.argumentLists) {
    const line = concepts.get(pair.commandLine);
    if (typeof line !== 'string' || concepts.has(pair.args)) continue;
    const args = commandLineArgs(line);
    concepts.set(pair.args, args);
    if (pair.count && !concepts.has(pair.count)) concepts.set(pair.count, args.length);
  }
  for (const pair of derivations.pathNames) {
    const path = concepts.get(pair.path);
    if (typeof path === 'string' && !concepts.has(pair.name)) concepts.set(pair.name, baseName(path));
  }
  for (const [list, algorithms] of derivations.hashLists) {
    const value = concepts.get(list);
    if (typeof value !== 'string') continue;
    for (const part of value.split(',')) {
      const eq = part.indexOf('=');
      const algorithm = part.slice(0, eq).trim().toUpperCase();
      const concept = Object.hasOwn(algorithms, algorithm) ? algorithms[algorithm] : undefined;
      if (eq > 0 && concept && !concepts.has(concept)) concepts.set(concept, part.slice(eq + 1).trim());
    }
  }
}

/** The last segment of a Windows or POSIX path. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
}

const namesCache = new Map<string, Map<string, string[]>>();

/**
 * Concept → the schema's names for it in a scope: names written for that scope, and unscoped names that
 * the scope does not give another meaning. CIM names also come with their dataset prefix (`Processes.process`).
 */
function schemaNames(schema: string, scope: string | undefined): Map<string, string[]> {
  const cacheKey = `${schema}|${scope ?? ''}`;
  const cached = namesCache.get(cacheKey);
  if (cached) return cached;
  const wanted = scope?.toLowerCase();
  const scoped = new Set<string>();
  const entries = fieldConcepts().map((c) => [c.id, (c.names[schema] ?? []).map(splitScope)] as const);
  for (const [, names] of entries)
    for (const [name, s] of names) if (s && s === wanted) scoped.add(name.toLowerCase());
  const prefix = datasetPrefix(schema, wanted);
  const out = new Map<string, string[]>();
  for (const [id, names] of entries) {
    const own = names.filter(([name, s]) => (s ? s === wanted : !scoped.has(name.toLowerCase())));
    const list = own.map(([name]) => name);
    if (prefix) list.push(...list.map((name) => `${prefix}${name}`));
    if (list.length) out.set(id, list);
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
  concepts: ReadonlyMap<string, EventValue>,
  context: ViewContext,
): Fields {
  const native = readDataFile<FieldsFile>('fields.json').languages[context.language] ?? [];
  const names = schemaNames(schema, schemaScope(context, schema));
  const view: Fields = native.includes(schema) ? { ...fields } : {};
  addUnprefixed(schema, fields, view);
  addContextFields(schema, context, view);
  for (const [concept, value] of concepts) {
    for (const name of names.get(concept) ?? []) if (!(name in view)) view[name] = value;
  }
  return view;
}

/**
 * What the event's place says in the schema, which the record leaves implicit: its scope's field (UDM
 * `metadata.event_type`) and its kind's constants (a Sysmon 1 is an ECS `event.category` `process` on a
 * `windows` host); the most specific key wins.
 */
function addContextFields(schema: string, context: ViewContext, view: Fields): void {
  const data = normalizationData();
  const scopeField = data.scopeFields?.[schema];
  const scope = scopeField ? schemaScope(context, schema) : undefined;
  if (scopeField && scope && !(scopeField in view)) view[scopeField] = scope;
  for (const key of context.keys) {
    const fields = data.viewConstants?.[key]?.[schema];
    if (fields) for (const name in fields) if (!(name in view)) view[name] = fields[name];
  }
}

/** Prefixes that wrap a schema's own names in another's document (`winlog.event_data.` around Windows names). */
const wrappers = new Map<string, string[]>();

/** A winlogbeat document's `winlog.event_data.Image` is the Sigma and Windows views' `Image`. */
function addUnprefixed(schema: string, fields: Fields, view: Fields): void {
  let prefixes = wrappers.get(schema);
  if (!prefixes) {
    prefixes = readDataFile<FieldsFile>('fields.json')
      .prefixes.filter((p) => !p.scope && !p.nested && p.schemas.includes(schema))
      .map((p) => p.prefix);
    wrappers.set(schema, prefixes);
  }
  if (!prefixes.length) return;
  for (const name in fields) {
    const lower = name.toLowerCase();
    for (const prefix of prefixes)
      if (lower.startsWith(prefix) && name.length > prefix.length) {
        const own = name.slice(prefix.length);
        if (!(own in view)) setField(view, own, fields[name]);
      }
  }
}

/** Every schema id of the taxonomy (`sigma`, `windows`, `ecs`, `cim`, `defender`, `sentinel`, `endgame`, `udm`). */
export function schemaIds(): string[] {
  return Object.keys(fieldSchemas());
}
