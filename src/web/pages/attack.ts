/** The ATT&CK matrix: tactics as columns, techniques as cells shaded by rule count, filters, and its Navigator layer. */
import { plural } from '../../text/plural.js';
import { navigatorLayer } from '../../analysis/coverage/index.js';
import type { TechniqueCoverage } from '../../analysis/coverage/index.js';
import type { AttackData } from '../../knowledge/attack/index.js';
import { ATTACK_NOT_LOADED, isFallback } from '../../knowledge/attack/index.js';
import { html, byLanguageText, languageLabel, type Html } from '../markup.js';
import { layout, section } from '../layout.js';
import { attackHref, techniqueHref, searchHref } from '../links.js';
import { param } from '../security.js';
import type { Coverage, CoverageFilter, Site } from '../site.js';
import {
  visibilityInputs,
  visibilitySection,
  visibilitySummary,
  type VisibilityFilter,
  type VisibilitySummary,
} from './attack-visibility.js';

export type AttackFilter = CoverageFilter & VisibilityFilter;

export interface MatrixCell {
  id: string;
  name: string;
  /** Rules naming the technique itself: the cell's shade and the layer's score. */
  count: number;
  /** Rules naming only its sub-techniques, shown apart. */
  subtechniqueRules: number;
  byLanguage: Record<string, number>;
}

export interface MatrixColumn {
  id: string;
  shortname: string;
  name: string;
  /** Distinct rules under the tactic, and techniques the loaded data places under it. */
  rules: number;
  available: number;
  /** Live techniques of the tactic that rules name, as the home page counts them. */
  coveredCount: number;
  covered: MatrixCell[];
  /** Techniques of the tactic no rule covers (none for the bare tactics table, which lists no techniques). */
  gaps: Array<{ id: string; name: string }>;
}

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
  };
}

/** Live techniques of a tactic, parents only, that no rule covers: the matrix's empty cells. */
function tacticGaps(
  data: AttackData,
  shortname: string,
  coverage: Coverage,
): Array<{ id: string; name: string }> {
  return Object.values(data.techniques)
    .filter(
      (t) =>
        !t.parent &&
        !t.revoked &&
        !t.deprecated &&
        t.tactics.includes(shortname) &&
        !coverage.techniques[t.id],
    )
    .map((t) => ({ id: t.id, name: t.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function cellOf(t: TechniqueCoverage): MatrixCell {
  return {
    id: t.id,
    name: t.name,
    count: t.rules,
    subtechniqueRules: t.subtechniqueRules,
    byLanguage: t.byLanguage,
  };
}

function columnsOf(coverage: Coverage, data: AttackData, knowsTechniques: boolean): MatrixColumn[] {
  return coverage.tactics.map((t) => ({
    id: t.id,
    shortname: t.shortname,
    name: t.name,
    rules: t.rules,
    available: t.available,
    coveredCount: t.covered,
    covered: t.techniques
      .map(cellOf)
      .sort(
        (a, b) => b.count - a.count || b.subtechniqueRules - a.subtechniqueRules || a.id.localeCompare(b.id),
      ),
    gaps: knowsTechniques ? tacticGaps(data, t.shortname, coverage) : [],
  }));
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
    columns: columnsOf(coverage, attack.data, !isFallback(attack.data)),
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

/** Six shades on a log scale of the busiest cell, so a few very common techniques do not wash out the rest. */
export function heat(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((5 * Math.log1p(count)) / Math.log1p(max)));
}

function filterForm(d: AttackPageData): Html {
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
    ${visibilityInputs(d.filter)}
    <button type="submit">Show</button>
    <a id="layer-download" href="${attackHref(d.filter, true)}" download="ruleatlas-layer.json"
      >Download Navigator layer</a
    >
  </form>`;
}

function cell(t: MatrixCell, max: number, lost = false): Html {
  const via = t.subtechniqueRules ? ` +${t.subtechniqueRules} via sub-techniques` : '';
  return html`<a
    class="cell covered heat-${heat(t.count, max)}${lost ? ' lost' : ''}"
    href="${techniqueHref(t.id)}"
    title="${t.id} ${t.name}: ${t.count} rules${via}${t.count ? ` (${byLanguageText(t.byLanguage)})` : ''}${lost ? '; no rule left' : ''}"
    ><span class="cnt"
      >${t.count}${t.subtechniqueRules ? html`<small>+${t.subtechniqueRules}</small>` : ''}</span
    ><b>${t.id}</b> ${t.name}</a
  >`;
}

function column(c: MatrixColumn, max: number, lost: ReadonlySet<string>): Html {
  return html`<div class="col" data-tactic="${c.shortname}">
    <h3>
      ${c.name}<br /><span class="note"
        >${c.coveredCount} of ${c.available} · ${plural(c.rules, 'rule')}</span
      >
    </h3>
    ${c.covered.map((t) => cell(t, max, lost.has(t.id)))}
    ${c.gaps.map((t) => html`<a class="cell heat-0" href="${techniqueHref(t.id)}" title="${t.id} ${t.name}: no rule"><b>${t.id}</b> ${t.name}</a>`)}
  </div>`;
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
              ${d.unknown.map((u) => html`<li><a href="${techniqueHref(u.id)}">${u.id}</a> <span class="note">${u.rules} rules</span></li>`)}
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
  const max = Math.max(
    0,
    ...d.columns.flatMap((c) => c.covered.map((t) => t.count)),
    ...d.unplaced.map((t) => t.count),
  );
  const covered = new Set(d.columns.flatMap((c) => c.covered.filter((t) => t.count > 0).map((t) => t.id)))
    .size;
  const columns = d.columns.filter((c) => c.covered.length || c.gaps.length);
  const lost = new Set(d.visibility?.techniquesLost.map((t) => t.id) ?? []);
  return layout(
    { title: 'ATT&CK coverage', api: `/api${attackHref(d.filter)}`, section: 'attack', wide: true },
    html`<h1>MITRE ATT&amp;CK coverage</h1>
      <p class="note">
        ${covered} techniques covered by ${d.rulesWithTechniques} of ${d.rules} rules · ATT&amp;CK
        ${d.attackVersion}${d.notice ? html` · ${d.notice}` : ''}
      </p>
      ${filterForm(d)}
      <div class="matrix" id="matrix">
        ${columns.length ? columns.map((c) => column(c, max, lost)) : html`<p class="note">No technique of these rules has a tactic in the loaded ATT&amp;CK data.</p>`}
      </div>
      ${visibilitySection(d.visibility)} ${outside(d, max)} ${unmapped(d)}`,
  );
}
