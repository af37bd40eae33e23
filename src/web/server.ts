/** The web catalog's HTTP server (Hono on Node): read-only pages and their JSON twins under /api/. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Catalog } from '../catalog/catalog.js';
import { registerAssets } from './assets.js';
import { notFound } from './layout.js';
import { registerPages } from './routes.js';
import { readOnly, securityHeaders } from './security.js';
import { Site, type SiteOptions } from './site.js';
import { ResponseCache } from './response-cache.js';
import { cachedAnswers } from './cached-answers.js';

/** Rendered answers kept per catalog state: enough for every page of a large catalog's usual traffic. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

export interface AppOptions extends SiteOptions {
  /** Bytes of rendered answers to keep (0: render every request, as the benchmark does to time the work). */
  cacheBytes?: number;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface ServerOptions extends AppOptions {
  db: string;
  port: number;
  host: string;
}

export function createApp(catalog: Catalog, options: AppOptions = {}): Hono {
  const app = new Hono();
  const site = new Site(catalog, options);
  app.use('*', securityHeaders, readOnly);
  const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
  if (cacheBytes > 0) app.use('*', cachedAnswers(catalog, new ResponseCache(cacheBytes)));
  registerAssets(app);
  registerPages(app, site);
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json({ error: 'Not found' }, 404)
      : c.html(notFound('No such page.', '/api/'), 404),
  );
  app.onError((err, c) => {
    // The message may quote rule text; it goes to the log, and the client gets no detail to render.
    process.stderr.write(`ruleatlas web: ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}\n`);
    return c.req.path.startsWith('/api/')
      ? c.json({ error: 'Internal error' }, 500)
      : c.text('Internal error', 500);
  });
  return app;
}

/** Serves a catalog opened read-only: the server never writes it, whatever it is asked. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const catalog = Catalog.open(options.db, { readonly: true });
  const app = createApp(catalog, { attack: options.attack, cacheBytes: options.cacheBytes });
  return new Promise((resolveStart, rejectStart) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolveStart({
        url: `http://${host}:${info.port}/`,
        close: () =>
          new Promise((done) =>
            server.close(() => {
              catalog.close();
              done();
            }),
          ),
      });
    });
    server.once('error', (err) => {
      catalog.close();
      rejectStart(err);
    });
  });
}
