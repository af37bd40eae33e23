/** Indicators of the catalog near one value: same kind and concept, a text op, a value holding it or held by it. */
import type { Db } from './schema.js';
import type { IndicatorKey } from './views.js';
import { nearestRelated, TEXT_OPS, type RelatedIndicator } from '../analysis/related-indicators.js';

/** Candidates read before ranking: the nearest few are among the first by length difference. */
const CANDIDATES = 50;

export function relatedIndicators(db: Db, ref: IndicatorKey, limit = 5): RelatedIndicator[] {
  if (!TEXT_OPS.includes(ref.op) || !ref.value.trim()) return [];
  const ops = TEXT_OPS.map(() => '?').join(', ');
  const candidates = db
    .prepare(
      `SELECT kind, canonical, op, value, count FROM indicator_counts
       WHERE kind = ? AND canonical = ? AND op IN (${ops}) AND value <> ? AND value <> ''
         AND (instr(value, ?) > 0 OR instr(?, value) > 0)
       ORDER BY abs(length(value) - length(?)), count DESC LIMIT ${CANDIDATES}`,
    )
    .all(ref.kind, ref.canonical, ...TEXT_OPS, ref.value, ref.value, ref.value, ref.value) as Array<
    Omit<RelatedIndicator, 'relation'>
  >;
  return nearestRelated(ref.value, candidates, limit);
}
