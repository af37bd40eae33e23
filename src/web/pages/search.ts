/** The search page: full text plus facets with counts, paged; the URL holds the whole query. */
import { isDeprecated } from '../../knowledge/rules/lifecycle.js';
import { deprecatedTag } from '../copy.js';
import type { SearchQuery, SearchResult, Facet } from '../../catalog/views.js';
import { searchTextProblem } from '../../catalog/search.js';
import { BadRequest } from '../bad-request.js';
import { tacticTechniques } from '../../knowledge/attack/index.js';
import { canonicalField } from '../../knowledge/fields/index.js';
import { LANGUAGE_IDS, type LanguageId } from '../../model/ids.js';
import { html, languageLabel, type Html } from '../markup.js';
import { layout } from '../layout.js';
import { ruleHref, searchHref, sourceHref } from '../links.js';
import { MAX_QUERY_LENGTH, PAGE_SIZE, pageNumber, param } from '../security.js';
import type { Site } from '../site.js';

export const SEARCH_PARAMS = [
  'q',
  'language',
  'source',
  'tactic',
  'technique',
  'severity',
  'status',
  'event',
  'field',
  'value',
  'op',
] as const;
export type SearchParams = Partial<Record<(typeof SEARCH_PARAMS)[number], string>>;

export interface SearchPageData extends SearchResult {
  query: SearchParams;
  page: number;
  pageSize: number;
  pages: number;
  tactics: Array<{ id: string; shortname: string; name: string }>;
}

/** Request parameters, trimmed and capped; anything else in the URL is ignored. */
export function searchParams(get: (name: string) => string | undefined): {
  query: SearchParams;
  page: number;
} {
  const query: SearchParams = {};
  for (const name of SEARCH_PARAMS) {
    const v = param(get(name), name === 'q' ? MAX_QUERY_LENGTH : undefined);
    if (v) query[name] = v;
  }
  return { query, page: pageNumber(get('page')) };
}

