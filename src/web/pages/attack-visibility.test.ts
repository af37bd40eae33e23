// The matrix page's visibility filter on the Hono app: rules that go blind and techniques left with no rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { Catalog } from '../../catalog/catalog.js';
import { createApp } from '../server.js';
import { buildFixtureCatalog, type FixtureCatalog } from '../../../test/browser/catalog-fixture.js';

describe('ATT&CK matrix with a log-event filter', () => {
  let fixture: FixtureCatalog;
  let catalog: Catalog;
  let app: Hono;

  beforeAll(async () => {
    fixture = await buildFixtureCatalog({ attack: false });
    catalog = Catalog.open(fixture.db, { readonly: true });
    app = createApp(catalog);
  }, 60_000);
  afterAll(() => {
    catalog.close();
    fixture.remove();
  });

  it('says which rules go blind without Sysmon and Security, per language, and which techniques lose every rule', async () => {
    const res = await app.request('/api/attack?source=examples&without=sysmon%3Bsecurity');
    expect(res.status).toBe(200);
    const v = (await res.json()).visibility;
    expect(v.said).toBe('without sysmon;security');
    expect(v.blind).toBeGreaterThan(0);
    expect(v.fire + v.blind + v.unplaced).toBe(v.rules);
    expect(v.byLanguage.sigma.blind).toBeGreaterThan(0);
    // T1070.001 (clearing Windows event logs) is named by Windows-log rules only; BITS jobs (T1197) keep the
    // rules that read Defender and Elastic process events.
    const lost = v.techniquesLost.map((t: { id: string }) => t.id);
    expect(lost).toContain('T1070.001');
    expect(lost).not.toContain('T1197');
  });

  it('marks lost techniques in the matrix, keeps the filter in the form, and lays out the difference', async () => {
    const page = await (await app.request('/attack?source=examples&have=sysmon%3A3')).text();
    expect(page).toContain('With only sysmon:3');
    expect(page).toContain('value="sysmon:3"');
    expect(page).toMatch(/class="cell covered heat-\d lost"/);
    const layer = await (await app.request('/attack/layer.json?source=examples&have=sysmon%3A3')).json();
    expect(layer.name).toBe('ruleatlas: rules blind with only sysmon:3');
    expect(layer.techniques.map((t: { techniqueID: string }) => t.techniqueID)).toContain('T1197');
  });

  it('refuses a log it does not know', async () => {
    const res = await app.request('/api/attack?without=nosuchlog%3A1');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain('Unknown log "nosuchlog"');
  });
});
