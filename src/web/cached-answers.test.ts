// The response cache on the Hono app: one render per catalog state, 304 on a matching ETag, negotiated
// compression, and pages that follow an ingest committed while the server is up.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../catalog/catalog.js';
import { examplesRoot } from '../../test/corpus.js';
import { hostileRoot } from '../../test/browser/catalog-fixture.js';
import { createApp } from './server.js';
import { negotiate, ResponseCache, type CachedAnswer } from './response-cache.js';

describe('cached answers', () => {
  let dir: string;
  let db: string;
  let reader: Catalog;
  let app: Hono;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ruleatlas-cache-'));
    process.env.RULEATLAS_CACHE = join(dir, 'cache');
    db = join(dir, 'catalog.db');
    const writer = Catalog.open(db);
    await writer.ingest(examplesRoot, { name: 'examples' });
    writer.close();
    reader = Catalog.open(db, { readonly: true });
    app = createApp(reader);
  });
  afterAll(() => {
    reader.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a repeated page with the same ETag, and a matching If-None-Match with 304 and no body', async () => {
    const first = await app.request('/search?q=bitsadmin');
    const body = await first.text();
    const etag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^"\d+-[\w-]{22}"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(first.headers.get('vary')).toBe('Accept-Encoding');
    expect(first.headers.get('content-security-policy')).toContain("default-src 'self'");
    const second = await app.request('/search?q=bitsadmin');
    expect(second.headers.get('etag')).toBe(etag);
    expect(await second.text()).toBe(body);
    const revalidated = await app.request('/search?q=bitsadmin', { headers: { 'If-None-Match': etag! } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    const other = await app.request('/search?q=certutil', { headers: { 'If-None-Match': etag! } });
    expect(other.status).toBe(200);
  });

  it('compresses pages, the API and the Navigator layer as the client accepts', async () => {
    const plain = await (await app.request('/')).text();
    const br = await app.request('/', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(plain);
    const gz = await app.request('/api/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).sources).toHaveLength(1);
    const layer = await app.request('/attack/layer.json', { headers: { 'Accept-Encoding': 'br;q=0, gzip' } });
    expect(layer.headers.get('content-encoding')).toBe('gzip');
    expect(layer.headers.get('content-disposition')).toContain('ruleatlas-layer.json');
    const layerJson = JSON.parse(gunzipSync(Buffer.from(await layer.arrayBuffer())).toString());
    expect(layerJson.techniques.length).toBeGreaterThan(5);
    const none = await app.request('/', { headers: { 'Accept-Encoding': 'identity' } });
    expect(none.headers.get('content-encoding')).toBeNull();
    expect(await none.text()).toBe(plain);
  });

  it('leaves errors and refused methods uncached', async () => {
    expect((await app.request('/rule/no-such-rule')).headers.get('etag')).toBeNull();
    expect((await app.request('/', { method: 'DELETE' })).status).toBe(405);
  });

  it('shows an ingest committed while the server is up, with a new ETag', async () => {
    const before = await app.request('/api/');
    const etag = before.headers.get('etag')!;
    expect((await before.json()).sources.map((s: { name: string }) => s.name)).toEqual(['examples']);
    const writer = Catalog.open(db);
    const hostile = join(dir, 'hostile');
    cpSync(hostileRoot, hostile, { recursive: true });
    await writer.ingest(hostile, { name: 'hostile' });
    writer.close();
    const after = await app.request('/api/', { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await after.json()).sources.map((s: { name: string }) => s.name)).toEqual([
      'examples',
      'hostile',
    ]);
    const home = await (await app.request('/')).text();
    expect(home).toContain('href="/source/hostile"');
  });
});

describe('response cache', () => {
  const answer = (bytes: number): CachedAnswer => ({
    status: 200,
    headers: {},
    etag: '"x"',
    body: Buffer.alloc(bytes, 97),
    encoded: {},
  });

  it('drops the least recently used answers past its byte budget', () => {
    const cache = new ResponseCache(5000);
    cache.set('/a', answer(1000));
    cache.set('/b', answer(1000));
    cache.set('/c', answer(1000));
    expect(cache.get('/a')).toBeDefined();
    cache.set('/d', answer(1000));
    expect(cache.get('/b')).toBeUndefined();
    expect(cache.get('/a')).toBeDefined();
    expect(cache.size).toBe(3);
    expect(cache.heldBytes).toBeLessThanOrEqual(5000);
    cache.set('/huge', answer(10_000));
    expect(cache.get('/huge')).toBeUndefined();
  });

  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(negotiate('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiate('gzip')).toBe('gzip');
    expect(negotiate('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiate('*')).toBe('br');
    expect(negotiate('identity')).toBeUndefined();
    expect(negotiate(undefined)).toBeUndefined();
  });
});
