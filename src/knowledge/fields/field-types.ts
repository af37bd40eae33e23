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

function holds(rule: NameRule, field: string): boolean {
  const name = field.toLowerCase();
  return rule.names.some((n) => n.toLowerCase() === name) || rule.suffixes.some((s) => name.endsWith(s));
}

/** The kind of an ECS field by name (`ecs-field-types.json`); unknown fields are keywords. */
export function ecsFieldType(field: string): EcsFieldType {
  const types = readDataFile<FieldTypesFile>('ecs-field-types.json');
  if (holds(types.text, field)) return 'text';
  if (holds(types.caseless, field)) return 'caseless';
  return 'keyword';
}
