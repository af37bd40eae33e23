/** The matrix itself: shaded cells, sub-techniques folded under their technique, the legend and the filter box. */
import { plural } from '../../text/plural.js';
import { html, byLanguageText, type Html } from '../markup.js';
import { techniqueHref } from '../links.js';
import type { MatrixCell, MatrixColumn, MatrixTechnique } from './attack-columns.js';

/** Six shades on a log scale of the busiest cell, so a few very common techniques do not wash out the rest. */
export function heat(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((5 * Math.log1p(count)) / Math.log1p(max)));
}

export function cell(t: MatrixCell, max: number, lost = false, sub = false): Html {
  const via = t.subtechniqueRules ? ` +${t.subtechniqueRules} via sub-techniques` : '';
  const rules = t.count || t.subtechniqueRules;
  const title = rules
    ? `${t.id} ${t.name}: ${plural(t.count, 'rule')}${via}${t.count ? ` (${byLanguageText(t.byLanguage)})` : ''}${lost ? '; no rule left' : ''}`
    : `${t.id} ${t.name}: no rule`;
  const classes = `cell${rules ? ' covered' : ''}${sub ? ' sub' : ''} heat-${heat(t.count, max)}${lost ? ' lost' : ''}`;
  return html`<a class="${classes}" href="${techniqueHref(t.id)}" title="${title}"
    >${rules ? html`<span class="cnt">${t.count}${t.subtechniqueRules ? html`<small>+${t.subtechniqueRules}</small>` : ''}</span>` : ''}<b
      >${t.id}</b
    >
    ${t.name}</a
  >`;
}

function technique(t: MatrixTechnique, max: number, lost: ReadonlySet<string>, find?: string): Html {
  const subs = t.subtechniques;
  const covered = subs.filter((s) => s.count > 0).length;
  // Opened when the filter matched a sub-technique rather than the technique itself.
  const open = !!find && !`${t.id} ${t.name}`.toLowerCase().includes(find.toLowerCase());
  return html`<div class="tech">
    ${cell(t, max, lost.has(t.id))}
    ${
      subs.length
        ? html`<details class="subs" ${open ? 'open' : ''}>
            <summary title="${covered} of ${plural(subs.length, 'sub-technique')} named by a rule">
              ${covered}/${subs.length} sub
            </summary>
            ${subs.map((s) => cell(s, max, lost.has(s.id), true))}
          </details>`
        : ''
    }
  </div>`;
}

export function matrixColumn(c: MatrixColumn, max: number, lost: ReadonlySet<string>, find?: string): Html {
  const shown = c.covered.length + c.gaps.length;
  return html`<div class="col" data-tactic="${c.shortname}">
    <h3>
      ${c.name}<br /><span class="note"
        >${c.coveredCount} of ${c.available} · ${plural(c.rules, 'rule')}</span
      >
    </h3>
    ${c.covered.map((t) => technique(t, max, lost, find))} ${c.gaps.map((t) => technique(t, max, lost, find))}
    ${find && !shown ? html`<p class="note">No technique matches.</p>` : ''}
  </div>`;
}

/** What the shades, the numbers and the marks of the matrix mean. */
export function legend(max: number): Html {
  const swatch = (n: number, label: string): Html => html`<span class="cell heat-${n}">${label}</span>`;
  return html`<div class="legend" id="legend" aria-label="Legend">
    <span>
      ${swatch(0, 'no rule')} ${swatch(1, 'few')} ${swatch(2, '')} ${swatch(3, '')} ${swatch(4, '')}
      ${swatch(5, `most (${max})`)}
    </span>
    <ul>
      <li>Shades: rules naming the technique, on a log scale up to the busiest one.</li>
      <li><b>12</b><small>+3</small>: 12 rules name the technique itself, 3 more only its sub-techniques.</li>
      <li>
        Column head: techniques of the tactic some rule names, of those ATT&amp;CK lists (neither revoked nor
        deprecated), and the rules under the tactic. ▸ opens a technique's sub-techniques.
      </li>
      <li>A dashed outline: a technique left with no rule by the log events chosen.</li>
    </ul>
  </div>`;
}

export function techniqueFilterInput(value: string | undefined): Html {
  return html`<label
    >Technique<input
      type="search"
      id="technique-filter"
      name="technique"
      value="${value ?? ''}"
      placeholder="T1059, powershell…"
      maxlength="100"
      autocomplete="off"
  /></label>`;
}
