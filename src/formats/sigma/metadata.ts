/** A Sigma rule's metadata (plain YAML data) mapped onto the rule document's fields. */
import type { DeclaredAttack, RuleDocument } from '../../model/rule.js';
import { asRecord } from '../../text/yaml-documents.js';
import { optionalString, stringList } from '../document.js';
import { techniqueIds } from '../attack-ids.js';

type MappedFields = Pick<
  RuleDocument,
  'authors' | 'references' | 'tags' | 'attack' | 'context' | 'metadata'
> &
  Partial<Pick<RuleDocument, 'id' | 'title' | 'description' | 'status' | 'severity' | 'date' | 'modified'>>;

/** Keys that become rule-document fields or the query; everything else is kept as metadata. */
const MAPPED = new Set([
  'id',
  'title',
  'description',
  'status',
  'level',
  'author',
  'date',
  'modified',
  'references',
  'tags',
  'logsource',
  'detection',
  'filter',
  'correlation',
]);
const CONTEXT_KEYS = ['product', 'category', 'service', 'definition'];

const TECHNIQUE_TAG = /^t\d{4}(\.\d{3})?$/;
const TACTIC_ID_TAG = /^ta\d{4}$/;
/** Groups (`attack.g0016`) and software (`attack.s0002`) are tags, not tactics. */
const ENTITY_TAG = /^[gs]\d{4}$/;
const TACTIC_NAME_TAG = /^[a-z][a-z_-]*$/;

/** ATT&CK from `attack.*` tags: techniques upper case, tactic shortnames lower case with `-` (`command-and-control`). */
export function declaredAttack(tags: readonly string[]): DeclaredAttack {
  const techniques = new Set<string>();
  const tactics = new Set<string>();
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (!lower.startsWith('attack.')) continue;
    const rest = lower.slice('attack.'.length);
    if (TECHNIQUE_TAG.test(rest)) for (const id of techniqueIds(rest)) techniques.add(id);
    else if (TACTIC_ID_TAG.test(rest)) tactics.add(rest.toUpperCase());
    else if (!ENTITY_TAG.test(rest) && TACTIC_NAME_TAG.test(rest)) tactics.add(rest.replaceAll('_', '-'));
  }
  return { techniques: [...techniques], tactics: [...tactics], names: {} };
}

/** `author: A (Org), B` as people: commas inside parentheses do not split. */
export function splitAuthors(value: unknown): string[] {
  const out: string[] = [];
  for (const written of stringList(value)) {
    let depth = 0;
    let current = '';
    for (const c of written) {
      if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
      if (c === ',' && depth === 0) {
        out.push(current);
        current = '';
      } else {
        current += c;
      }
    }
    out.push(current);
  }
  return out.map((a) => a.trim()).filter((a) => a.length > 0);
}

function logsourceContext(value: unknown): Record<string, string> {
  const logsource = asRecord(value) ?? {};
  const context: Record<string, string> = {};
  for (const key of CONTEXT_KEYS) {
    const v = optionalString(logsource[key]);
    if (v !== undefined) context[key] = v;
  }
  return context;
}

/** What kind of Sigma rule this is: a detection, a v2 correlation or a v2 filter. */
export function ruleType(value: Record<string, unknown>): 'detection' | 'correlation' | 'filter' {
  if ('detection' in value) return 'detection';
  if ('correlation' in value) return 'correlation';
  return 'filter' in value ? 'filter' : 'detection';
}

function extraMetadata(value: Record<string, unknown>): Record<string, unknown> {
  const metadata: Record<string, unknown> = { ruleType: ruleType(value) };
  for (const [key, v] of Object.entries(value)) if (!MAPPED.has(key)) metadata[key] = v;
  // A correlation's and a filter's references to other rules are worth searching; their logic is the query.
  const correlation = asRecord(value.correlation);
  if (correlation) metadata.correlation = correlation;
  const filter = asRecord(value.filter);
  if (filter && 'rules' in filter) metadata.filterRules = stringList(filter.rules);
  if ('logsource' in value) metadata.logsource = value.logsource;
  return metadata;
}

export function ruleFields(value: Record<string, unknown>): MappedFields {
  const tags = stringList(value.tags);
  const fields: MappedFields = {
    authors: splitAuthors(value.author),
    references: stringList(value.references),
    tags,
    attack: declaredAttack(tags),
    context: logsourceContext(value.logsource),
    metadata: extraMetadata(value),
  };
  const optional = {
    id: value.id,
    title: value.title,
    description: value.description,
    status: value.status,
    severity: value.level,
    date: value.date,
    modified: value.modified,
  };
  for (const [key, v] of Object.entries(optional)) {
    const text = optionalString(v);
    if (text !== undefined) fields[key as keyof typeof optional] = text;
  }
  return fields;
}
