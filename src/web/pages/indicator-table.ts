/** A table of indicators with their corpus counts, each linking to its indicator page (home, indicator page). */
import type { EquivalentIndicator } from '../../catalog/views.js';
import { relationText, type RelatedIndicator } from '../../analysis/related-indicators.js';
import { plural } from '../../text/plural.js';
import { html, indicatorValueText, corpusText, type Html } from '../markup.js';
import { indicatorHref } from '../links.js';

/** Under an indicator few rules share, the nearest ones ("contains this value: 2 rules"). */
export function relatedList(related: readonly RelatedIndicator[] | undefined): Html {
  if (!related?.length) return html``;
  return html`<ul class="plain related">
    ${related.map(
      (n) =>
        html`<li class="note">
          ${relationText(n.relation)}:
          <a class="mono" href="${indicatorHref(n)}">${n.op} ${indicatorValueText(n.value)}</a>,
          ${plural(n.count, 'rule')}
        </li>`,
    )}
  </ul>`;
}

export function indicatorTable(
  rows: ReadonlyArray<EquivalentIndicator & { related?: RelatedIndicator[] }>,
): Html {
  return html`<table>
    <thead>
      <tr>
        <th>Field</th>
        <th>Op</th>
        <th>Value</th>
        <th>Rules</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (i) =>
          html`<tr>
            <td class="mono">${i.canonical}</td>
            <td>${i.op}</td>
            <td class="mono">
              <a href="${indicatorHref(i)}">${indicatorValueText(i.value)}</a>${relatedList(i.related)}
            </td>
            <td>${corpusText(i.count, i.byLanguage)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
