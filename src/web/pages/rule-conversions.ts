/** The rule page's "In other languages" section and `/api/rule/…/convert?to=L`: the rule in each language, with its losses. */
import { html, languageLabel, type Html } from '../markup.js';
import { section } from '../layout.js';
import { ruleHref } from '../links.js';
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

/**
 * The rule in every other language (query form), for the page: emitted only, so the page stays fast; each links
 * to its API twin, which parses the conversion back and gives the round trip's verdict.
 */
export function ruleConversions(view: RuleView): ShownConversion[] {
  if (!view.query || !view.document.language) return [];
  const parsed = { rule: view.document, query: view.query };
  return LANGUAGE_IDS.filter((l) => l !== view.document.language).map((l) =>
    shown(convertRule(parsed, l, { prove: false })),
  );
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

function one(key: string, c: ShownConversion, i: number): Html {
  const verdict =
    c.text === ''
      ? html`<span class="tag warning">not converted</span>`
      : c.losses.length > 0
        ? html`<span class="tag warning">lossy</span>`
        : html`<span class="tag">no loss</span>`;
  const proof = `/api${ruleHref(key)}/convert?to=${c.target}`;
  const losses = c.losses.map((l) => html`<li><span class="mono">${l.what}</span>: ${l.why}</li>`);
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
    <p class="note"><a href="${proof}">Round trip</a>: parsed back and related to this rule.</p>
  </details>`;
}

export function conversionsSection(
  key: string,
  conversions: readonly ShownConversion[],
  language: string | null,
): Html | string {
  if (!language) return '';
  if (conversions.length === 0)
    return section(
      'conversions',
      'In other languages',
      html`<p>
        <a href="${ruleHref(key)}?languages=all#conversions">Write this rule in every other language</a>, with
        what each cannot say.
      </p>`,
    );
  return section(
    'conversions',
    'In other languages',
    html`${conversions.map((c, i) => one(key, c, i))}`,
    'Written from the model through the field taxonomy, with what each language cannot say.',
  );
}
