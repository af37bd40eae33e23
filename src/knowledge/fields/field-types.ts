/** How Elasticsearch indexes an ECS field: analyzed text, a case-folding keyword, or a plain keyword. */
import { readDataFile } from '../data-file.js';

interface NameRule {
  names: string[];
  suffixes: string[];
}

interface FieldTypesFile {
  text: NameRule;
  caseless: NameRule;
}

export type EcsFieldType = 'text' | 'caseless' | 'keyword';

interface CompiledRule {
  names: Set<string>;
  suffixes: string[];
}

let compiled: { text: CompiledRule; caseless: CompiledRule } | undefined;
const known = new Map<string, EcsFieldType>();

function compile(rule: NameRule): CompiledRule {
  return { names: new Set(rule.names.map((n) => n.toLowerCase())), suffixes: rule.suffixes };
}

function holds(rule: CompiledRule, name: string): boolean {
  return rule.names.has(name) || rule.suffixes.some((s) => name.endsWith(s));
}

/** The kind of an ECS field by name (`ecs-field-types.json`); unknown fields are keywords. */
export function ecsFieldType(field: string): EcsFieldType {
  let type = known.get(field);
  if (type) return type;
  if (!compiled) {
    const file = readDataFile<FieldTypesFile>('ecs-field-types.json');
    compiled = { text: compile(file.text), caseless: compile(file.caseless) };
  }
  const name = field.toLowerCase();
  type = holds(compiled.text, name) ? 'text' : holds(compiled.caseless, name) ? 'caseless' : 'keyword';
  // Field names come from rules: the memo is bounded so that hostile input cannot grow it without end.
  if (known.size > 10_000) known.clear();
  known.set(field, type);
  return type;
}
