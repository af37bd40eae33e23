/** Addresses built from hostile data: rule keys looked up only at `/` boundaries, over-long values linked by digest. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../catalog/catalog.js';
import { createApp } from './server.js';

const LONG = 'x'.repeat(200_000);

const sigma = (title: string, value: string): string =>
  `title: ${title}\nlogsource:\n  product: windows\n  category: process_creation\n` +
  `detection:\n  sel:\n    CommandLine|contains: '${value}'\n  condition: sel\n`;

let root: string;
let catalog: Catalog;
let app: Hono;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ruleatlas-addresses-'));
  const src = join(root, 'src');
  mkdirSync(join(src, 'windows'), { recursive: true });
  writeFileSync(join(src, 'windows', 'proc.yml'), sigma('Process rule', 'bitsadmin'));
  writeFileSync(join(src, 'long.yml'), sigma('Long value', LONG));
  const path = join(root, 'catalog.db');
  const writer = Catalog.open(path);
  await writer.ingest(src, { name: 'local' });
  writer.close();
  catalog = Catalog.open(path, { readonly: true });
  app = createApp(catalog);
}, 60_000);

afterAll(() => {
  catalog.close();
  rmSync(root, { recursive: true, force: true });
});

describe('rule lookup by reference', () => {
  it('finds a path suffix only from a `/` boundary or as the whole path', () => {
    expect(catalog.rule('local:windows/proc.yml')?.title).toBe('Process rule');
    expect(catalog.rule('windows/proc.yml')?.title).toBe('Process rule');
    expect(catalog.rule('proc.yml')?.title).toBe('Process rule');
    expect(catalog.rule('/proc.yml')?.title).toBe('Process rule');
    expect(catalog.rule('l')).toBeUndefined();
    expect(catalog.rule('oc.yml')).toBeUndefined();
    expect(catalog.rule('ws/proc.yml')).toBeUndefined();
    expect(catalog.rule('%')).toBeUndefined();
    expect(catalog.rule('_roc.yml')).toBeUndefined();
  });

  it('answers a NUL or a stray letter with a 404, not an unrelated rule', async () => {
    for (const path of ['/rule/%00', '/rule/l', '/rule/proc.yml%00', '/api/rule/%00', '/api/rule/l'])
      expect((await app.request(path)).status).toBe(404);
    expect((await app.request('/api/rule/windows%2Fproc.yml')).status).toBe(200);
  });
});

describe('a 200,000-character value', () => {
  it('is cut with its length where it is listed, so the home page stays small', async () => {
    const home = await (await app.request('/')).text();
    expect(home.length).toBeLessThan(60_000);
    expect(home).toContain('… (200,000 characters)');
  });

  it('is linked by digest, and the link resolves to the indicator', async () => {
    const page = await (await app.request('/rule/local%3Along.yml')).text();
    const links = [...page.matchAll(/href="(\/indicator\?[^"]*)"/g)].map((m) =>
      m[1].replaceAll('&amp;', '&'),
    );
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.length).toBeLessThan(500);
    const digestLink = links.find((l) => l.includes('digest='))!;
    const res = await app.request(`/api${digestLink}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { indicator: { value: string } };
    expect(body.indicator.value).toBe(LONG);
    expect((await app.request('/api/indicator?canonical=x&op=contains&digest=00')).status).toBe(404);
  });
});
