/** Field names across schemas: a source rule's field as the target language's schema names it, through the taxonomy. */
import type { LanguageId } from '../../model/ids.js';
import type { Predicate } from '../../model/predicate.js';
import type { Condition, Loss } from '../../languages/emit.js';
import { canonicalField, fieldConcept, languageSchemas } from '../../knowledge/fields/index.js';
import { isScopeField } from './scope.js';
import { readDataFile } from '../../knowledge/data-file.js';
import { nameAsPath, pathOfName } from './name-path.js';

/** Windows event data fields keep their own names under this ECS prefix (winlogbeat's layout). */
const WINLOG = 'winlog.event_data.';
const WINDOWS_SCHEMAS = new Set(['sigma', 'windows']);

export interface FieldMapping {
  source: LanguageId;
  target: LanguageId;
  /** The table, data model or event type the source rule reads (for scoped names). */
  sourceScope?: string;
  /** The table or event type the converted rule reads. */
  targetScope?: string;
  /** The target knows where the events come from (a logsource, table or category for the rule's activity). */
  scoped: boolean;
  /** The path separator of the rule's platform (`\\` on Windows, `/` elsewhere). */
  separator?: string;
  /** The operating system or product the rule is for (Sigma `product`, `host.os.type`). */
  platform?: string;
}

interface TargetSchemasFile {
  targetSchemas: Record<string, string[]>;
}

/** The schemas a converted query names its fields from (a plain SPL search: the events' own names, not CIM). */
function targetSchemas(target: LanguageId): string[] {
  return (
    readDataFile<TargetSchemasFile>('conversion-scopes.json').targetSchemas[target] ?? languageSchemas(target)
  );
}

/** The name of `concept` in the target's schemas: a name scoped to the target's table first, then a plain one. */
function conceptName(concept: string, m: FieldMapping): string | undefined {
  const names = fieldConcept(concept)?.names ?? {};
  const scope = m.targetScope?.toLowerCase();
  for (const schema of targetSchemas(m.target)) {
    const list = names[schema] ?? [];
    const scoped = list.find((n) => scope !== undefined && n.toLowerCase().endsWith(`@${scope}`));
    if (scoped) return scoped.slice(0, scoped.indexOf('@'));
    const plain = list.find((n) => !n.includes('@') && !n.endsWith('.caseless') && !n.endsWith('.text'));
    if (plain) return plain;
  }
  return undefined;
}

/**
 * A field the taxonomy does not know keeps its name where source and target read the same fields: Windows
 * event data under winlogbeat's prefix in ECS, and the log's own fields (an application's, auditd's) as the
 * log writes them whatever the language.
 */
function unmapped(field: string, m: FieldMapping, known: boolean): string | undefined {
  const from = new Set(languageSchemas(m.source));
  const to = languageSchemas(m.target);
  const windowsSource = [...from].some((s) => WINDOWS_SCHEMAS.has(s));
  if (to.some((s) => from.has(s))) return field;
  if (field.startsWith(WINLOG) && to.some((s) => WINDOWS_SCHEMAS.has(s))) return field.slice(WINLOG.length);
  // A concept the target's schema has no name for (Sysmon 10's `SourceImage`) is a gap, not event data.
  if (windowsSource && m.platform === 'windows')
    return to.includes('ecs') && !known ? `${WINLOG}${field}` : undefined;
  if (windowsSource && m.platform !== undefined) return field;
  return undefined;
}

export function targetField(field: string, m: FieldMapping): string | undefined {
  if (m.source === m.target) return field;
  const concept = canonicalField(field, { language: m.source, scope: m.sourceScope });
  return (concept && conceptName(concept, m)) ?? unmapped(field, m, concept !== undefined);
}

/** A name field the target lacks, tested on the path field it has (`process.name` → `Image|endswith`). */
function throughPath(p: Predicate, m: FieldMapping): Predicate | undefined {
  const concept = p.field ? canonicalField(p.field, { language: m.source, scope: m.sourceScope }) : undefined;
  const path = concept && pathOfName(concept);
  const pathName = path && conceptName(path, { ...m, source: m.target });
  if (!pathName) return undefined;
  const rewritten = nameAsPath(p, pathName, m.separator ?? '\\');
  // Already in the target's names: mapped again, it keeps them.
  return rewritten && { ...rewritten, scope: undefined };
}

/** Kibana KQL and Lucene ignore case only on a field's `.caseless` twin, where the taxonomy knows one. */
function caselessTwin(field: string, m: FieldMapping): string | undefined {
  const concept = canonicalField(field, { language: m.target });
  const names = concept ? (fieldConcept(concept)?.names.ecs ?? []) : [];
  return names.find((n) => n.toLowerCase() === `${field.toLowerCase()}.caseless`);
}

function mapPredicate(p: Predicate, m: FieldMapping, losses: Loss[]): Condition {
  if (p.field === null) return { type: 'predicate', predicate: p };
  // The target's table, category or logsource says which events the rule reads.
  if (isScopeField(p.field) && m.scoped) return { type: 'true' };
  let field = targetField(p.field, m);
  if (field === undefined) {
    const asPath = throughPath(p, m);
    if (asPath) return mapPredicate(asPath, m, losses);
    losses.push({ what: `field ${p.field}`, why: `no counterpart in the ${m.target} schema` });
    return { type: 'true' };
  }
  if ((m.target === 'kuery' || m.target === 'lucene') && !p.caseSensitive)
    field = caselessTwin(field, m) ?? field;
  const mapped: Predicate = { ...p, field };
  delete mapped.scope;
  if (p.valueKind === 'field') mapped.values = p.values.map((v) => targetField(v, m) ?? v);
  return { type: 'predicate', predicate: mapped };
}

/** The condition with every field renamed for the target; a field with no counterpart is a loss. */
export function mapFields(c: Condition, m: FieldMapping, losses: Loss[]): Condition {
  switch (c.type) {
    case 'and':
    case 'or':
      return { type: c.type, operands: c.operands.map((o) => mapFields(o, m, losses)) };
    case 'not':
      return { type: 'not', operand: mapFields(c.operand, m, losses) };
    case 'predicate':
      return mapPredicate(c.predicate, m, losses);
    default:
      return c;
  }
}
