/** Every page and its JSON twin under /api/: one data function feeds both, so they always show the same thing. */
import type { Context, Hono } from 'hono';
import type { Html } from './markup.js';
import { badRequest, notFound } from './layout.js';
import { BadRequest } from './bad-request.js';
import type { Site } from './site.js';
import { homePage, homePageData } from './pages/home.js';
import { searchExport, searchPage, searchPageData, searchParams } from './pages/search.js';
import { searchCsv } from '../catalog/search-csv.js';
import { rulePageData } from './pages/rule-data.js';
import { rulePage } from './pages/rule.js';
import { indicatorPage, indicatorPageData, indicatorParams } from './pages/indicator.js';
import { techniqueId, techniquePage, techniquePageData } from './pages/technique.js';
import { attackLayer, attackPage, attackPageData, coverageFilter } from './pages/attack.js';
import { sourcePage, sourcePageData } from './pages/source.js';
import { registerTry } from './try-routes.js';
import { conversionData } from './pages/rule-conversions.js';
import { comparePage, comparePageData } from './pages/compare.js';
import { registerRuleRaw } from './rule-raw.js';

/** A page's data for a request, or undefined for "no such thing" (a 404 in both forms). */
type Load<T> = (c: Context) => T | undefined;

/** Registers `path` as HTML and `/api` + `path` as JSON over the same loader. */
function page<T>(app: Hono, path: string, load: Load<T>, render: (data: T) => Html, missing: string): void {
  app.get(path, (c) => {
    try {
      const data = load(c);
      return data === undefined ? c.html(notFound(missing, `/api${c.req.path}`), 404) : c.html(render(data));
    } catch (err) {
      if (err instanceof BadRequest) return c.html(badRequest(err.message, `/api${c.req.path}`), 400);
      throw err;
    }
  });
  app.get(`/api${path}`, (c) => {
    try {
      const data = load(c);
      return data === undefined ? c.json({ error: missing }, 404) : c.json(data);
    } catch (err) {
      if (err instanceof BadRequest) return c.json({ error: err.message, suggestion: err.suggestion }, 400);
      throw err;
    }
  });
}

export function registerPages(app: Hono, site: Site): void {
  const get = (c: Context) => (name: string) => c.req.query(name);
  const getAll = (c: Context) => (name: string) => c.req.queries(name);
  app.get('/api', (c) => c.json(homePageData(site)));
  page(app, '/', () => homePageData(site), homePage, 'No such page.');
  // Before the search page, whose JSON twin answers `format=csv` otherwise.
  registerSearchCsv(app, site);
  page(
    app,
    '/search',
    (c) => {
      const { query, page: n } = searchParams(get(c), getAll(c));
      return searchPageData(site, query, n);
    },
    searchPage,
    'No such search.',
  );
  // Before the rule page, whose key takes every path below /rule/ (a key may hold slashes).
  app.use('/api/rule/*', async (c, next) => {
    const suffix = '/convert';
    if (!c.req.path.endsWith(suffix)) return next();
    const key = decodeURIComponent(c.req.path.slice('/api/rule/'.length, -suffix.length));
    try {
      const data = conversionData(site, key, c.req.query('to'), c.req.query('format'));
      return data === undefined
        ? c.json({ error: 'No rule with that key in the catalog.' }, 404)
        : c.json(data);
    } catch (err) {
      if (err instanceof BadRequest) return c.json({ error: err.message }, 400);
      throw err;
    }
  });
  registerRuleRaw(app, site);
  page(
    app,
    '/rule/:key{.+}',
    (c) => rulePageData(site, c.req.param('key') ?? '', c.req.query('languages') === 'all'),
    rulePage,
    'No rule with that key in the catalog.',
  );
  page(
    app,
    '/indicator',
    (c) => {
      const ref = indicatorParams(get(c));
      return ref ? indicatorPageData(site, ref) : undefined;
    },
    indicatorPage,
    'No rule has that indicator (give kind, canonical, op and value).',
  );
  page(
    app,
    '/technique/:id',
    (c) => {
      const id = techniqueId(c.req.param('id') ?? '');
      return id ? techniquePageData(site, id) : undefined;
    },
    techniquePage,
    'No such ATT&CK technique, and no rule declares it.',
  );
  page(app, '/attack', (c) => attackPageData(site, coverageFilter(get(c))), attackPage, 'No such matrix.');
  page(
    app,
    '/source/:name',
    (c) => sourcePageData(site, c.req.param('name') ?? ''),
    sourcePage,
    'No source of that name in the catalog.',
  );
  page(
    app,
    '/compare',
    (c) => comparePageData(site, get(c)('a'), get(c)('b')),
    comparePage,
    'Give two sources of the catalog: /compare?a=A&b=B.',
  );
  const layer = (c: Context): Response => {
    const body = JSON.stringify(attackLayer(site, coverageFilter(get(c))), null, 2);
    return c.body(body, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="ruleatlas-layer.json"',
    });
  };
  app.get('/attack/layer.json', layer);
  app.get('/api/attack/layer.json', layer);
  app.get('/api/sources', (c) => c.json({ sources: site.catalog.sources() }));
  registerTry(app, site);
}

/** The result list of a search as CSV: `/search.csv?…`, and `/api/search?…&format=csv`. */
function registerSearchCsv(app: Hono, site: Site): void {
  const csv = (c: Context): Response => {
    try {
      const { query } = searchParams(
        (name) => c.req.query(name),
        (name) => c.req.queries(name),
      );
      return c.body(searchCsv(searchExport(site, query)), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="ruleatlas-search.csv"',
      });
    } catch (err) {
      if (err instanceof BadRequest) return c.json({ error: err.message, suggestion: err.suggestion }, 400);
      throw err;
    }
  };
  app.get('/search.csv', csv);
  app.use('/api/search', async (c, next) => (c.req.query('format') === 'csv' ? csv(c) : next()));
}