export function searchPageData(site: Site, query: SearchParams, page: number): SearchPageData {
  const data = site.attack().data;
  const { language, source, severity, status, tactic } = query;
  site.checkFilters({ language, source, severity, status, tactic });
  const problem = searchTextProblem(query.q);
  if (problem) throw new BadRequest(problem);
  const q: SearchQuery = {
    text: query.q,
    language: query.language,
    source: query.source,
    technique: query.technique,
    severity: query.severity,
    status: query.status,
    event: query.event,
    field: query.field,
    value: query.value,
    op: query.op,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  if (query.tactic) q.tacticTechniques = tacticTechniques(data, query.tactic);
  if (query.field) q.canonical = canonicalField(query.field, { language: fieldLanguage(query.language) });
  let result = site.catalog.search(q);
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  // A page past the end shows the last page, as a link from an older, longer result list expects.
  if (page > pages) {
    page = pages;
    result = site.catalog.search({ ...q, offset: (page - 1) * PAGE_SIZE });
  }
  return {
    query,
    page,
    pageSize: PAGE_SIZE,
    pages,
    tactics: data.tactics,
    ...result,
  };
}

/** Field names are looked up in the taxonomy as the chosen language writes them; Sigma's names when none is chosen. */
function fieldLanguage(language: string | undefined): LanguageId {
  return LANGUAGE_IDS.find((id) => id === language) ?? 'sigma';
}

function facetSelect(
  name: keyof SearchParams,
  label: string,
  facets: Facet[],
  current: string | undefined,
  show = (v: string) => v,
): Html {
  const values =
    current && !facets.some((f) => f.value === current) ? [{ value: current, count: 0 }, ...facets] : facets;
  return html`<label
    >${label}<select name="${name}">
      <option value="">any</option>
      ${values.map(
        (f) =>
          html`<option value="${f.value}" ${f.value === current ? 'selected' : ''}>
            ${show(f.value)} (${f.count})
          </option>`,
      )}
    </select></label
  >`;
}

function textInput(
  name: keyof SearchParams,
  label: string,
  value: string | undefined,
  placeholder: string,
): Html {
  return html`<label
    >${label}<input
      type="text"
      name="${name}"
      value="${value ?? ''}"
      placeholder="${placeholder}"
      maxlength="300"
  /></label>`;
}

function facetsForm(d: SearchPageData): Html {
  const q = d.query;
  return html`<aside class="facets">
    <fieldset>
      <legend>Narrow</legend>
      ${d.facetsOver ? html`<p class="note" id="facets-estimated">Counts over the first ${d.facetsOver} of ${d.total} matches.</p>` : ''}
      ${facetSelect('language', 'Language', d.facets.language, q.language, (v) => languageLabel(v))}
      ${facetSelect('source', 'Source', d.facets.source, q.source)}
      ${facetSelect('severity', 'Severity', d.facets.severity, q.severity)}
      ${facetSelect('status', 'Status', d.facets.status, q.status)}
      ${facetSelect('event', 'Event provider', d.facets.provider, q.event)}
      <label
        >Tactic<select name="tactic">
          <option value="">any</option>
          ${d.tactics.map(
            (t) =>
              html`<option value="${t.shortname}" ${t.shortname === q.tactic ? 'selected' : ''}>
                ${t.name}
              </option>`,
          )}
        </select></label
      >
      ${textInput('technique', 'Technique', q.technique, 'T1197')}
      ${textInput('field', 'Field', q.field, 'Image, process.name')}
      ${textInput('value', 'Value', q.value, '\\bitsadmin.exe')}
    </fieldset>
    <button type="submit">Apply</button> <a href="/search">Clear</a>
  </aside>`;
}

function results(d: SearchPageData): Html {
  const here = { ...d.query };
  const pager = html`<nav class="pager" aria-label="Pages">
    ${d.page > 1 ? html`<a rel="prev" href="${searchHref({ ...here, page: d.page - 1 })}">← Previous</a>` : ''}
    <span>Page ${d.page} of ${d.pages}</span>
    ${d.page < d.pages ? html`<a rel="next" href="${searchHref({ ...here, page: d.page + 1 })}">Next →</a>` : ''}
  </nav>`;
  return html`<div id="results">
    <p class="note">
      <span id="total">${d.total}</span> rules${d.query.q ? html` match <q>${d.query.q}</q>` : ''}
    </p>
    <ul class="results">
      ${d.rules.map(
        (r) =>
          html`<li>
            <a href="${ruleHref(r.key)}" class="inert">${r.title}</a
            >${isDeprecated(r) ? html` ${deprecatedTag()}` : ''}
            <div class="meta">
              ${languageLabel(r.language)} · <a href="${sourceHref(r.source)}">${r.source}</a> ·
              <span class="mono">${r.path}</span
              >${r.severity ? ` · ${r.severity}` : ''}${r.status ? ` · ${r.status}` : ''}${r.parsed ? '' : html` · <span class="tag error">errors</span>`}
            </div>
          </li>`,
      )}
    </ul>
    ${d.total > d.pageSize ? pager : ''}
  </div>`;
}

export function searchPage(d: SearchPageData): Html {
  const api = `/api${searchHref({ ...d.query, page: d.page > 1 ? d.page : undefined })}`;
  return layout(
    { title: d.query.q ? `Search: ${d.query.q}` : 'Search', api, q: d.query.q, section: 'search' },
    html`<h1>Search rules</h1>
      <form class="search-page autosubmit" action="/search" method="get">
        <div class="searchbar">
          <input
            type="search"
            name="q"
            value="${d.query.q ?? ''}"
            placeholder="Words in titles, descriptions, queries and tags"
            aria-label="Search text"
            maxlength="200"
            autofocus
          /><button type="submit">Search</button>
        </div>
        ${d.query.op ? html`<input type="hidden" name="op" value="${d.query.op}" />` : ''}
        <div class="search-layout">${facetsForm(d)}${results(d)}</div>
      </form>`,
  );
}
