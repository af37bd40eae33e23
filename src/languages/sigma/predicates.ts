/** One detection key and its values turned into predicates: modifiers pick the operator, wildcards make globs. */
import type { Op, Predicate } from '../../model/predicate.js';
import type { Span } from '../../model/span.js';
import { CASE_INSENSITIVE_FLAGS, type FieldSpec, type MatchModifier } from './modifiers.js';
import { sigmaString, wrapGlob } from './values.js';

const MATCH_OPS: Record<MatchModifier, Op> = {
  contains: 'match',
  startswith: 'starts_with',
  endswith: 'ends_with',
};

/**
 * The operator and stored value for one written value; null values are handled by the caller. Operator
 * modifiers come first, so a field-less `'|re':` is a `regex` with no field rather than a keyword.
 */
export function classifyValue(spec: FieldSpec, raw: string): { op: Op; value: string } {
  switch (spec.op) {
    case 're':
      return { op: 'regex', value: raw };
    case 'cidr':
    case 'fieldref':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { op: spec.op, value: raw };
    default:
      break;
  }
  const parsed = sigmaString(raw);
  if (spec.field === null)
    return { op: 'keyword', value: parsed.wildcard ? wrapGlob(parsed, spec.match) : parsed.plain };
  if (parsed.wildcard) return { op: 'wildcard', value: wrapGlob(parsed, spec.match) };
  return { op: spec.match ? MATCH_OPS[spec.match] : 'eq', value: parsed.plain };
}

function caseSensitive(spec: FieldSpec): boolean {
  if (spec.op === 're') return spec.cased || !spec.flags.some((f) => CASE_INSENSITIVE_FLAGS.has(f));
  return spec.cased;
}

function modifierList(spec: FieldSpec): string[] | undefined {
  // A field reference keeps its match modifier here, as `fieldref` is the operator (`fieldref|startswith`).
  const match = spec.op === 'fieldref' && spec.match ? [spec.match] : [];
  const list = [
    ...spec.transforms,
    ...(spec.expand ? ['expand'] : []),
    ...(spec.op === 're' ? spec.flags : []),
    ...match,
  ];
  return list.length > 0 ? list : undefined;
}

function predicate(spec: FieldSpec, op: Op, values: string[], negated: boolean, span: Span): Predicate {
  const p: Predicate = {
    type: 'predicate',
    field: spec.field,
    op,
    values,
    negated,
    caseSensitive: false,
    all: false,
    span,
  };
  if (op !== 'exists') {
    p.caseSensitive = caseSensitive(spec);
    p.all = spec.all;
    const modifiers = modifierList(spec);
    if (modifiers) p.modifiers = modifiers;
  }
  return p;
}

/**
 * Predicates for `key: values`, one per operator in first-seen order: a list that mixes plain values
 * and wildcards splits in two. A null value asks for the field to be absent: a negated `exists`.
 */
export function pairPredicates(
  spec: FieldSpec,
  values: ReadonlyArray<string | null>,
  span: Span,
): Predicate[] {
  if (spec.op === 'exists') {
    const wanted = values.find((v) => v !== null);
    return [predicate(spec, 'exists', [], wanted?.toLowerCase() === 'false', span)];
  }
  const groups = new Map<Op, string[]>();
  let absent = false;
  for (const raw of values) {
    if (raw === null) {
      absent = true;
      continue;
    }
    const { op, value } = classifyValue(spec, raw);
    const group = groups.get(op);
    if (group) group.push(value);
    else groups.set(op, [value]);
  }
  const out: Predicate[] = [];
  for (const [op, list] of groups) out.push(predicate(spec, op, list, false, span));
  if (absent) out.push(predicate(spec, 'exists', [], true, span));
  return out;
}
