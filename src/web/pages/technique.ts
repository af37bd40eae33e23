/** The technique page: name, tactics, parent and sub-techniques, and the rules covering it by language and source. */
import type { Facet, RuleSummary } from '../../catalog/views.js';
import type { OtherMatrix, Technique } from '../../knowledge/attack/index.js';
import { ATTACK_NOT_LOADED, otherMatrix } from '../../knowledge/attack/index.js';
import { html, externalLink, languageLabel, type Html } from '../markup.js';
import { layout, section } from '../layout.js';
import { ruleHref, searchHref, sourceHref, techniqueHref } from '../links.js';
import type { Site } from '../site.js';

/** ATT&CK ids, and other matrices' ids with their prefix (MITRE ATLAS `AML.T0051`). */
const TECHNIQUE_ID = /^(?:[A-Z]{2,5}\.)?T\d{4}(?:\.\d{3})?$/;
/** The catalog search returns at most 500 rules a call. */
const MAX_RULES = 500;

export interface TechniquePageData {
  id: string;
  name: string;
  technique: Technique | null;
  /** For an id of another matrix than ATT&CK Enterprise: which one. */
  matrix: OtherMatrix | null;
  tactics: Array<{ id: string; shortname: string; name: string }>;
  parent: { id: string; name: string } | null;
  subtechniques: Array<{ id: string; name: string }>;
  attackVersion: string;
  notice: string | null;
  /** Rules declaring the technique or one of its sub-techniques. */
  total: number;
  byLanguage: Facet[];
  bySource: Facet[];
  rules: RuleSummary[];
}

export function techniqueId(text: string): string | undefined {
  const id = text.trim().toUpperCase();
  return TECHNIQUE_ID.test(id) ? id : undefined;
}

export function techniquePageData(site: Site, id: string): TechniquePageData | undefined {
  const attack = site.attack();
  const data = attack.data;
  const technique = data.techniques[id] ?? null;
  const found = site.catalog.search({ technique: id, limit: MAX_RULES });
  const matrix = otherMatrix(id) ?? null;
  if (!technique && !matrix && found.total === 0) return undefined;
  const named = (x: string): { id: string; name: string } => ({
    id: x,
    name: data.techniques[x]?.name ?? '',
  });
  const parentId = matrix
    ? undefined
    : (technique?.parent ?? (id.includes('.') ? id.split('.')[0] : undefined));
  return {
    id,
    name: technique?.name ?? '',
    technique,
    matrix,
    tactics: (technique?.tactics ?? []).map(
      (s) => data.tactics.find((t) => t.shortname === s) ?? { id: '', shortname: s, name: s },
    ),
    parent: parentId ? named(parentId) : null,
    subtechniques: (technique?.subtechniques ?? []).map(named),
    attackVersion: data.version,
    notice: attack.full ? null : ATTACK_NOT_LOADED,
    total: found.total,
    byLanguage: found.facets.language,
    bySource: found.facets.source,
    rules: found.rules,
  };
}

function rulesByLanguageAndSource(rules: RuleSummary[]): Html {
  const groups = new Map<string, RuleSummary[]>();
  for (const r of rules) {
    const key = `${r.language ?? 'none'}\u0000${r.source}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const ordered = [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  return html`${ordered.map(([key, list]) => {
    const [language, source] = key.split('\u0000');
    return html`<h3>
        ${languageLabel(language)} · <a href="${sourceHref(source)}">${source}</a>
        <span class="note">${list.length}</span>
      </h3>
      <ul class="plain">
        ${list.map((r) => html`<li><a href="${ruleHref(r.key)}" class="inert">${r.title}</a> <span class="note mono">${r.path}</span></li>`)}
      </ul>`;
  })}`;
}

function status(t: Technique | null): Html | string {
  if (!t) return html`<span class="tag warning">not in the loaded ATT&amp;CK data</span>`;
  if (t.revoked)
    return html`<span class="tag warning"
      >revoked${t.revokedBy ? html` → <a href="${techniqueHref(t.revokedBy)}">${t.revokedBy}</a>` : ''}</span
    >`;
  return t.deprecated ? html`<span class="tag warning">deprecated</span>` : '';
}

export function techniquePage(d: TechniquePageData): Html {
  const link = (x: { id: string; name: string }): Html =>
    html`<a href="${techniqueHref(x.id)}">${x.id}</a> ${x.name}`;
  const counts = (facets: Facet[], show: (v: string) => string): string =>
    facets.map((f) => `${show(f.value)} ${f.count}`).join(', ');
  const mitre = d.matrix?.url ?? `https://attack.mitre.org/techniques/${d.id.replace('.', '/')}/`;
  return layout(
    { title: `${d.id} ${d.name}`, api: `/api${techniqueHref(d.id)}`, section: 'attack' },
    html`<nav class="crumbs"><a href="/attack">ATT&amp;CK</a> › Technique</nav>
      <h1>${d.id} ${d.name} ${status(d.technique)}</h1>
      ${
        d.matrix
          ? html`<p class="banner">
              A technique of ${d.matrix.name} (${d.matrix.about}), not of ATT&amp;CK Enterprise: it has no
              place on the coverage matrix, and ruleatlas does not load its names.
            </p>`
          : ''
      }
      <section class="block">
        <dl class="facts">
          <dt>Tactics</dt>
          <dd>
            ${d.tactics.length ? d.tactics.map((t, i) => html`${i ? ', ' : ''}<a href="${searchHref({ tactic: t.shortname })}">${t.name}</a>`) : html`<span class="note">unknown</span>`}
          </dd>
          ${
            d.parent
              ? html`<dt>Parent</dt>
                  <dd>${link(d.parent)}</dd>`
              : ''
          }
          ${
            d.subtechniques.length
              ? html`<dt>Sub-techniques</dt>
                  <dd>
                    <ul class="plain">
                      ${d.subtechniques.map((s) => html`<li>${link(s)}</li>`)}
                    </ul>
                  </dd>`
              : ''
          }
          <dt>Rules</dt>
          <dd>${d.total}${d.total ? ` (${counts(d.byLanguage, languageLabel)})` : ''}</dd>
          <dt>By source</dt>
          <dd>${counts(d.bySource, (v) => v) || '-'}</dd>
          <dt>MITRE</dt>
          <dd>${externalLink(mitre)}</dd>
        </dl>
        ${d.notice ? html`<p class="note">${d.notice}</p>` : html`<p class="note">ATT&amp;CK ${d.attackVersion}</p>`}
      </section>
      ${section('rules', 'Rules covering it', d.rules.length ? rulesByLanguageAndSource(d.rules) : html`<p class="note">No rule declares this technique.</p>`, 'Rules that declare the technique or one of its sub-techniques, by language and source.')}`,
  );
}
