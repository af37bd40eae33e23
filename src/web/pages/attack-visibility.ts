/** The matrix page's visibility filter: with only some log events (`have`) or without some, the rules and techniques that go blind. */
import { noun, plural } from '../../text/plural.js';
import type { LanguageVisibility } from '../../analysis/coverage/index.js';
import { catalogVisibility } from '../../catalog/coverage-report.js';
import type { CoverageFilter } from '../../catalog/technique-queries.js';
import { BadRequest } from '../bad-request.js';
import { html, languageLabel, type Html } from '../markup.js';
import { section } from '../layout.js';
import { techniqueHref } from '../links.js';
import type { Site } from '../site.js';

export interface VisibilityFilter {
  /** Only these log events are collected: `sysmon:1,3,11;security:4688`. */
  have?: string;
  /** These log events are not collected: `sysmon:7`. */
  without?: string;
}

export interface VisibilitySummary {
  said: string;
  rules: number;
  fire: number;
  blind: number;
  unplaced: number;
  byLanguage: Record<string, LanguageVisibility>;
  techniquesLost: Array<{ id: string; name: string; rules: number }>;
}

/** The answer for the page, or undefined with no event filter; a log nobody knows is a bad request. */
export function visibilitySummary(
  site: Site,
  filter: CoverageFilter & VisibilityFilter,
): { summary: VisibilitySummary; layer(): Record<string, unknown> } | undefined {
  if (!filter.have && !filter.without) return undefined;
  const answer = catalogVisibility(site.catalog, filter, site.attack());
  if ('problem' in answer) throw new BadRequest(answer.problem);
  const v = answer.visibility;
  return {
    summary: {
      said: filter.have ? `only ${filter.have}` : `without ${filter.without}`,
      rules: v.rules,
      fire: v.fire,
      blind: v.blind,
      unplaced: v.unplaced,
      byLanguage: v.byLanguage,
      techniquesLost: v.techniquesLost.map(({ id, name, rules }) => ({ id, name, rules })),
    },
    layer: answer.layer,
  };
}

export function visibilityInputs(filter: VisibilityFilter): Html {
  return html`<label
      >Only events<input name="have" value="${filter.have ?? ''}" placeholder="sysmon:1,3;security:4688"
    /></label>
    <label>Without<input name="without" value="${filter.without ?? ''}" placeholder="sysmon:7" /></label>`;
}

export function visibilitySection(v: VisibilitySummary | undefined): Html | string {
  if (!v) return '';
  const rows = Object.entries(v.byLanguage).map(
    ([l, s]) =>
      html`<tr>
        <td>${languageLabel(l)}</td>
        <td>${s.rules}</td>
        <td>${s.fire}</td>
        <td>${s.blind}</td>
        <td>${s.techniquesLost.length}</td>
      </tr>`,
  );
  return section(
    'visibility',
    `With ${v.said}`,
    html`<p>
        ${plural(v.fire, 'rule')} still ${noun(v.fire, 'fires', 'fire')}, ${v.blind}
        ${noun(v.blind, 'goes', 'go')} blind, ${v.unplaced} need events the event catalog does not place (of
        ${v.rules}). Techniques left with no rule (dashed in the matrix): ${v.techniquesLost.length}.
      </p>
      <table>
        <tr>
          <th>language</th>
          <th>rules</th>
          <th>fire</th>
          <th>blind</th>
          <th>techniques lost</th>
        </tr>
        ${rows}
      </table>
      <ul class="plain">
        ${v.techniquesLost.map((t) => html`<li><a href="${techniqueHref(t.id)}">${t.id}</a> ${t.name} <span class="note">${plural(t.rules, 'rule')}</span></li>`)}
      </ul>`,
    'The layer download holds the rules that go blind, by technique.',
  );
}
