/** A table of indicators with their corpus counts, each linking to its indicator page (home, indicator page). */
import type { EquivalentIndicator } from '../../catalog/views.js';
import { html, indicatorValueText, corpusText, type Html } from '../markup.js';
import { indicatorHref } from '../links.js';

export function indicatorTable(rows: readonly EquivalentIndicator[]): Html {
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
              <a href="${indicatorHref(i)}">${indicatorValueText(i.value)}</a>
            </td>
            <td>${corpusText(i.count, i.byLanguage)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
