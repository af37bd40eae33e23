/** Safe markup building blocks: escaping, external links that can only be http(s), and number formats. */
import { plural } from '../text/plural.js';
import { lookupTable } from '../text/lookup.js';
import { languageNamed } from '../languages/registry.js';
import { html as honoHtml, raw } from 'hono/html';
import { visibleControls, visibleValue } from '../text/visible.js';

/** What every template returns; Hono's `html` escapes each interpolated string. */
export type Html = ReturnType<typeof honoHtml>;

export { raw };

/**
 * Hono's `html`, with invisible and bidirectional controls in interpolated text named (`⟨U+202E⟩`): rule text
 * is untrusted, and a right-to-left override would make it read otherwise than it is.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return honoHtml(strings, ...values.map((v) => (typeof v === 'string' ? visibleControls(v) : v)));
}

const ENTITIES: Readonly<Record<string, string>> = lookupTable({
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
});

/** For markup built by hand (the highlighter) before it is wrapped in `raw()`. */
export function escapeHtml(text: string): string {
  return visibleControls(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** The URL if it is an absolute http(s) address, else undefined: `javascript:` and relative URLs never become links. */
export function safeHttpUrl(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link out of the catalog, or the text alone when it is not a safe address. */
export function externalLink(text: string, label: string = text): Html {
  const href = safeHttpUrl(text);
  return href
    ? html`<a href="${href}" rel="noopener noreferrer" target="_blank">${label}</a>`
    : html`<span>${label}</span>`;
}

export function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

export function percentText(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** `sigma 29, kusto 1`, largest first. */
export function byLanguageText(by: Record<string, number>): string {
  return Object.entries(by)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
}

/** Values longer than this are cut where they are listed; the indicator's JSON keeps the whole value. */
const MAX_SHOWN_VALUE = 200;

/**
 * An indicator's value as shown: `(any value)` for none, ends' spaces and invisible controls made visible, and
 * a value past 200 characters cut with an ellipsis and its length (a 200,000-character value made pages of
 * hundreds of kilobytes).
 */
export function indicatorValueText(value: string): string {
  if (value === '') return '(any value)';
  if (value.length <= MAX_SHOWN_VALUE) return visibleValue(value);
  // Never between the halves of a surrogate pair.
  const cut = /[\uD800-\uDBFF]/.test(value[MAX_SHOWN_VALUE - 1]) ? MAX_SHOWN_VALUE - 1 : MAX_SHOWN_VALUE;
  return `${visibleValue(value.slice(0, cut))}… (${value.length.toLocaleString('en-US')} characters)`;
}

/**
 * A corpus count in words. On a rule's page the count leaves the rule out ("28 other rules"); on an indicator's
 * page and in lists it counts every rule ("29 rules"), so the two never look like one number disagreeing.
 */
export function corpusText(
  count: number,
  by: Record<string, number>,
  counting: 'others' | 'all' = 'all',
): string {
  if (count <= 0 && counting === 'others') return 'specific to this rule';
  const split = byLanguageText(by);
  const what = counting === 'others' ? plural(count, 'other rule') : plural(count, 'rule');
  return `${what}${split ? ` (${split})` : ''}`;
}

/** A query language's name for people, from the language's own definition; `none` is a rule with no query. */
export function languageLabel(language: string | null): string {
  if (language === null || language === 'none') return 'No query';
  return languageNamed(language)?.label ?? language;
}
