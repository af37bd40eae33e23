// Search filters on the web: `none` selects rules without a value, unknown values are refused with the nearest
// valid one, a page past the end shows the last page, and API errors are JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { Catalog } from '../catalog/catalog.js';
import { createApp } from './server.js';
import { buildFixtureCatalog, type FixtureCatalog } from '../../test/browser/catalog-fixture.js';

type Json = ReturnType<typeof JSON.parse>;

describe('web search filters', () => {
  let fixture: FixtureCatalog;
  let catalog: Catalog;
  let app: Hono;

  beforeAll(async () => {
    fixture = await buildFixtureCatalog({ attack: false });
    catalog = Catalog.open(fixture.db, { readonly: true });
    app = createApp(catalog);
  });
  afterAll(() => {
    catalog.close();
    fixture.remove();
  });

  async function get(path: string): Promise<{ status: number; body: Json }> {
    const res = await app.request(path);
    return { status: res.status, body: await res.json() };
  }

  it('selects the rules a `none` facet counts', async () => {
    const all = await get('/api/search');
    for (const facet of ['severity', 'status'] as const) {
      const none = all.body.facets[facet].find((f: { value: string }) => f.value === 'none');
      if (!none) continue;
      const picked = await get(`/api/search?${facet}=none`);
      expect(picked.status).toBe(200);
      expect(picked.body.total).toBe(none.count);
      expect(picked.body.total).toBeGreaterThan(0);
    }
  });

  it('refuses unknown filter values with the closest valid one', async () => {
    const language = await get('/api/search?language=sigmaa');
    expect(language.status).toBe(400);
    expect(language.body).toEqual({
      error: 'unknown language "sigmaa"; did you mean "sigma"?',
      suggestion: 'sigma',
    });
    const bogus = await get('/api/search?language=bogus');
    expect(bogus.status).toBe(400);
    expect(bogus.body.error).toMatch(/^unknown language "bogus"; known: /);
    const source = await app.request('/attack?source=nope');
    expect(source.status).toBe(400);
    expect(await source.text()).toContain('unknown source &quot;nope&quot;');
    expect((await get('/api/attack?language=kustoo')).body.suggestion).toBe('kusto');
  });

  it('clamps a page past the end to the last page', async () => {
    const last = await get('/api/search?page=999');
    expect(last.status).toBe(200);
    expect(last.body.page).toBe(last.body.pages);
    expect(last.body.rules.length).toBeGreaterThan(0);
  });

  it('answers API errors in JSON, for any method', async () => {
    const post = await app.request('/api/search', { method: 'POST', body: '{}' });
    expect(post.headers.get('content-type')).toMatch(/application\/json/);
    expect((await post.json()).error).toBeTruthy();
  });
});
