/** Indicators as `indicators` answers: a field as written resolved to its concept; with a value, the rules behind each. */
import { canonicalField } from '../knowledge/fields/index.js';
import type { IndicatorView, RuleSummary } from './views.js';
import type { Catalog } from './catalog.js';

export interface IndicatorRequest {
  field?: string;
  value?: string;
  op?: string;
  /** `detection` or `exclusion`. */
  kind?: string;
  top?: number;
}

export interface IndicatorAnswer extends IndicatorView {
  /** Given when the request names a value: the rules with this indicator or an equivalent. */
  rules?: RuleSummary[];
}

export function lookupIndicators(catalog: Catalog, request: IndicatorRequest): IndicatorAnswer[] {
  const canonical = request.field ? canonicalField(request.field, { language: 'sigma' }) : undefined;
  const list = catalog.indicators({ ...request, canonical });
  return request.value ? list.map((i) => ({ ...i, rules: catalog.indicatorRules(i, true) })) : list;
}
