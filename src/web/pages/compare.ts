/** The comparison page `/compare?a=…&b=…`: one source against another by rule logic, as `overlap --source` gives it. */
import { html, type Html } from '../markup.js';
import { layout, section } from '../layout.js';
import { query, ruleHref, sourceHref, techniqueHref } from '../links.js';
import type { Site } from '../site.js';
import type { SourceOverlap } from '../../analysis/overlap/index.js';

export type ComparePageData = SourceOverlap;

/** Rows a page lists per table; the JSON twin has them all. */
const SHOWN = 200;

export function comparePageData(
  site: Site,
  a: string | undefined,
  b: string | undefined,
): ComparePageData | undefined {
  if (!a || !b) return undefined;
  const known = new Set(site.catalog.sources().map((s) => s.name));
  if (!known.has(a) || !known.has(b)) return undefined;
  return site.catalog.overlap(a, b);
}

function counts(d: ComparePageData): Html {
  const c = d.counts;
  return html`<table>
    <thead>
      <tr>
        <th>Equivalent</th>
        <th>Narrower</th>
        <th>Broader</th>
        <th>Overlapping</th>
        <th>Only ${d.a}</th>
        <th>Only ${d.b}</th>
      </tr>
    </thead>
    <tbody>
      <tr>
        <td>${c.equivalent}</td>
        <td>${c.narrower}</td>
        <td>${c.broader}</td>
        <td>${c.overlapping}</td>
        <td>${c.aOnly}</td>
        <td>${c.bOnly}</td>
      </tr>
    </tbody>
  </table>`;
}

function more(total: number): Html | string {
  return total > SHOWN ? html`<p class="note">${SHOWN} of ${total} shown; the JSON twin lists all.</p>` : '';
}

function pairs(d: ComparePageData): Html {
  return html`<table>
      <thead>
        <tr>
          <th>Rule of ${d.a}</th>
          <th>Relation</th>
          <th>Best counterpart in ${d.b}</th>
          <th>Score</th>
        </tr>
      </thead>
      <tbody>
        ${d.pairs.slice(0, SHOWN).map(
          (p) =>
            html`<tr>
              <td><a href="${ruleHref(p.rule.key)}">${p.rule.title}</a></td>
              <td>${p.counterpart.relation}</td>
              <td><a href="${ruleHref(p.counterpart.key)}">${p.counterpart.title}</a></td>
              <td>${p.counterpart.score.toFixed(2)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${more(d.pairs.length)}`;
}

function only(list: ComparePageData['aOnly']): Html {
  return html`<ul class="plain">
      ${list.slice(0, SHOWN).map((r) => html`<li><a href="${ruleHref(r.key)}">${r.title}</a></li>`)}
    </ul>
    ${more(list.length)}`;
}

function techniques(d: ComparePageData): Html {
  return html`<table>
    <thead>
      <tr>
        <th>Technique</th>
        <th>Only ${d.a}</th>
        <th>Only ${d.b}</th>
        <th>With a counterpart</th>
      </tr>
    </thead>
    <tbody>
      ${d.techniques.map(
        (t) =>
          html`<tr>
            <td><a href="${techniqueHref(t.technique)}">${t.technique}</a></td>
            <td>${t.aOnly}</td>
            <td>${t.bOnly}</td>
            <td>${t.both}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function comparePage(d: ComparePageData): Html {
  return layout(
    { title: `${d.a} against ${d.b}`, api: `/api/compare?${query({ a: d.a, b: d.b })}`, section: 'other' },
    html`<h1><a href="${sourceHref(d.a)}">${d.a}</a> against <a href="${sourceHref(d.b)}">${d.b}</a></h1>
      ${section(
        'counts',
        'Rules of ' + d.a + ' by their best counterpart',
        counts(d),
        `The relation is the ${d.b} rule's to the ${d.a} rule: broader fires on every event the ${d.a} rule fires on, and more.`,
      )}
      ${section('pairs', 'Counterparts', pairs(d))} ${section('a-only', `Only in ${d.a}`, only(d.aOnly))}
      ${section('b-only', `Only in ${d.b}`, only(d.bOnly))}
      ${section('techniques', 'ATT&CK techniques', techniques(d))}`,
  );
}
