/** Indicators: predicates lifted to the catalog as (canonical field, op, normalized value), one per value. */
import type { LanguageId } from './ids.js';
import type { Op } from './predicate.js';

export type IndicatorKind = 'detection' | 'exclusion';

export interface Indicator {
  type: 'indicator';
  /** The field as the rule wrote it; null for keywords and free text. */
  field: string | null;
  /** The taxonomy concept (`process.image_path`), or the field in lower case when the taxonomy has none. */
  canonical: string;
  op: Op;
  /** Normalized by the language's semantics: case-folded where matching ignores case, globs turned into ops. */
  value: string;
  /** Negated predicates give exclusion indicators, counted apart. */
  kind: IndicatorKind;
  language: LanguageId;
  stage: number;
  /** The same key for an indicator and its equivalents (`image ends_with \x.exe` ~ `process name eq x.exe`). */
  equivalence: string;
}

/** How many rules in the catalog share an indicator, in all and by language. */
export interface CorpusCount {
  count: number;
  byLanguage: Record<string, number>;
  equivalentCount: number;
  equivalentByLanguage: Record<string, number>;
}
