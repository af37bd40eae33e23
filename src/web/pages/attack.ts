/** The ATT&CK matrix: tactics as columns, techniques as cells shaded by rule count, filters, and its Navigator layer. */
import { plural } from '../../text/plural.js';
import { navigatorLayer } from '../../analysis/coverage/index.js';
import { ATTACK_NOT_LOADED, isFallback } from '../../knowledge/attack/index.js';
import { html, languageLabel, type Html } from '../markup.js';
import { layout, section } from '../layout.js';
import { attackHref, techniqueHref, searchHref } from '../links.js';
import { param } from '../security.js';
import type { CoverageFilter, Site } from '../site.js';
import {
  cellOf,
  matrixColumns,
  type MatrixCell,
  type MatrixColumn,
  type MatrixTechnique,
} from './attack-columns.js';
import { cell, legend, matrixColumn, techniqueFilterInput } from './attack-matrix.js';
import {
  visibilityInputs,
  visibilitySection,
  visibilitySummary,
  type VisibilityFilter,
  type VisibilitySummary,
} from './attack-visibility.js';

export type AttackFilter = CoverageFilter &
  VisibilityFilter & {
    /** Text a technique's id or name contains (the matrix's filter box); a sub-technique's match keeps its parent. */
    technique?: string;
  };

export type { MatrixCell, MatrixColumn, MatrixTechnique };

export interface AttackPageData {
  filter: AttackFilter;
  attackVersion: string;
  full: boolean;
  notice: string | null;
  sources: string[];
  languages: string[];
  rules: number;
  rulesWithTechniques: number;
  columns: MatrixColumn[];
  /** Techniques in the matrix some rule names, and the most rules naming one (the darkest shade), whatever the filter box says. */
  coveredTechniques: number;
  busiest: number;
  /** Covered techniques the data places under no tactic, and ids it does not know: listed, not in the layer. */
  unplaced: MatrixCell[];
  unknown: Array<{ id: string; rules: number }>;
  /** With `have` or `without`: the rules and techniques that go blind. */
  visibility?: VisibilitySummary;
}

export function coverageFilter(get: (name: string) => string | undefined): AttackFilter {
  return {
    source: param(get('source')),
    language: param(get('language')),
    have: param(get('have')),
    without: param(get('without')),
    technique: param(get('technique'), 100),
  };
}

export function attackPageData(site: Site, filter: AttackFilter): AttackPageData {
  site.checkFilters({ source: filter.source, language: filter.language });
  const attack = site.attack();
  const coverage = site.coverage(filter);
  const { sources, languages } = site.facets();
  const visibility = visibilitySummary(site, filter)?.summary;
  return {
    ...(visibility ? { visibility } : {}),
    filter,
    attackVersion: attack.data.version,
    full: attack.full,
    notice: attack.full ? null : ATTACK_NOT_LOADED,
    sources,
    languages,
    rules: coverage.rules,
    rulesWithTechniques: coverage.rulesWithTechniques,
    columns: matrixColumns(coverage, attack.data, !isFallback(attack.data), filter.technique),
    coveredTechniques: Object.values(coverage.techniques).filter(
      (t) => t.rules > 0 && attack.data.techniques[t.id].tactics.length > 0,
    ).length,
    busiest: Math.max(0, ...Object.values(coverage.techniques).map((t) => t.rules)),
    unplaced: coverage.unplaced.map((id) => cellOf(coverage.techniques[id])),
    unknown: Object.entries(coverage.unknownRules)
      .map(([id, rules]) => ({ id, rules }))
      .sort((a, b) => b.rules - a.rules || a.id.localeCompare(b.id)),
  };
}

/** The Navigator layer of exactly the matrix the same filters show. */
export function attackLayer(site: Site, filter: AttackFilter): unknown {
  const visibility = visibilitySummary(site, filter);
  if (visibility) return visibility.layer();
  const name = ['ruleatlas coverage', filter.source, filter.language].filter(Boolean).join(' · ');
  return navigatorLayer(site.coverageWithRules(filter), site.attack().data, { name });
}

