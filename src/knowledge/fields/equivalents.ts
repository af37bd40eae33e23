/**
 * Indicator equivalents: an image path ending in `\name.exe` is the process name `name.exe`, and back; an
 * argument in ECS `process.args` is that word in the command line.
 */
import { readDataFile } from '../data-file.js';
import { registryKeyConcepts, registryKeyPath } from './registry.js';

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

/** An argument-list concept (each element one argument) and the command line the arguments are words of. */
export interface ArgumentsPair {
  args: string;
  commandLine: string;
  /** The concept holding how many arguments there are (ECS `process.args_count`). */
  count?: string;
}

interface EquivalenceData {
  equivalents: PathNamePair[];
  arguments: ArgumentsPair[];
}

export function equivalentConcepts(): PathNamePair[] {
  return readDataFile<EquivalenceData>('fields.json').equivalents;
}

export function argumentConcepts(): ArgumentsPair[] {
  return readDataFile<EquivalenceData>('fields.json').arguments;
}

const SEPARATORS = ['\\', '/'];
/** A name with a glob or a separator in it is not one file name. */
const NOT_A_NAME = /[\\/*?]/;
/** `winword.exe`: what `has "winword.exe"` or `contains "winword.exe"` on a name field means the whole name of. */
const FILE_NAME = /^[^\\/*?\s]+\.[a-z0-9]{1,5}$/i;
/** One argument: no whitespace inside, no glob. */
const WORD = /^[^\s*?]+$/;

/**
 * The indicators that match the same events: `path ends_with \x` ≡ `name eq x` (with either path
 * separator), `name eq x` ≡ `path ends_with \x` and `path ends_with /x`, `name match x.exe` ≡ `name eq x.exe`,
 * `args eq w` ≡ `command line match w` (the word alone, or with the spaces that set it apart), and a registry
 * key under any root ≡ its path below the root (`HKLM\Software\…\Run\` ~ `contains \Software\…\Run`).
 */
export function equivalents(indicator: FieldIndicator): FieldIndicator[] {
  return [
    ...pathNameEquivalents(indicator),
    ...argumentEquivalents(indicator),
    ...registryEquivalents(indicator),
  ];
}

/**
 * What an indicator looks for, for counting rules that look for the same thing: its equivalents, and a path
 * containing `\winword.exe` (often a regex search `.*\\winword\.exe`) as the file `winword.exe`. The second
 * is no implication (`\winword.exe\x` holds it too), so logic comparisons use `equivalents` alone.
 */
export function indicatorLinks(indicator: FieldIndicator): FieldIndicator[] {
  const out = equivalents(indicator);
  const name = SEPARATORS.includes(indicator.value[0]) ? indicator.value.slice(1) : '';
  if (indicator.op !== 'match' || !FILE_NAME.test(name)) return out;
  for (const pair of equivalentConcepts())
    if (indicator.canonical === pair.path) out.push({ canonical: pair.name, op: 'eq', value: name });
  return out;
}

/** A registry key under a root, or ending a path, and the same key path contained anywhere: the key whatever its hive. */
function registryEquivalents(indicator: FieldIndicator): FieldIndicator[] {
  if (!registryKeyConcepts().includes(indicator.canonical)) return [];
  const path = registryKeyPath(indicator.op, indicator.value);
  if (path === undefined || (indicator.op === 'match' && path === indicator.value)) return [];
  return [{ canonical: indicator.canonical, op: 'match', value: path }];
}

function pathNameEquivalents(indicator: FieldIndicator): FieldIndicator[] {
  const out: FieldIndicator[] = [];
  for (const pair of equivalentConcepts()) {
    if (indicator.canonical === pair.path && indicator.op === 'ends_with') {
      const name = lastSegment(indicator.value);
      if (name) out.push({ canonical: pair.name, op: 'eq', value: name });
    } else if (
      indicator.canonical === pair.name &&
      indicator.op === 'match' &&
      FILE_NAME.test(indicator.value)
    ) {
      out.push({ canonical: pair.name, op: 'eq', value: indicator.value });
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

function argumentEquivalents(indicator: FieldIndicator): FieldIndicator[] {
  const out: FieldIndicator[] = [];
  for (const pair of argumentConcepts()) {
    if (indicator.canonical === pair.args && indicator.op === 'eq' && WORD.test(indicator.value)) {
      out.push({ canonical: pair.commandLine, op: 'match', value: indicator.value });
    } else if (indicator.canonical === pair.commandLine && indicator.op === 'match') {
      const word = indicator.value.trim();
      if (WORD.test(word)) out.push({ canonical: pair.args, op: 'eq', value: word });
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
