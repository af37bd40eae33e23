/** Indicator equivalents: an image path ending in `\name.exe` is the process name `name.exe`, and back. */
import { readDataFile } from '../data-file.js';

export interface FieldIndicator {
  canonical: string;
  op: string;
  value: string;
}

/** A path concept and the name concept that is its last segment. */
export interface PathNamePair {
  path: string;
  name: string;
}

export function equivalentConcepts(): PathNamePair[] {
  return readDataFile<{ equivalents: PathNamePair[] }>('fields.json').equivalents;
}

const SEPARATORS = ['\\', '/'];
/** A name with a glob or a separator in it is not one file name. */
const NOT_A_NAME = /[\\/*?]/;

/**
 * The indicators that match the same events: `path ends_with \x` ≡ `name eq x` (with either path
 * separator), and `name eq x` ≡ `path ends_with \x` and `path ends_with /x`.
 */
export function equivalents(indicator: FieldIndicator): FieldIndicator[] {
  const out: FieldIndicator[] = [];
  for (const pair of equivalentConcepts()) {
    if (indicator.canonical === pair.path && indicator.op === 'ends_with') {
      const name = lastSegment(indicator.value);
      if (name) out.push({ canonical: pair.name, op: 'eq', value: name });
    } else if (
      indicator.canonical === pair.name &&
      indicator.op === 'eq' &&
      indicator.value &&
      !NOT_A_NAME.test(indicator.value)
    ) {
      for (const sep of SEPARATORS)
        out.push({ canonical: pair.path, op: 'ends_with', value: `${sep}${indicator.value}` });
    }
  }
  return out;
}

/** `\bitsadmin.exe` → `bitsadmin.exe`; a value that is not one separator plus a plain name → undefined. */
function lastSegment(value: string): string | undefined {
  if (!SEPARATORS.includes(value[0] ?? '')) return undefined;
  const name = value.slice(1);
  return name && !NOT_A_NAME.test(name) ? name : undefined;
}
