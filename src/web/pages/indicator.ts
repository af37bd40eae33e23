/** The indicator page: one (field, op, value), how rules write it, its equivalents, every rule that shares it by language. */
import type {
  EquivalentIndicator,
  IndicatorField,
  IndicatorKey,
  IndicatorView,
  RuleSummary,
} from '../../catalog/views.js';
import { html, indicatorValueText, corpusText, languageLabel, type Html } from '../markup.js';
import { layout, section } from '../layout.js';
import { indicatorHref, ruleHref, sourceHref } from '../links.js';
import { param } from '../security.js';
import type { Site } from '../site.js';
import { indicatorTable, relatedList } from './indicator-table.js';
import type { RelatedIndicator } from '../../analysis/related-indicators.js';

/** Related indicators the page lists. */
const RELATED_SHOWN = 10;

/** Long lists stop here: an indicator shared by thousands of rules is better narrowed by search. */
const MAX_RULES = 1000;

export interface IndicatorPageData {
  indicator: IndicatorView;
  fields: IndicatorField[];
  equivalents: EquivalentIndicator[];
  /** Indicators of the same concept whose value holds this one's or lies within it, nearest first. */
  related: RelatedIndicator[];
  /** Rules with exactly this indicator, by language. */
  rules: Record<string, RuleSummary[]>;
  /** Rules with an equivalent indicator but not this one, by language. */
  equivalentRules: Record<string, RuleSummary[]>;
  truncated: boolean;
}

/** The indicator named by a request, or undefined when a part is missing; kind defaults to detection. */
export function indicatorParams(get: (name: string) => string | undefined): IndicatorRequest | undefined {
  const kind = param(get('kind')) ?? 'detection';
  const canonical = param(get('canonical'));
  const op = param(get('op'));
  // An empty value is real (`exists` has none): it is taken as given, not trimmed away.
  const value = (get('value') ?? '').slice(0, 1000);
  const digest = param(get('digest'), 64);
  if (!canonical || !op || (kind !== 'detection' && kind !== 'exclusion')) return undefined;
  return { kind, canonical, op, value, ...(digest ? { digest } : {}) };
}

/** An indicator as a link names it: by value, or by the digest of a value too long for a link. */
export interface IndicatorRequest extends IndicatorKey {
  digest?: string;
}

function byLanguage(rules: RuleSummary[]): Record<string, RuleSummary[]> {
  const out: Record<string, RuleSummary[]> = {};
  for (const r of rules) (out[r.language ?? 'none'] ??= []).push(r);
  return out;
}

export function indicatorPageData(site: Site, request: IndicatorRequest): IndicatorPageData | undefined {
  const { digest, ...key } = request;
  const value = digest === undefined ? key.value : site.catalog.indicatorValueByDigest(key, digest);
  if (value === undefined) return undefined;
  const ref: IndicatorKey = { ...key, value };
  const found = site.catalog.indicatorCount(ref);
  if (!found) return undefined;
  const fields = site.catalog.indicatorFields(ref);
  const indicator: IndicatorView = { ...found, field: fields[0]?.field ?? null };
  const exact = site.catalog.indicatorRules(indicator);
  const keys = new Set(exact.map((r) => r.key));
  const viaEquivalents = site.catalog.indicatorRules(indicator, true).filter((r) => !keys.has(r.key));
  return {
    indicator,
    fields,
    equivalents: site.catalog.equivalentIndicators(indicator.equivalence, ref),
    related: site.catalog.relatedIndicators(ref, RELATED_SHOWN),
    rules: byLanguage(exact.slice(0, MAX_RULES)),
    equivalentRules: byLanguage(viaEquivalents.slice(0, MAX_RULES)),
    truncated: exact.length > MAX_RULES || viaEquivalents.length > MAX_RULES,
  };
}

function ruleGroups(groups: Record<string, RuleSummary[]>): Html {
  const langs = Object.keys(groups).sort((a, b) => groups[b].length - groups[a].length || a.localeCompare(b));
  return html`${langs.map(
    (l) =>
      html`<h3>${languageLabel(l)} <span class="note">${groups[l].length}</span></h3>
        <ul class="plain">
          ${groups[l].map(
            (r) =>
              html`<li>
                <a href="${ruleHref(r.key)}" class="inert">${r.title}</a>
                <span class="note"><a href="${sourceHref(r.source)}">${r.source}</a> · ${r.path}</span>
              </li>`,
          )}
        </ul>`,
  )}`;
}

export function indicatorPage(d: IndicatorPageData): Html {
  const i = d.indicator;
  const value = indicatorValueText(i.value);
  const title = `${i.canonical} ${i.op} ${value}`;
  const equivalents = d.equivalents.length
    ? indicatorTable(d.equivalents)
    : html`<p class="note">No other indicator is equivalent to this one.</p>`;
  const api = `/api${indicatorHref(i)}`;
  return layout(
    { title, api, section: 'other' },
    html`<nav class="crumbs">
        <a href="/">Catalog</a> › Indicator${i.kind === 'exclusion' ? ' (exclusion)' : ''}
      </nav>
      <h1 class="mono inert">${title}</h1>
      <section class="block">
        <dl class="facts">
          <dt>Concept</dt>
          <dd class="mono">${i.canonical}</dd>
          <dt>Operator</dt>
          <dd>${i.op}</dd>
          <dt>Value</dt>
          <dd class="mono inert">${value}</dd>
          <dt>Kind</dt>
          <dd>${i.kind}</dd>
          <dt>Written as</dt>
          <dd>
            ${d.fields.length ? d.fields.map((f, n) => html`${n ? ', ' : ''}<span class="mono">${f.field}</span> <span class="note">(${f.language} ${f.count})</span>`) : '(keyword)'}
          </dd>
          <dt>Rules</dt>
          <dd>${corpusText(i.count, i.byLanguage)}</dd>
          <dt>With equivalents</dt>
          <dd>${corpusText(i.equivalentCount, i.equivalentByLanguage)}</dd>
        </dl>
      </section>
      ${section('equivalents', 'Equivalent indicators', equivalents)}
      ${d.related.length ? section('related', 'Related values', relatedList(d.related)) : ''}
      ${section('rules', 'Rules with this indicator', ruleGroups(d.rules))}
      ${Object.keys(d.equivalentRules).length ? section('equivalent-rules', 'Rules with an equivalent indicator', ruleGroups(d.equivalentRules)) : ''}
      ${d.truncated ? html`<p class="note">Lists stop at ${MAX_RULES} rules; use search to narrow them.</p>` : ''}`,
  );
}
