/** The page shell every HTML page shares: head, navigation, the search box, and a link to the page's JSON twin. */
import { html, type Html } from './markup.js';
import { ASSET_VERSION } from './assets.js';

export interface PageShell {
  title: string;
  /** The same data as JSON, under /api/. */
  api: string;
  /** The text already in the header's search box. */
  q?: string;
  /** Marks the current section in the navigation. */
  section?: 'home' | 'search' | 'attack' | 'other';
  /** The full window width, for the ATT&CK matrix. */
  wide?: boolean;
}

export function layout(shell: PageShell, body: Html): Html {
  const current = (s: PageShell['section']): string => (shell.section === s ? 'page' : 'false');
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${shell.title} · ruleatlas</title>
        <link rel="stylesheet" href="/assets/style.css?v=${ASSET_VERSION}" />
        <script src="/assets/app.js?v=${ASSET_VERSION}" defer></script>
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">ruleatlas</a>
          <nav aria-label="Main">
            <a href="/" aria-current="${current('home')}">Home</a>
            <a href="/search" aria-current="${current('search')}">Search</a>
            <a href="/attack" aria-current="${current('attack')}">ATT&amp;CK</a>
          </nav>
          <form class="quick" action="/search" method="get" role="search">
            <input
              type="search"
              name="q"
              value="${shell.q ?? ''}"
              placeholder="Search rules, fields, values, T1197…"
              aria-label="Search rules"
              maxlength="200"
            />
          </form>
        </header>
        <main id="main" class="${shell.wide ? 'wide' : ''}">${body}</main>
        <footer class="bottom">
          <a href="${shell.api}" rel="alternate" type="application/json">This page as JSON</a>
        </footer>
      </body>
    </html>`;
}

/** A titled page section; `id` makes it addressable. */
export function section(id: string, title: string, body: Html, note?: string): Html {
  return html`<section id="${id}" class="block">
    <h2>${title}</h2>
    ${note ? html`<p class="note">${note}</p>` : ''} ${body}
  </section>`;
}

export function badRequest(what: string, api: string): Html {
  return layout(
    { title: 'Bad request', api, section: 'other' },
    html`<h1>Bad request</h1>
      <p>${what}</p>
      <p><a href="/">Back to the catalog</a></p>`,
  );
}

export function notFound(what: string, api: string): Html {
  return layout(
    { title: 'Not found', api, section: 'other' },
    html`<h1>Not found</h1>
      <p>${what}</p>
      <p><a href="/">Back to the catalog</a></p>`,
  );
}
