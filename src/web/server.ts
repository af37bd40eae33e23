/** The web catalog's HTTP server (Hono on Node): read-only pages and their JSON twins under /api/. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Catalog } from '../catalog/catalog.js';
import { sumStats } from '../catalog/stats.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function createApp(catalog: Catalog): Hono {
  const app = new Hono();
  app.get('/api/', (c) => c.json({ sources: catalog.sources(), totals: sumStats(catalog.sources()) }));
  return app;
}

export async function startServer(options: { db: string; port: number; host: string }): Promise<RunningServer> {
  const catalog = Catalog.open(options.db, { readonly: true });
  const app = createApp(catalog);
  return new Promise((resolveStart) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      resolveStart({
        url: `http://${options.host}:${info.port}/`,
        close: () => new Promise((done) => server.close(() => { catalog.close(); done(); })),
      });
    });
  });
}
