/** `/rule/<key>/raw`: a rule's text as stored at ingest, downloaded as a file under its own name and media type. */
import type { Context, Hono } from 'hono';
import { readDataFile } from '../knowledge/data-file.js';
import type { Site } from './site.js';

const SUFFIX = '/raw';

interface MediaTypes {
  byExtension: Record<string, string>;
  default: string;
}

export function mediaTypeOf(fileName: string): string {
  const types = readDataFile<MediaTypes>('rule-media-types.json');
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const type = Object.hasOwn(types.byExtension, ext) ? types.byExtension[ext] : types.default;
  return `${type}; charset=utf-8`;
}

/** An attachment header any name survives: an ASCII fallback, and the name itself percent-encoded (RFC 6266). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function rawFile(site: Site, c: Context): Response | undefined {
  const key = decodeURIComponent(c.req.path.slice('/rule/'.length, -SUFFIX.length));
  const view = site.catalog.rule(key);
  if (!view) return undefined;
  const name = view.document.file.path.split('/').pop() || 'rule.txt';
  return c.body(view.document.raw, 200, {
    'Content-Type': mediaTypeOf(name),
    'Content-Disposition': attachment(name),
  });
}

/** Before the rule page, whose key takes every path below /rule/: a key that is no rule falls through to it. */
export function registerRuleRaw(app: Hono, site: Site): void {
  app.use('/rule/*', async (c, next) => {
    if (!c.req.path.endsWith(SUFFIX)) return next();
    return rawFile(site, c) ?? next();
  });
}
