/**
 * Indicators near an exact one: the same concept with a value that holds it or that it holds
 * (`/transfer` and ` /transfer `), which exact counts keep apart; the nearest first.
 */

/** How another value relates to this one: it contains this value, or lies within it. */
export type ValueRelation = 'contains' | 'within';

export interface RelatedIndicator {
  kind: string;
  canonical: string;
  op: string;
  value: string;
  /** Rules with the related indicator. */
  count: number;
  relation: ValueRelation;
}

/** Ops whose values are plain text one can hold another: a pattern or a number relates to nothing this way. */
export const TEXT_OPS: readonly string[] = ['eq', 'match', 'starts_with', 'ends_with'];

/** An indicator with at most this many other rules is "specific": its page and list say what is near it. */
export const FEW_RULES = 1;

/** The shortest value worth relating: shorter ones (`/t`) lie within almost anything. */
const MIN_LENGTH = 3;

/** Neither value more than this many times as long as the other: `/t` is not near `/transfer`. */
const MAX_RATIO = 2;

export function valueRelation(value: string, other: string): ValueRelation | undefined {
  if (other === value || other.trim().length < MIN_LENGTH || value.trim().length < MIN_LENGTH)
    return undefined;
  const [short, long] = other.length < value.length ? [other, value] : [value, other];
  if (long.length > short.length * MAX_RATIO) return undefined;
  if (other.includes(value)) return 'contains';
  if (value.includes(other)) return 'within';
  return undefined;
}

/** The candidates related to `value`, nearest (closest in length, then most shared) first, at most `limit`. */
export function nearestRelated(
  value: string,
  candidates: ReadonlyArray<Omit<RelatedIndicator, 'relation'>>,
  limit: number,
): RelatedIndicator[] {
  const related: RelatedIndicator[] = [];
  for (const c of candidates) {
    const relation = valueRelation(value, c.value);
    if (relation) related.push({ ...c, relation });
  }
  const distance = (r: RelatedIndicator): number => Math.abs(r.value.length - value.length);
  return related
    .sort((a, b) => distance(a) - distance(b) || b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, limit);
}

/** The relation in words, as a list under an indicator says it: "contains this value". */
export function relationText(relation: ValueRelation): string {
  return relation === 'contains' ? 'contains this value' : 'within this value';
}
