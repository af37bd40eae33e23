// The "try an event" page and /api/try on the Hono app itself: real hits from a catalog of the examples, limits,
// malformed input, cross-site posts, and no trace of one trial in the next.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Hono } from 'hono';
import { Catalog } from '../catalog/catalog.js';
import { Hunt } from '../engine/index.js';
import { buildFixtureCatalog, type FixtureCatalog } from '../../test/browser/catalog-fixture.js';
import { createApp } from './server.js';
import { MAX_EVENT_BYTES } from './security.js';
import { EXAMPLE_EVENTS_DIR } from './pages/try-examples.js';

const SIGMA_BITS = 'examples:sigma/proc_creation_win_bitsadmin_transfer.yml';
const BITS_EXAMPLE = 'sysmon-1-bitsadmin-download';
const bitsEvent = readFileSync(join(EXAMPLE_EVENTS_DIR, `${BITS_EXAMPLE}.json`), 'utf8');

/** Response bodies are read as untyped JSON, the way an API client sees them. */
type Json = ReturnType<typeof JSON.parse>;

const hitKeys = (body: Json): string[] =>
  body.languages.flatMap((l: { hits: Array<{ key: string }> }) => l.hits.map((h) => h.key));

describe('try an event', () => {
  let fixture: FixtureCatalog;
  let catalog: Catalog;
  let app: Hono;

  const post = async (path: string, body: BodyInit, headers: Record<string, string> = {}) => {
    const res = await app.request(path, { method: 'POST', body, headers });
    const text = await res.text();
    return { status: res.status, text, json: (): Json => JSON.parse(text) };
  };
  const form = (event: string): FormData => {
    const data = new FormData();
    data.set('event', event);
    return data;
  };

  beforeAll(async () => {
    fixture = await buildFixtureCatalog({ attack: false });
    catalog = Catalog.open(fixture.db, { readonly: true });
    app = createApp(catalog);
  });
  afterAll(() => {
    catalog.close();
    fixture.remove();
  });

  it('lists the bundled example events with what each one is', async () => {
    const body = await (await app.request('/api/try')).json();
    expect(body.maxBytes).toBe(MAX_EVENT_BYTES);
    expect(body.examples).toEqual(
      expect.arrayContaining([
        { name: BITS_EXAMPLE, event: 'Sysmon Event ID 1: Process creation' },
        {
          name: 'security-4688-certutil-download',
          event: 'Windows Security Event ID 4688: A new process has been created',
        },
        { name: 'sysmon-3-rundll32-connection', event: 'Sysmon Event ID 3: Network connection' },
        {
          name: 'defender-process-vssadmin-delete-shadows',
          event: 'Microsoft Defender XDR DeviceProcessEvents: Process creation and related events',
        },
        { name: 'ecs-process-schtasks-create', event: 'Elastic ECS process: Process events' },
      ]),
    );
  });

  it('runs an example through every rule and says which predicates held', async () => {
    const res = await app.request(`/api/try?example=${BITS_EXAMPLE}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.example).toBe(BITS_EXAMPLE);
    expect(body.event).toMatchObject({ shape: 'windows-xml', provider: 'sysmon', eventId: '1' });
    expect(body.rules).toBe(catalog.huntRules().length);
    const sigma = body.languages.find((l: { language: string }) => l.language === 'sigma');
    expect(sigma.rules).toBe(catalog.huntRules({ language: 'sigma' }).length);
    // The hostile source's rule with a broken condition is the one Sigma rule the engine refuses.
    expect(sigma.notEvaluable).toBe(new Hunt(catalog.huntRules({ language: 'sigma' })).notEvaluable.length);
    expect(sigma.notEvaluable).toBe(1);
    const hit = sigma.hits.find((h: { key: string }) => h.key === SIGMA_BITS);
    expect(hit.title).toBe('Bitsadmin Transfer From a Script or Office Parent');
    expect(hit.predicates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'Image',
          op: 'ends_with',
          values: ['\\bitsadmin.exe'],
          eventValues: ['C:\\Windows\\System32\\bitsadmin.exe'],
          negated: false,
        }),
        expect.objectContaining({
          field: 'ParentImage',
          eventValues: ['C:\\Windows\\System32\\wscript.exe'],
        }),
      ]),
    );
    const bits = body.techniques.fired.find((t: { id: string }) => t.id === 'T1197');
    expect(bits).toMatchObject({ name: 'BITS Jobs', firedByLanguage: { sigma: 1 } });
    expect(bits.catalogRules).toBeGreaterThanOrEqual(2);
    expect(body.techniques.catalogCovered).toBeGreaterThanOrEqual(body.techniques.fired.length);
    const persistence = body.techniques.tactics.find((t: { id: string }) => t.id === 'TA0003');
    expect(persistence.fired).toBeGreaterThanOrEqual(1);
    expect(persistence.covered).toBeGreaterThanOrEqual(persistence.fired);
  });

  it('gives the same hits for the pasted text as for the example, in JSON and in the page', async () => {
    const example = await (await app.request(`/api/try?example=${BITS_EXAMPLE}`)).json();
    const pasted = await post('/api/try', bitsEvent, { 'Content-Type': 'application/json' });
    expect(pasted.status).toBe(200);
    expect(hitKeys(pasted.json())).toEqual(hitKeys(example));
    const page = await post('/try', form(bitsEvent));
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/rule/${encodeURIComponent(SIGMA_BITS)}"`);
    expect(page.text).toMatch(/<tr data-technique="T1197">/);
  });

  it('keeps no trace of one trial in the next', async () => {
    await post('/api/try', bitsEvent);
    const other = readFileSync(join(EXAMPLE_EVENTS_DIR, 'sysmon-3-rundll32-connection.json'), 'utf8');
    const next = await post('/api/try', other);
    expect(hitKeys(next.json())).not.toContain(SIGMA_BITS);
    expect(next.json().event.eventId).toBe('3');
  });

  it('answers malformed JSON with 400 and the position, in JSON and on the page', async () => {
    const api = await post('/api/try', '{\n  "EventID": 1,,\n}');
    expect(api.status).toBe(400);
    expect(api.json()).toMatchObject({
      error: 'The event is not a valid JSON object.',
      diagnostics: [expect.objectContaining({ line: 2 })],
    });
    const page = await post('/try', form('{"EventID": 1,,}'));
    expect(page.status).toBe(400);
    expect(page.text).toContain('id="problem"');
    expect(page.text).toContain('The event is not a valid JSON object.');
  });

  it('wants exactly one event', async () => {
    expect((await post('/api/try', '')).json().error).toBe('Give one event: a JSON object.');
    const two = await post('/api/try', '{"a": 1}\n{"b": 2}');
    expect(two.status).toBe(400);
    expect(two.json().error).toBe('Give one event; the text holds 2.');
    expect((await post('/try', new URLSearchParams({ other: 'x' }))).status).toBe(400);
  });

  it('refuses more than 256 KiB with 413', async () => {
    const big = `{"CommandLine": "${'a'.repeat(MAX_EVENT_BYTES)}"}`;
    const api = await post('/api/try', big);
    expect(api.status).toBe(413);
    expect(api.json().error).toMatch(/larger than 256 KiB/);
    const page = await post('/try', form(big));
    expect(page.status).toBe(413);
    expect(page.text).toContain('larger than 256 KiB');
    expect(page.text).not.toContain('a'.repeat(1000));
  });

  it('keeps pasted markup inert in the page', async () => {
    const hostile = '{"EventID": 1, "Image": "</textarea><script>window.__pwned=1</script>"}';
    const page = await post('/try', form(hostile));
    expect(page.text).not.toContain('<script>window.__pwned');
    expect(page.text).toContain('&lt;/textarea&gt;&lt;script&gt;');
  });

  it('refuses posts from other sites and methods other than GET, HEAD and POST', async () => {
    const crossSite = await post('/try', form(bitsEvent), { 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const foreign = await post('/api/try', bitsEvent, { Origin: 'https://elsewhere.example' });
    expect(foreign.status).toBe(403);
    const own = await post('/try', form(bitsEvent), {
      Origin: 'http://localhost',
      'Sec-Fetch-Site': 'same-origin',
    });
    expect(own.status).toBe(200);
    const put = await app.request('/api/try', { method: 'PUT', body: bitsEvent });
    expect(put.status).toBe(405);
    expect(put.headers.get('Allow')).toBe('GET, HEAD, POST');
    expect((await app.request('/search', { method: 'POST', body: 'q=x' })).status).toBe(405);
  });

  it('compiles the catalog’s rules once for many trials', async () => {
    const own = createApp(catalog);
    const load = vi.spyOn(catalog, 'huntRules');
    try {
      for (let i = 0; i < 3; i++)
        expect((await own.request('/api/try', { method: 'POST', body: bitsEvent })).status).toBe(200);
      expect(load).toHaveBeenCalledTimes(1);
    } finally {
      load.mockRestore();
    }
  });

  it('does not write the catalog', async () => {
    const before = catalog.dataVersion();
    await post('/api/try', bitsEvent);
    expect(catalog.dataVersion()).toBe(before);
    expect((await app.request('/try?example=no-such-example')).status).toBe(404);
    expect((await app.request('/api/try?example=../../package')).status).toBe(404);
  });
});
