/** The field taxonomy: canonical concepts and each schema's names for them, looked up case-insensitively by language and scope. */
import { readDataFile } from '../data-file.js';

export interface FieldConcept {
  /** `process.image_path` */
  id: string;
  label: string;
  /** Schema id → field names; `Name@Scope` holds only in that scope (a KQL table, a CIM dataset, a Sigma category). */
  names: Record<string, string[]>;
}

interface NamePrefix {
  prefix: string;
  schemas: string[];
  /** The scope the prefix names (CIM `Processes.` → `Processes`). */
  scope?: string;
  /** A data-model prefix in front of a dataset prefix (`Endpoint.Processes.`): strip it and look again. */
  nested?: boolean;
}

interface FieldsFile {
  schemas: Record<string, string>;
  languages: Record<string, string[]>;
  prefixes: NamePrefix[];
  concepts: FieldConcept[];
}

interface Taxonomy {
  file: FieldsFile;
  concepts: Map<string, FieldConcept>;
  /** `schema|scope|name`, lower case, scope empty when unscoped → concept id. */
  names: Map<string, string>;
  schemaIds: string[];
}

let taxonomy: Taxonomy | undefined;

function load(): Taxonomy {
  if (taxonomy) return taxonomy;
  const file = readDataFile<FieldsFile>('fields.json');
  const concepts = new Map<string, FieldConcept>();
  const names = new Map<string, string>();
  for (const concept of file.concepts) {
    concepts.set(concept.id, concept);
    for (const [schema, list] of Object.entries(concept.names)) {
      for (const written of list) {
        const at = written.indexOf('@');
        const name = at < 0 ? written : written.slice(0, at);
        const scope = at < 0 ? '' : written.slice(at + 1);
        const key = `${schema}|${scope.toLowerCase()}|${name.toLowerCase()}`;
        if (!names.has(key)) names.set(key, concept.id);
      }
    }
  }
  taxonomy = { file, concepts, names, schemaIds: Object.keys(file.schemas) };
  return taxonomy;
}

export interface FieldOptions {
  /** A language id (`sigma`, `spl`, `kusto`, ...): its schemas are tried first. */
  language: string;
  /** The table, data model, category or event type the field belongs to. */
  scope?: string;
}

const memo = new Map<string, string | null>();
const MEMO_LIMIT = 100_000;

/** The canonical concept of a field as a rule writes it, or undefined when the taxonomy does not know it. */
export function canonicalField(field: string, options: FieldOptions): string | undefined {
  const memoKey = `${options.language}\u0000${options.scope ?? ''}\u0000${field}`;
  const cached = memo.get(memoKey);
  if (cached !== undefined) return cached ?? undefined;
  const found = lookup(field.trim().toLowerCase(), options);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(memoKey, found ?? null);
  return found;
}

function lookup(name: string, options: FieldOptions): string | undefined {
  const t = load();
  const preferred = t.file.languages[options.language] ?? [];
  const scopes = scopeKeys(options.scope);
  return (
    inSchemas(t, preferred, scopes, name) ??
    withoutPrefix(t, name, scopes) ??
    inSchemas(
      t,
      t.schemaIds.filter((s) => !preferred.includes(s)),
      scopes,
      name,
    )
  );
}

/** `Endpoint.Processes` is tried as itself and as `Processes`, the name CIM fields are prefixed with. */
function scopeKeys(scope: string | undefined): string[] {
  if (!scope) return [];
  const lower = scope.trim().toLowerCase();
  const last = lower.slice(lower.lastIndexOf('.') + 1);
  return last === lower ? [lower] : [lower, last];
}

function inSchemas(t: Taxonomy, schemas: string[], scopes: string[], name: string): string | undefined {
  for (const schema of schemas) {
    for (const scope of scopes) {
      const scoped = t.names.get(`${schema}|${scope}|${name}`);
      if (scoped) return scoped;
    }
    const plain = t.names.get(`${schema}||${name}`);
    if (plain) return plain;
  }
  return undefined;
}

/** CIM `Processes.process_name`, `Endpoint.Processes.process_name`, ECS `winlog.event_data.TargetUserName`. */
function withoutPrefix(t: Taxonomy, name: string, scopes: string[]): string | undefined {
  for (const p of t.file.prefixes) {
    if (!name.startsWith(p.prefix) || name.length === p.prefix.length) continue;
    const rest = name.slice(p.prefix.length);
    if (p.nested) return withoutPrefix(t, rest, scopes);
    const found = inSchemas(t, p.schemas, p.scope ? [p.scope.toLowerCase(), ...scopes] : scopes, rest);
    if (found) return found;
  }
  return undefined;
}

export function fieldConcept(id: string): FieldConcept | undefined {
  return load().concepts.get(id);
}

export function fieldConcepts(): FieldConcept[] {
  return [...load().concepts.values()];
}

/** The schemas a language's field names come from, in the order they are tried (`sigma` → `sigma`, `windows`). */
export function languageSchemas(language: string): string[] {
  return [...(load().file.languages[language] ?? [])];
}

/** Schema id → the name people know it by (`cim` → `Splunk CIM`). */
export function fieldSchemas(): Record<string, string> {
  return { ...load().file.schemas };
}