function filterForm(d: AttackPageData): Html {
  // The layer holds the whole matrix of these rules: the filter box only narrows what is on screen.
  const { technique: _narrowing, ...layerFilter } = d.filter;
  const select = (
    name: string,
    label: string,
    values: string[],
    current: string | undefined,
    show = (v: string) => v,
  ): Html =>
    html`<label
      >${label}<select name="${name}">
        <option value="">all</option>
        ${values.map((v) => html`<option value="${v}" ${v === current ? 'selected' : ''}>${show(v)}</option>`)}
      </select></label
    >`;
  return html`<form class="filters autosubmit" action="/attack" method="get">
    ${select('source', 'Source', d.sources, d.filter.source)}
    ${select('language', 'Language', d.languages, d.filter.language, languageLabel)}
    ${techniqueFilterInput(d.filter.technique)} ${visibilityInputs(d.filter)}
    <button type="submit">Show</button>
    <a id="layer-download" href="${attackHref(layerFilter, true)}" download="ruleatlas-layer.json"
      >Download Navigator layer</a
    >
  </form>`;
}

/** Techniques the matrix cannot place: no tactic in the loaded data, or an id the data does not know. */
function outside(d: AttackPageData, max: number): Html | string {
  if (!d.unplaced.length && !d.unknown.length) return '';
  return section(
    'outside',
    'Outside the matrix',
    html`${
      d.unplaced.length
        ? html`<h3>No tactic known</h3>
            <div class="loose">${d.unplaced.map((t) => cell(t, max))}</div>`
        : ''
    }
    ${
      d.unknown.length
        ? html`<h3>Not in ATT&amp;CK ${d.attackVersion}</h3>
            <ul class="plain">
              ${d.unknown.map((u) => html`<li><a href="${techniqueHref(u.id)}">${u.id}</a> <span class="note">${plural(u.rules, 'rule')}</span></li>`)}
            </ul>`
        : ''
    }`,
    'These techniques are not part of the Navigator layer, which places every technique under a tactic.',
  );
}

/** The rules that name no technique: counted apart, so "N of M rules" adds up, and one click from a list. */
function unmapped(d: AttackPageData): Html | string {
  const without = d.rules - d.rulesWithTechniques;
  if (without <= 0) return '';
  const href = searchHref({ technique: 'none', source: d.filter.source, language: d.filter.language });
  return section(
    'unmapped',
    'Rules without ATT&CK',
    html`<p>${plural(without, 'rule')} name no ATT&amp;CK technique: <a href="${href}">list them</a>.</p>`,
  );
}

export function attackPage(d: AttackPageData): Html {
  const { busiest: max, coveredTechniques: covered } = d;
  // A column stays when the filter box empties it, so the tactics keep their places.
  const columns = d.columns.filter((c) => c.covered.length || c.gaps.length || c.available > 0);
  const lost = new Set(d.visibility?.techniquesLost.map((t) => t.id) ?? []);
  return layout(
    { title: 'ATT&CK coverage', api: `/api${attackHref(d.filter)}`, section: 'attack', wide: true },
    html`<h1>MITRE ATT&amp;CK coverage</h1>
      <p class="note">
        ${plural(covered, 'technique')} covered by ${d.rulesWithTechniques} of ${plural(d.rules, 'rule')} ·
        ATT&amp;CK ${d.attackVersion}${d.notice ? html` · ${d.notice}` : ''}
      </p>
      ${filterForm(d)} ${legend(max)}
      <div class="matrix" id="matrix">
        ${columns.length ? columns.map((c) => matrixColumn(c, max, lost, d.filter.technique)) : html`<p class="note">No technique of these rules has a tactic in the loaded ATT&amp;CK data.</p>`}
      </div>
      ${visibilitySection(d.visibility)} ${outside(d, max)} ${unmapped(d)}`,
  );
}
