/** Detection keys: `Field|mod|mod` split into the field and what each Sigma value modifier asks for. */

export type MatchModifier = 'contains' | 'startswith' | 'endswith';
/** Modifiers that decide the operator on their own; the rest refine it. */
export type OpModifier = 're' | 'cidr' | 'exists' | 'fieldref' | 'gt' | 'gte' | 'lt' | 'lte';

export interface FieldSpec {
  /** Null for a key with no field (`'|all':`): a keyword map. */
  field: string | null;
  match?: MatchModifier;
  op?: OpModifier;
  all: boolean;
  cased: boolean;
  expand: boolean;
  /** Value transforms kept for display, as written: `base64offset`, `windash`, `utf16le`, ... */
  transforms: string[];
  /** Regular-expression flags, as written: `i`, `m`, `s` (or their long names). */
  flags: string[];
  /** Modifiers Sigma does not define, for the caller to report. */
  unknown: string[];
}

const MATCH = new Set<string>(['contains', 'startswith', 'endswith']);
const OP = new Set<string>(['re', 'cidr', 'exists', 'fieldref', 'gt', 'gte', 'lt', 'lte']);
const TRANSFORMS = new Set(['base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide', 'windash']);
const FLAGS = new Set(['i', 'ignorecase', 'm', 'multiline', 's', 'dotall']);
export const CASE_INSENSITIVE_FLAGS = new Set(['i', 'ignorecase']);

export function parseFieldSpec(key: string): FieldSpec {
  const parts = key.split('|');
  const field = parts[0].length > 0 ? parts[0] : null;
  const spec: FieldSpec = {
    field,
    all: false,
    cased: false,
    expand: false,
    transforms: [],
    flags: [],
    unknown: [],
  };
  for (let i = 1; i < parts.length; i++) applyModifier(spec, parts[i]);
  return spec;
}

function applyModifier(spec: FieldSpec, written: string): void {
  const name = written.toLowerCase();
  if (MATCH.has(name)) spec.match = name as MatchModifier;
  else if (OP.has(name)) spec.op = name as OpModifier;
  else if (TRANSFORMS.has(name)) spec.transforms.push(name);
  else if (FLAGS.has(name)) spec.flags.push(name);
  else if (name === 'all') spec.all = true;
  else if (name === 'cased') spec.cased = true;
  else if (name === 'expand') spec.expand = true;
  else spec.unknown.push(written);
}

/** Where the n-th modifier of a key starts, for positioned diagnostics. */
export function modifierOffset(key: string, written: string): number {
  const at = key.indexOf(`|${written}`);
  return at === -1 ? 0 : at + 1;
}
