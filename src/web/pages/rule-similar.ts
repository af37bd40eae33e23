/** The rule page's "Similar rules": rules related by logic across languages, with the relation and the differences. */
import { html, type Html } from '../markup.js';
import { section } from '../layout.js';
import { ruleHref } from '../links.js';
import type { SimilarRule } from '../../catalog/relation-queries.js';

const NOTE =
  'Rules whose detection logic relates to this one, in any language. The relation is the listed rule’s: equivalent fires on the same events, narrower on a part of them, broader on all of them and more, overlapping on some. The score weighs the values both look for by their rarity in the catalog.';

export function similarTable(list: SimilarRule[]): Html {
  return html`<table class="similar">
    <thead>
      <tr>
        <th>Relation</th>
        <th>Rule</th>
        <th>Score</th>
        <th>Differences</th>
      </tr>
    </thead>
    <tbody>
      ${list.map(
        (s) =>
          html`<tr>
            <td>${s.relation}</td>
            <td>
              <a href="${ruleHref(s.key)}">${s.title}</a><br /><span class="note"
                >${s.language ?? ''} · ${s.source}:${s.path}</span
              >
            </td>
            <td>${s.score.toFixed(2)}</td>
            <td>
              ${
                s.differences.length
                  ? html`<ul class="plain">
                      ${s.differences.map((d) => html`<li class="mono">${d}</li>`)}
                    </ul>`
                  : 'none'
              }
              ${s.why ? html`<p class="note">${s.why}</p>` : ''}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function similarSection(list: SimilarRule[]): Html {
  if (!list.length) return section('similar', 'Similar rules', html`<p>No related rule in the catalog.</p>`);
  return section('similar', 'Similar rules', similarTable(list), NOTE);
}
