/** Lifts a parsed query's predicates to indicators: canonical field, op and value normalized by the language's semantics. */
import type { Indicator } from '../model/indicator.js';
import type { LanguageId } from '../model/ids.js';
import type { Op, Predicate } from '../model/predicate.js';
import type { ParsedQuery } from '../model/stage.js';
import { canonicalField, equivalents } from '../knowledge/fields/index.js';

/** Ops whose values are patterns or numbers, which case folding would change the meaning of. */
const UNFOLDED_OPS: ReadonlySet<Op> = new Set([
  'regex',
  'cidr',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'fieldref',
]);

/** Every indicator of a parsed query, one per predicate value, without duplicates. */
export function indicatorsOf(query: ParsedQuery): Indicator[] {
  const seen = new Set<string>();
  const out: Indicator[] = [];
  for (const stage of query.stages) {
    for (const p of stage.predicates) {
      for (const ind of predicateIndicators(p, query.language, stage.index)) {
        const key = `${ind.kind}|${ind.canonical}|${ind.op}|${ind.value}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push(ind);
        }
      }
    }
  }
  return out;
}

export function predicateIndicators(p: Predicate, language: LanguageId, stage: number): Indicator[] {
  const canonical =
    p.field === null
      ? 'keyword'
      : (canonicalField(p.field, { language, scope: p.scope }) ?? p.field.toLowerCase());
  const values = p.op === 'exists' && p.values.length === 0 ? [''] : p.values;
  return values.map((raw) => {
    const { op, value } = normalizeValue(p.op, raw, p.caseSensitive);
    const ind: Indicator = {
      type: 'indicator',
      field: p.field,
      canonical,
      op,
      value,
      kind: p.negated ? 'exclusion' : 'detection',
      language,
      stage,
      equivalence: '',
    };
    ind.equivalence = equivalenceKey(ind);
    return ind;
  });
}

/** Globs of the form `*x`, `x*`, `*x*` and plain values become the ops they mean; case folds where matching ignores it. */
export function normalizeValue(op: Op, raw: string, caseSensitive: boolean): { op: Op; value: string } {
  const value = caseSensitive || UNFOLDED_OPS.has(op) ? raw : raw.toLowerCase();
  if (op !== 'wildcard') return { op, value };
  const inner = value.replace(/^\*+/, '').replace(/\*+$/, '');
  if (/[*?]/.test(inner) || inner.length === 0) return { op, value };
  const leading = value.startsWith('*');
  const trailing = value.endsWith('*');
  if (leading && trailing) return { op: 'match', value: inner };
  if (leading) return { op: 'ends_with', value: inner };
  if (trailing) return { op: 'starts_with', value: inner };
  return { op: 'eq', value: inner };
}

function indicatorKey(i: { canonical: string; op: string; value: string }): string {
  return `${i.canonical}|${i.op}|${i.value}`;
}

/**
 * The least key in an indicator's equivalence class (it, its equivalents, theirs, ...), so every
 * member of the class gets the same key whichever member it starts from.
 */
function equivalenceKey(ind: Indicator): string {
  const seen = new Set([indicatorKey(ind)]);
  const queue = [{ canonical: ind.canonical, op: ind.op as string, value: ind.value }];
  while (queue.length && seen.size < 16) {
    for (const e of equivalents(queue.shift()!)) {
      const k = indicatorKey(e);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push(e);
      }
    }
  }
  let best = '';
  for (const k of seen) if (best === '' || k < best) best = k;
  return `${ind.kind}|${best}`;
}
