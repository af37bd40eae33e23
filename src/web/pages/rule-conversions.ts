/** The rule page's "In other languages" section and `/api/rule/…/convert?to=L`: the rule in each language, with its losses. */
import { html, languageLabel, type Html } from '../markup.js';
import { section } from '../layout.js';
import { LANGUAGE_IDS, type LanguageId } from '../../model/ids.js';
import type { RuleView } from '../../catalog/views.js';
import { convertRule, type Conversion } from '../../analysis/convert/convert.js';
import { BadRequest } from '../bad-request.js';
import type { Site } from '../site.js';

export type ShownConversion = Omit<Conversion, 'parsed'>;

function shown(c: Conversion): ShownConversion {
  const { parsed: _parsed, ...rest } = c;
  return rest;
}

/** The rule in every other language (query form), for the page. */
export function ruleConversions(view: RuleView): ShownConversion[] {
  if (!view.query || !view.document.language) return [];
  const parsed = { rule: view.document, query: view.query };
  return LANGUAGE_IDS.filter((l) => l !== view.document.language).map((l) => shown(convertRule(parsed, l)));
}

/** `/api/rule/KEY/convert?to=L[&format=rule]`. */
export function conversionData(site: Site, key: string, to: string | undefined, format: string | undefined) {
  if (!to || !(LANGUAGE_IDS as readonly string[]).includes(to))
    throw new BadRequest(`to must be one of ${LANGUAGE_IDS.join(', ')}`);
  if (format !== undefined && format !== 'query' && format !== 'rule')
    throw new BadRequest('format is query or rule');
  const view = site.catalog.rule(key);
  if (!view) return undefined;
  return shown(
    convertRule({ rule: view.document, query: view.query }, to as LanguageId, {
      format: format as 'query' | 'rule' | undefined,
    }),
  );
}

function one(c: ShownConversion, i: number): Html {
  const verdict = c.lossless
    ? html`<span class="tag">lossless</span>`
    : html`<span class="tag warning">${c.text === '' ? 'not converted' : 'lossy'}</span>`;
  const losses = [
    ...c.losses.map((l) => html`<li><span class="mono">${l.what}</span>: ${l.why}</li>`),
    ...c.roundTrip.differences.slice(0, 5).map((d) => html`<li>round trip: ${d}</li>`),
  ];
  return html`<details class="conversion">
    <summary>${languageLabel(c.target)} ${verdict}</summary>
    ${
      c.text
        ? html`<pre class="code"><code id="convert-${i}">${c.text}</code></pre>
            <button type="button" class="copy" data-copy="convert-${i}">Copy</button>`
        : ''
    }
    ${
      losses.length
        ? html`<ul class="losses">
            ${losses}
          </ul>`
        : ''
    }
  </details>`;
}

export function conversionsSection(conversions: readonly ShownConversion[]): Html | string {
  if (conversions.length === 0) return '';
  return section(
    'conversions',
    'In other languages',
    html`${conversions.map(one)}`,
    'Converted from the model through the field taxonomy; each conversion is parsed back and compared with this rule.',
  );
}
