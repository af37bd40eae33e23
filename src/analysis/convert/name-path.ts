/**
 * A name test as the test of its path (`process.name == "x.exe"` is `Image` ending in `\x.exe`), for targets that
 * name only the path; the pairs come from the taxonomy's path–name equivalents.
 */
import type { Predicate } from '../../model/predicate.js';
import { equivalentConcepts } from '../../knowledge/fields/index.js';

/** The path concept paired with a name concept, if any. */
export function pathOfName(concept: string): string | undefined {
  return equivalentConcepts().find((pair) => pair.name === concept)?.path;
}

/** The predicate on the path with the same meaning, or undefined when the op cannot say it exactly. */
export function nameAsPath(p: Predicate, field: string, separator: string): Predicate | undefined {
  const glob = (v: string): string => v.replace(/[\\*?]/g, (c) => `\\${c}`);
  switch (p.op) {
    case 'eq':
      return { ...p, field, op: 'ends_with', values: p.values.map((v) => `${separator}${v}`) };
    case 'ends_with':
      return { ...p, field };
    case 'wildcard':
      return {
        ...p,
        field,
        values: p.values.map((v) => (v.startsWith('*') ? v : `*${glob(separator)}${v}`)),
      };
    default:
      return undefined;
  }
}
