/** Defences of the web catalog: response headers that keep rule text inert, read-only methods, input limits. */
import type { MiddlewareHandler } from 'hono';

/** Scripts and styles only from the app itself; nothing inline, no plugins, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Search input caps: a longer query or a deeper page is cut, never an error. */
export const MAX_QUERY_LENGTH = 200;
export const MAX_PARAM_LENGTH = 300;
export const PAGE_SIZE = 50;
export const MAX_PAGE = 200;

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
};

/** The catalog is read-only over HTTP: anything but GET and HEAD is refused before it reaches a route. */
export const readOnly: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    c.header('Allow', 'GET, HEAD');
    const message = 'Method Not Allowed: the catalog is read-only';
    return c.req.path.startsWith('/api/') ? c.json({ error: message }, 405) : c.text(message, 405);
  }
  await next();
};

/** A query parameter, trimmed and cut to a length; empty means absent. */
export function param(value: string | undefined, max = MAX_PARAM_LENGTH): string | undefined {
  const v = value?.trim().slice(0, max);
  return v ? v : undefined;
}

/** A 1-based page number within [1, MAX_PAGE]. */
export function pageNumber(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) ? Math.min(Math.max(n, 1), MAX_PAGE) : 1;
}
