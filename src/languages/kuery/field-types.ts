/**
 * What `field:value` matches by how Elasticsearch indexes the ECS field: on analyzed text a phrase among the
 * value's words, without case; on a case-folding keyword the value without case; on a keyword the exact value.
 */
import type { Predicate } from '../../model/predicate.js';
import { ecsFieldType } from '../../knowledge/fields/index.js';

/** Pads a glob so that it is found anywhere in a value, as a wildcard term is among a text's words. */
function anywhere(glob: string): string {
  const lead = glob.startsWith('*') ? '' : '*';
  const trail = glob.endsWith('*') && !glob.endsWith('\\*') ? '' : '*';
  return `${lead}${glob}${trail}`;
}

/** Adjusts the predicates of a kuery or Lucene query (in place) to their fields' index types. */
export function matchByFieldType(predicates: Predicate[]): void {
  for (const p of predicates) {
    if (p.field === null || p.op === 'exists') continue;
    const type = ecsFieldType(p.field);
    if (type === 'keyword') continue;
    p.caseSensitive = false;
    if (type !== 'text') continue;
    if (p.op === 'eq') p.op = 'match';
    else if (p.op === 'wildcard') p.values = p.values.map(anywhere);
  }
}
