/** The search page: full text, ticked facet values with counts, a sort, paged results and a CSV of them. */
import type { Facet } from '../../catalog/views.js';
import { SEARCH_SORTS } from '../../catalog/views.js';
import { isDeprecated } from '../../knowledge/rules/lifecycle.js';
import { deprecatedTag } from '../copy.js';
import { noun } from '../../text/plural.js';
import { html, languageLabel, type Html } from '../markup.js';
import { layout } from '../layout.js';
import { query, ruleHref, searchHref, sourceHref, techniqueHref } from '../links.js';
import type { MultiParam, SearchPageData, SearchParams } from './search-data.js';

export { searchPageData, searchParams, searchExport, type SearchPageData } from './search-data.js';

const SORT_LABELS: Record<(typeof SEARCH_SORTS)[number], string> = {
  relevance: 'Relevance',
  title: 'Title',
  date: 'Date (newest)',
  severity: 'Severity (highest)',
};

/** A facet's values as checkboxes, ticked ones kept even when nothing matches them now. */
function facetBoxes(
  name: MultiParam,
  label: string,
  facets: Facet[],
  chosen: string[] | undefined,
  show = (v: string) => v,
): Html {
  const ticked = new Set((chosen ?? []).map((v) => v.toLowerCase()));
  const listed = new Set(facets.map((f) => f.value.toLowerCase()));
  const values = [
    ...(chosen ?? []).filter((v) => !listed.has(v.toLowerCase())).map((value) => ({ value, count: 0 })),
    ...facets,
  ];
  if (!values.length) return html``;
  return html`<fieldset class="facet" data-facet="${name}">
    <legend>${label}</legend>
    ${values.map(
      (f) =>
        html`<label class="check"
          ><input
            type="checkbox"
            name="${name}"
            value="${f.value}"
            ${ticked.has(f.value.toLowerCase()) ? 'checked' : ''}
          />
          ${show(f.value)} <span class="count">(${f.count})</span></label
        >`,
    )}
  </fieldset>`;
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
  const tacticName = new Map(d.tactics.map((t) => [t.shortname, t.name]));
  // Tactics in matrix order, as the matrix shows them.
  const order = new Map(d.tactics.map((t, i) => [t.shortname, i]));
  const tactics = [...d.facets.tactic].sort(
    (a, b) => (order.get(a.value) ?? 99) - (order.get(b.value) ?? 99),
  );
  return html`<aside class="facets">
    ${facetBoxes('language', 'Language', d.facets.language, q.language, (v) => languageLabel(v))}
    ${facetBoxes('source', 'Source', d.facets.source, q.source)}
    ${facetBoxes('tactic', 'Tactic', tactics, q.tactic, (v) => tacticName.get(v) ?? v)}
    ${facetBoxes('severity', 'Severity', d.facets.severity, q.severity)}
    ${facetBoxes('status', 'Status', d.facets.status, q.status)}
    ${facetBoxes('event', 'Event provider', d.facets.provider, q.event)}
    <fieldset>
      <legend>Narrow</legend>
      ${textInput('technique', 'Technique', q.technique, 'T1197')}
      ${textInput('field', 'Field', q.field, 'Image, process.name')}
      ${textInput('value', 'Value', q.value, '\\bitsadmin.exe')}
    </fieldset>
    <button type="submit">Apply</button> <a href="/search">Clear</a>
  </aside>`;
}

function sortControl(d: SearchPageData): Html {
  return html`<label class="sort"
    >Sort
    <select name="sort">
      ${SEARCH_SORTS.filter((s) => s !== 'relevance' || d.query.q).map(
        (s) => html`<option value="${s}" ${s === d.sort ? 'selected' : ''}>${SORT_LABELS[s]}</option>`,
      )}
    </select></label
  >`;
}

function resultItem(r: SearchPageData['rules'][number]): Html {
  return html`<li>
    <a href="${ruleHref(r.key)}" class="inert">${r.title}</a
    >${isDeprecated(r) ? html` ${deprecatedTag()}` : ''}
    <div class="meta">
      ${languageLabel(r.language)} · <a href="${sourceHref(r.source)}">${r.source}</a> ·
      <span class="mono">${r.path}</span
      >${r.severity ? ` · ${r.severity}` : ''}${r.status ? ` · ${r.status}` : ''}${r.parsed ? '' : html` · <span class="tag error">errors</span>`}
    </div>
    ${
      r.techniques.length
        ? html`<div class="meta techniques">
            ${r.techniques.map((t, i) => html`${i ? ' ' : ''}<a class="mono" href="${techniqueHref(t)}">${t}</a>`)}
          </div>`
        : ''
    }
  </li>`;
}

function results(d: SearchPageData): Html {
  const here = { ...d.query };
  const pager = html`<nav class="pager" aria-label="Pages">
    ${d.page > 1 ? html`<a rel="prev" href="${searchHref({ ...here, page: d.page - 1 })}">← Previous</a>` : ''}
    <span>Page ${d.page} of ${d.pages}</span>
    ${d.page < d.pages ? html`<a rel="next" href="${searchHref({ ...here, page: d.page + 1 })}">Next →</a>` : ''}
  </nav>`;
  const csv = `/search.csv${query(here) ? `?${query(here)}` : ''}`;
  return html`<div id="results">
    <p class="note">
      <span id="total">${d.total}</span> ${noun(d.total, 'rule')}${
        d.query.q ? html` ${d.total === 1 ? 'matches' : 'match'} <q>${d.query.q}</q>` : ''
      }
      · <a id="csv" href="${csv}" download>CSV</a> ${sortControl(d)}
    </p>
    <ul class="results">
      ${d.rules.map(resultItem)}
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
