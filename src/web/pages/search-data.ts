/** The search page's data: its URL parameters (several values per facet), the ranked results and facet counts. */
import { searchQueryOf, type SearchRequest } from '../../catalog/rule-search.js';
import { SEARCH_SORTS, type RuleSummary, type SearchResult, type SearchSort } from '../../catalog/views.js';
import { effectiveSort, searchTextProblem } from '../../catalog/search.js';
import { BadRequest } from '../bad-request.js';
import { MAX_QUERY_LENGTH, PAGE_SIZE, pageNumber, param } from '../security.js';
import type { Site } from '../site.js';

/** Facets a user ticks several values of: each repeats in the URL (`language=sigma&language=eql`). */
export const MULTI_PARAMS = ['language', 'source', 'tactic', 'severity', 'status', 'event'] as const;
/** Parameters with one value each. */
export const SINGLE_PARAMS = ['q', 'technique', 'field', 'value', 'op', 'sort'] as const;
/** The most values one facet takes in a request. */
const MAX_VALUES = 40;

export type MultiParam = (typeof MULTI_PARAMS)[number];
export type SearchParams = Partial<
  Record<(typeof SINGLE_PARAMS)[number], string> & Record<MultiParam, string[]>
>;

export interface SearchPageData extends SearchResult {
  query: SearchParams;
  /** The order the results are in (relevance with words, title without, or the one asked for). */
  sort: SearchSort;
  page: number;
  pageSize: number;
  pages: number;
  tactics: Array<{ id: string; shortname: string; name: string }>;
}

/** Request parameters, trimmed and capped; anything else in the URL is ignored. */
export function searchParams(
  get: (name: string) => string | undefined,
  getAll: (name: string) => string[] | undefined,
): { query: SearchParams; page: number } {
  const query: SearchParams = {};
  for (const name of SINGLE_PARAMS) {
    const v = param(get(name), name === 'q' ? MAX_QUERY_LENGTH : undefined);
    if (v) query[name] = v;
  }
  for (const name of MULTI_PARAMS) {
    const values = [...new Set((getAll(name) ?? []).map((v) => param(v)).filter((v): v is string => !!v))];
    if (values.length) query[name] = values.slice(0, MAX_VALUES);
  }
  return { query, page: pageNumber(get('page')) };
}

function sortOf(value: string | undefined): SearchSort | undefined {
  if (value === undefined) return undefined;
  const sort = SEARCH_SORTS.find((s) => s === value.toLowerCase());
  if (!sort) throw new BadRequest(`unknown sort "${value}"; use one of ${SEARCH_SORTS.join(', ')}`);
  return sort;
}

/** The catalog request a page's parameters ask for. */
export function searchRequestOf(site: Site, query: SearchParams): SearchRequest {
  const { language, source, severity, status, tactic } = query;
  site.checkFilters({ language, source, severity, status, tactic });
  const problem = searchTextProblem(query.q);
  if (problem) throw new BadRequest(problem);
  return {
    text: query.q,
    language,
    source,
    technique: query.technique,
    tactic,
    severity,
    status,
    event: query.event,
    field: query.field,
    value: query.value,
    op: query.op,
    sort: sortOf(query.sort),
  };
}

export function searchPageData(site: Site, query: SearchParams, page: number): SearchPageData {
  const data = site.attack().data;
  const q = { ...searchQueryOf(searchRequestOf(site, query), data), limit: PAGE_SIZE };
  let result = site.catalog.search({ ...q, offset: (page - 1) * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  // A page past the end shows the last page, as a link from an older, longer result list expects.
  if (page > pages) {
    page = pages;
    result = site.catalog.search({ ...q, offset: (page - 1) * PAGE_SIZE });
  }
  return {
    query,
    sort: effectiveSort(q),
    page,
    pageSize: PAGE_SIZE,
    pages,
    tactics: data.tactics,
    ...result,
  };
}

/** Every rule the parameters match, for the CSV export. */
export function searchExport(site: Site, query: SearchParams): RuleSummary[] {
  return site.catalog.exportSearch(searchQueryOf(searchRequestOf(site, query), site.attack().data));
}
