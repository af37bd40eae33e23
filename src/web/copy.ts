/** Marks the pages share: copy buttons (the page script shows them; without it the text stays selectable), the deprecated tag. */
import { html, type Html } from './markup.js';

/** Copies the text of the element `id` (a rule body, a query). */
export function copyButton(id: string, label: string): Html {
  return html`<button type="button" class="copy" data-copy="${id}" hidden>${label}</button>`;
}

/** Copies a value as it is, not as shown (spaces at its ends stay spaces). */
export function copyValueButton(value: string, label: string): Html {
  return html`<button type="button" class="copy small" data-copy-text="${value}" aria-label="${label}" hidden>
    Copy
  </button>`;
}

export function deprecatedTag(): Html {
  return html`<span class="tag deprecated" title="kept by its repository for the record, not to run"
    >deprecated</span
  >`;
}
