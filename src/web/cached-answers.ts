/** Serves GET answers from the response cache: one render per catalog state, ETag with 304, brotli or gzip. */
import type { Context, MiddlewareHandler } from 'hono';
import {
  encodedBody,
  entityTag,
  negotiate,
  ResponseCache,
  cachedSize,
  type CachedAnswer,
} from './response-cache.js';

/** What the cache needs of the catalog: a cheap number that moves on every commit, and the ingest generation. */
export interface CatalogClock {
  /** SQLite's `data_version`: a pragma that reads no page, so it is asked once per request. */
  dataVersion(): number;
  generation(): number;
}

/** Response headers a cached answer keeps; the security headers are added around it on every answer. */
const KEPT_HEADERS = ['content-type', 'content-disposition'];

/** Browsers keep the answer but ask again each time, so a new ingest shows at once and an old one costs a 304. */
const CACHE_CONTROL = 'no-cache';

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function answer(c: Context, key: string, cache: ResponseCache, found: CachedAnswer): Response {
  const headers: Record<string, string> = {
    ETag: found.etag,
    'Cache-Control': CACHE_CONTROL,
    Vary: 'Accept-Encoding',
  };
  if (matches(c.req.header('if-none-match'), found.etag)) return new Response(null, { status: 304, headers });
  const before = cachedSize(found);
  const encoding = negotiate(c.req.header('accept-encoding'));
  const encoded = encodedBody(found, encoding);
  if (cachedSize(found) !== before) cache.grew(key, before);
  if (encoded && encoding) headers['Content-Encoding'] = encoding;
  const body = encoded ?? found.body;
  headers['Content-Length'] = String(body.length);
  // Node's buffers here (zlib's, Buffer.from) are never over a SharedArrayBuffer.
  return new Response(body as Uint8Array<ArrayBuffer>, {
    status: found.status,
    headers: { ...found.headers, ...headers },
  });
}

async function rendered(c: Context, generation: number): Promise<CachedAnswer | undefined> {
  if (c.res.status !== 200 || c.res.headers.has('content-encoding')) return undefined;
  const body = Buffer.from(await c.res.arrayBuffer());
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = c.res.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { status: 200, headers, etag: entityTag(generation, body), body, encoded: {} };
}

/**
 * Every GET (and HEAD) answer of status 200 is rendered once per catalog state and kept under its URL. When
 * another connection commits (an ingest beside the server), `data_version` moves and the whole cache goes: the
 * catalog changes only at ingest, so nothing finer is worth tracking.
 */
export function cachedAnswers(clock: CatalogClock, cache: ResponseCache): MiddlewareHandler {
  let version = Number.NaN;
  let generation = 0;
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const now = clock.dataVersion();
    if (now !== version) {
      cache.clear();
      version = now;
      generation = clock.generation();
    }
    const url = new URL(c.req.url);
    const key = `${url.pathname}${url.search}`;
    const found = cache.get(key);
    if (found) return answer(c, key, cache, found);
    await next();
    const fresh = await rendered(c, generation);
    if (!fresh) return;
    cache.set(key, fresh);
    c.res = answer(c, key, cache, fresh);
  };
}
