/** Pages list the values near a specific indicator: the rule page under it, the indicator page in a section. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../catalog/catalog.js';
import { createApp } from './server.js';
import { indicatorHref, ruleHref } from './links.js';

const rule = (title: string, contains: string): string => `title: ${title}
id: ${title.toLowerCase().replace(/\W+/g, '-')}
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    CommandLine|contains: '${contains}'
  condition: selection
`;

let root: string;
let catalog: Catalog;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ruleatlas-related-web-'));
  const src = join(root, 'src');
  mkdirSync(src);
  writeFileSync(join(src, 'a.yml'), rule('Seed Transfer', '/transfer'));
  writeFileSync(join(src, 'b.yml'), rule('Spaced Transfer B', ' /transfer '));
  writeFileSync(join(src, 'c.yml'), rule('Spaced Transfer C', ' /transfer '));
  const writer = Catalog.open(join(root, 'catalog.db'));
  await writer.ingest(src, { name: 'local' });
  writer.close();
  catalog = Catalog.open(join(root, 'catalog.db'), { readonly: true });
});

afterAll(() => {
  catalog?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('related indicators on pages', () => {
  it('shows "contains this value: 2 rules" under the rule page indicator and on its indicator page', async () => {
    const app = createApp(catalog);
    const page = await (await app.request(ruleHref('local:a.yml'))).text();
    const spaced = indicatorHref({
      kind: 'detection',
      canonical: 'process.command_line',
      op: 'match',
      value: ' /transfer ',
    });
    expect(page).toMatch(
      /contains this value:\s*<a class="mono" href="([^"]+)">match ␠\/transfer␠<\/a>,\s*2 rules/,
    );
    expect(page).toContain(spaced.replace(/&/g, '&amp;'));
    const plain = indicatorHref({
      kind: 'detection',
      canonical: 'process.command_line',
      op: 'match',
      value: '/transfer',
    });
    const indicator = await (await app.request(plain)).text();
    expect(indicator).toContain('id="related"');
    expect(indicator).toMatch(/contains this value:[\s\S]*␠\/transfer␠[\s\S]*2 rules/);
    const json = (await (await app.request(`/api${plain}`)).json()) as { related: Array<{ value: string }> };
    expect(json.related.map((r) => r.value)).toEqual([' /transfer ']);
  });
});
