// The rule page's features over HTTP: raw download, the repository link of a copy without .git, Elastic facts
// and the rendered investigation guide, copy buttons, deprecated rules marked on the rule, search and source pages.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../catalog/catalog.js';
import { createApp } from './server.js';
import { attachment, mediaTypeOf } from './rule-raw.js';

const ELASTIC = `[metadata]
creation_date = "2024/03/11"
maturity = "production"
updated_date = "2025/01/02"

[rule]
author = ["ruleatlas tests"]
description = "Finds bitsadmin."
from = "now-9m"
interval = "5m"
language = "kuery"
name = "Bits Elastic"
risk_score = 47
rule_id = "bits-elastic"
severity = "medium"
type = "query"
note = """## Triage
- Look at \`bitsadmin.exe\` <img src=x onerror=alert(1)>
- [guide](https://example.com/g) and [bad](javascript:alert(1))
"""
query = 'process.name : "bitsadmin.exe"'
`;

const SIGMA = (id: string, status: string): string =>
  `title: Sigma ${id}\nid: ${id}\nstatus: ${status}\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  sel:\n    Image|endswith: ' \\bitsadmin.exe'\n  condition: sel\n`;

const FILES: Record<string, string> = {
  'rules/windows/bits_elastic.toml': ELASTIC,
  'rules/windows/bits_sigma.yml': SIGMA('sigma-live', 'test'),
  'rules/_deprecated/old_one.yml': SIGMA('sigma-old-folder', 'test'),
  'rules/windows/old_two.yml': SIGMA('sigma-old-status', 'deprecated'),
  'rules/windows/ünïcode "name".yml': SIGMA('sigma-unicode', 'test'),
};

describe('rule page features', () => {
  let work: string;
  let catalog: Catalog;
  let app: ReturnType<typeof createApp>;
  const get = async (path: string): Promise<Response> => app.request(path);
  const page = async (path: string): Promise<string> => (await get(path)).text();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ruleatlas-rule-page-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(work, 'copy', path)), { recursive: true });
      writeFileSync(join(work, 'copy', path), text);
    }
    const writer = Catalog.open(join(work, 'catalog.db'));
    await writer.ingest(join(work, 'copy'), {
      name: 'copy',
      jobs: 0,
      remote: 'https://gitlab.com/acme/rules',
    });
    // A later ingest without --remote keeps it: the folder still has no origin of its own.
    await writer.ingest(join(work, 'copy'), { name: 'copy', jobs: 0 });
    writer.close();
    catalog = Catalog.open(join(work, 'catalog.db'), { readonly: true });
    app = createApp(catalog);
  });

  afterAll(() => {
    catalog?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('downloads the rule file as stored, under its name and media type', async () => {
    const res = await get('/rule/bits-elastic/raw');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/toml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="bits_elastic.toml"; filename*=UTF-8''bits_elastic.toml`,
    );
    expect(await res.text()).toBe(ELASTIC);
    const sigma = await get(`/rule/${encodeURIComponent('copy:rules/windows/bits_sigma.yml')}/raw`);
    expect(sigma.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(await sigma.text()).toBe(FILES['rules/windows/bits_sigma.yml']);
    expect((await get('/rule/no-such-rule/raw')).status).toBe(404);
  });

  it('names any file safely in the download header', () => {
    expect(attachment('ünïcode "name".yml')).toBe(
      `attachment; filename="_n_code _name_.yml"; filename*=UTF-8''%C3%BCn%C3%AFcode%20%22name%22.yml`,
    );
    expect(mediaTypeOf('A.KQL')).toBe('text/plain; charset=utf-8');
    expect(mediaTypeOf('constructor')).toBe('text/plain; charset=utf-8');
  });

  it('links the rule to its line in the repository given with --remote', async () => {
    const body = (await (await get('/api/rule/bits-elastic')).json()) as { link: string; remote: string };
    expect(body.remote).toBe('https://gitlab.com/acme/rules');
    expect(body.link).toBe('https://gitlab.com/acme/rules/-/blob/HEAD/rules/windows/bits_elastic.toml#L1');
    expect(await page('/rule/bits-elastic')).toContain(`id="upstream" href="${body.link}"`);
  });

  it("shows an Elastic rule's risk score, type, schedule, dates and its guide, escaped", async () => {
    const data = (await (await get('/api/rule/bits-elastic')).json()) as Record<string, unknown>;
    expect(data.elastic).toMatchObject({ riskScore: 47, ruleType: 'query', interval: '5m', from: 'now-9m' });
    expect(data).toMatchObject({ created: '2024/03/11', updated: '2025/01/02', deprecated: false });
    const html = await page('/rule/bits-elastic');
    expect(html).toMatch(/<dt>Risk score<\/dt>\s*<dd>47<\/dd>/);
    expect(html).toMatch(/<dt>Schedule<\/dt>\s*<dd>every 5m, each run looking back to now-9m<\/dd>/);
    expect(html).toContain('<h3>Triage</h3>');
    expect(html).toContain('<code>bitsadmin.exe</code> &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain(
      '<a href="https://example.com/g" rel="noopener noreferrer" target="_blank">guide</a>',
    );
    expect(html).toContain('[bad](javascript:alert(1))');
    expect(html).not.toContain('href="javascript');
  });

  it('shows the description once, the whole body with a wrap toggle, and copy buttons for body, queries and values', async () => {
    const html = await page(`/rule/sigma-live`);
    expect(html.split('Finds bitsadmin').length).toBeLessThanOrEqual(2);
    expect(html).toContain('<input type="checkbox" id="wrap-body" />');
    expect(html).toContain('data-copy="rule-body-code"');
    expect(html).toMatch(/data-copy="stage-\d+-code"/);
    // The value as it is, spaces at its ends included; shown with visible spaces.
    expect(html).toContain('data-copy-text=" \\bitsadmin.exe"');
    expect(html).toContain('␠\\bitsadmin.exe');
  });

  it('marks deprecated rules by status or folder on the rule, search and source pages', async () => {
    expect(await page('/rule/sigma-old-folder')).toContain('class="banner deprecated"');
    expect(await page('/rule/sigma-old-status')).toContain('class="banner deprecated"');
    expect(await page('/rule/sigma-live')).not.toContain('class="banner deprecated"');
    const search = await page('/search?q=sigma');
    expect(search.match(/class="tag deprecated"/g)?.length).toBe(2);
    const source = (await (await get('/api/source/copy')).json()) as {
      deprecated: { total: number; rules: Array<{ key: string }> };
    };
    expect(source.deprecated.total).toBe(2);
    expect(source.deprecated.rules.map((r) => r.key).sort()).toEqual([
      'copy:rules/_deprecated/old_one.yml',
      'copy:rules/windows/old_two.yml',
    ]);
    expect(await page('/source/copy')).toContain('<a href="#deprecated">2 deprecated</a>');
  });
});
