/** The ATT&CK matrix: tactics as columns, techniques as cells shaded by rule count, filters, and its Navigator layer. */
import { navigatorLayer } from '../../analysis/coverage/index.js';
import type { AttackData } from '../../knowledge/attack/index.js';
import { ATTACK_NOT_LOADED } from '../../catalog/attack-data.js';
import { html, byLanguageText, languageLabel, type Html } from '../markup.js';
import { layout } from '../layout.js';
import { attackHref, techniqueHref } from '../links.js';
import { param } from '../security.js';
import type { Coverage, CoverageFilter, Site } from '../site.js';

export interface MatrixCell {
  id: string;
  name: string;
  count: number;
  byLanguage: Record<string, number>;
}

export interface MatrixColumn {
  id: string;
  shortname: string;
  name: string;
  covered: MatrixCell[];
  /** Techniques of the tactic no rule covers (known only with full ATT&CK data). */
  gaps: Array<{ id: string; name: string }>;
}

export interface AttackPageData {
  filter: CoverageFilter;
  attackVersion: string;
  full: boolean;
  notice: string | null;
  sources: string[];
  languages: string[];
  coverage: Coverage;
  columns: MatrixColumn[];
}

export function coverageFilter(get: (name: string) => string | undefined): CoverageFilter {
  return { source: param(get('source')), language: param(get('language')) };
}

/** Live techniques of a tactic, parents only: the matrix's empty cells. */
function tacticGaps(data: AttackData, shortname: string, covered: Set<string>): Array<{ id: string; name: string }> {
  return Object.values(data.techniques)
    .filter((t) => !t.parent && !t.revoked && !t.deprecated && t.tactics.includes(shortname) && !covered.has(t.id))
    .map((t) => ({ id: t.id, name: t.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function columnsOf(coverage: Coverage, data: AttackData, full: boolean): MatrixColumn[] {
  return coverage.tactics.map((t) => {
    const covered: MatrixCell[] = t.techniques
      .map((x) => ({ id: x.id, name: x.name ?? data.techniques[x.id]?.name ?? '', count: x.count, byLanguage: x.byLanguage }))
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
    const ids = new Set(covered.map((c) => c.id.split('.')[0]));
    return { id: t.id, shortname: t.shortname, name: t.name, covered, gaps: full ? tacticGaps(data, t.shortname, ids) : [] };
  });
}

export function attackPageData(site: Site, filter: CoverageFilter): AttackPageData {
  const attack = site.attack();
  const coverage = site.coverage(filter);
  const { sources, languages } = site.facets();
  return {
    filter,
    attackVersion: attack.data.version,
    full: attack.full,
    notice: attack.full ? null : ATTACK_NOT_LOADED,
    sources,
    languages,
    coverage,
    columns: columnsOf(coverage, attack.data, attack.full),
  };
}

/** The Navigator layer of exactly the matrix the same filters show. */
export function attackLayer(site: Site, filter: CoverageFilter): unknown {
  const name = ['ruleatlas coverage', filter.source, filter.language].filter(Boolean).join(' · ');
  return navigatorLayer(site.coverage(filter), site.attack().data, { name });
}

/** Six shades on a log scale of the busiest cell, so a few very common techniques do not wash out the rest. */
export function heat(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((5 * Math.log1p(count)) / Math.log1p(max)));
}

function filterForm(d: AttackPageData): Html {
  const select = (name: string, label: string, values: string[], current: string | undefined, show = (v: string) => v): Html =>
    html`<label>${label}<select name="${name}"><option value="">all</option>${values.map((v) => html`<option value="${v}" ${v === current ? 'selected' : ''}>${show(v)}</option>`)}</select></label>`;
  return html`<form class="filters autosubmit" action="/attack" method="get">
${select('source', 'Source', d.sources, d.filter.source)}
${select('language', 'Language', d.languages, d.filter.language, languageLabel)}
<button type="submit">Show</button>
<a id="layer-download" href="${attackHref(d.filter, true)}" download="ruleatlas-layer.json">Download Navigator layer</a>
</form>`;
}

function column(c: MatrixColumn, max: number): Html {
  return html`<div class="col" data-tactic="${c.shortname}"><h3>${c.name}<br><span class="note">${c.covered.length} covered</span></h3>
${c.covered.map(
    (t) => html`<a class="cell heat-${heat(t.count, max)}" href="${techniqueHref(t.id)}" title="${t.id} ${t.name}: ${byLanguageText(t.byLanguage)}"><span class="cnt">${t.count}</span><b>${t.id}</b> ${t.name}</a>`,
  )}
${c.gaps.map((t) => html`<a class="cell heat-0" href="${techniqueHref(t.id)}" title="${t.id} ${t.name}: no rule"><b>${t.id}</b> ${t.name}</a>`)}
</div>`;
}

export function attackPage(d: AttackPageData): Html {
  const max = Math.max(0, ...d.columns.flatMap((c) => c.covered.map((t) => t.count)));
  const covered = new Set(d.columns.flatMap((c) => c.covered.map((t) => t.id))).size;
  return layout(
    { title: 'ATT&CK coverage', api: `/api${attackHref(d.filter)}`, section: 'attack' },
    html`<h1>MITRE ATT&amp;CK coverage</h1>
<p class="note">${covered} techniques covered · ATT&amp;CK ${d.attackVersion}${d.notice ? html` · ${d.notice}` : ''}</p>
${filterForm(d)}
<div class="matrix" id="matrix">${d.columns.map((c) => column(c, max))}</div>`,
  );
}
