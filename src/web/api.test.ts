// The JSON API on the Hono app itself (no network): real values from a catalog of the examples and the hostile source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../../test/corpus.js';
import type { Hono } from 'hono';
import { Catalog } from '../catalog/catalog.js';
import { ATTACK_NOT_LOADED } from '../knowledge/attack/index.js';
import { createApp } from './server.js';
import { buildFixtureCatalog, HOSTILE_KEY, type FixtureCatalog } from '../../test/browser/catalog-fixture.js';

const SIGMA_BITS = 'examples:sigma/proc_creation_win_bitsadmin_transfer.yml';
const SENTINEL_BITS = 'examples:kql/bitsadmin-transfer-download.yaml';

/** Response bodies are read as untyped JSON, the way an API client sees them. */
type Json = ReturnType<typeof JSON.parse>;

async function json(app: Hono, path: string): Promise<{ status: number; body: Json }> {
  const res = await app.request(path);
  return { status: res.status, body: await res.json() };
}

describe.skipIf(!sharedPath('attack', 'enterprise-attack-18.1.json.gz'))(
  'web JSON API with full ATT&CK data',
  () => {
    let fixture: FixtureCatalog;
    let catalog: Catalog;
    let app: Hono;

    beforeAll(async () => {
      fixture = await buildFixtureCatalog({ attack: true });
      catalog = Catalog.open(fixture.db, { readonly: true });
      app = createApp(catalog);
    });
    afterAll(() => {
      catalog.close();
      fixture.remove();
    });

    it('home lists both sources with counts per language and parse health', async () => {
      const { status, body } = await json(app, '/api/');
      expect(status).toBe(200);
      expect(body.sources.map((s: { name: string }) => s.name)).toEqual(['examples', 'hostile']);
      const examples = body.sources[0];
      expect(examples.byLanguage.sigma.rules).toBeGreaterThanOrEqual(4);
      expect(body.health.rules).toBe(body.totals.rules);
      expect(body.health.parsed).toBeLessThanOrEqual(body.health.rules);
      expect(body.attack.techniques).toBeGreaterThan(0);
      expect(body.topIndicators.length).toBeGreaterThan(0);
      expect(body.topIndicators[0].count).toBeGreaterThanOrEqual(body.topIndicators.at(-1).count);
    });

    it('searches full text with facets and paging in the URL', async () => {
      const { body } = await json(app, '/api/search?q=bitsadmin');
      const keys = body.rules.map((r: { key: string }) => r.key);
      expect(keys).toContain(SIGMA_BITS);
      expect(keys).toContain(SENTINEL_BITS);
      expect(body.total).toBe(body.rules.length);
      expect(
        body.facets.language.find((f: { value: string }) => f.value === 'sigma').count,
      ).toBeGreaterThanOrEqual(1);
      const narrowed = await json(app, '/api/search?q=bitsadmin&language=kusto');
      expect(narrowed.body.rules.map((r: { key: string }) => r.key)).toEqual([SENTINEL_BITS]);
      expect(narrowed.body.query).toEqual({ q: 'bitsadmin', language: ['kusto'] });
      expect(narrowed.body.sort).toBe('relevance');
      const narrowedPage = await (await app.request('/search?q=bitsadmin&language=kusto')).text();
      expect(narrowedPage).toMatch(/<span id="total">1<\/span>\s*rule\s+matches/);
      // The language facet counts without its own filter: sigma is still offered.
      expect(narrowed.body.facets.language.map((f: { value: string }) => f.value)).toContain('sigma');
      const both = await json(app, '/api/search?q=bitsadmin&language=kusto&language=sigma');
      expect(both.body.total).toBe(
        narrowed.body.total + body.facets.language.find((f: { value: string }) => f.value === 'sigma').count,
      );
      expect(narrowed.body.rules[0].techniques).toContain('T1197');
      expect(
        body.facets.tactic.find((f: { value: string }) => f.value === 'defense-evasion').count,
      ).toBeGreaterThan(0);
    });

    it('sorts by the asked order and refuses an unknown one', async () => {
      const bySeverity = await json(app, '/api/search?sort=severity');
      const ranks = ['critical', 'high', 'medium', 'low'];
      const seen = bySeverity.body.rules
        .map((r: { severity: string | null }) => ranks.indexOf(r.severity?.toLowerCase() ?? ''))
        .filter((n: number) => n >= 0);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      const bad = await json(app, '/api/search?sort=newest');
      expect(bad.status).toBe(400);
      expect(bad.body.error).toContain('unknown sort');
    });

    it('exports a result list as CSV, the same from /search.csv and format=csv', async () => {
      const res = await app.request('/search.csv?q=bitsadmin&language=kusto&language=sigma');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const lines = (await res.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe('key,id,title,language,format,source,path,severity,status,techniques,parsed');
      expect(lines.some((l) => l.startsWith(`${SENTINEL_BITS},`))).toBe(true);
      const api = await app.request('/api/search?q=bitsadmin&language=kusto&language=sigma&format=csv');
      expect(await api.text()).toBe(lines.join('\r\n') + '\r\n');
      expect((await app.request('/search.csv?language=sigmaa')).status).toBe(400);
    });

    it('filters by technique and by tactic through the loaded ATT&CK data', async () => {
      const byTechnique = await json(app, '/api/search?technique=T1197');
      expect(byTechnique.body.rules.map((r: { key: string }) => r.key)).toEqual(
        expect.arrayContaining([SIGMA_BITS, SENTINEL_BITS]),
      );
      const byTactic = await json(app, '/api/search?tactic=persistence');
      expect(byTactic.body.rules.map((r: { key: string }) => r.key)).toContain(SIGMA_BITS);
    });

    it('caps the query length and the page number', async () => {
      const { body } = await json(app, `/api/search?q=${'a'.repeat(5000)}&page=99999`);
      expect(body.query.q).toHaveLength(200);
      // Capped at 200, then clamped to the last page of the (empty) result.
      expect(body.page).toBe(body.pages);
      expect(body.pageSize).toBe(50);
    });

    it('gives a rule as ruleReport() has it, with corpus counts and resolved ATT&CK', async () => {
      const { status, body } = await json(app, `/api/rule/${encodeURIComponent(SIGMA_BITS)}`);
      expect(status).toBe(200);
      expect(body.title).toBe('Bitsadmin Transfer From a Script or Office Parent');
      expect(body.language).toBe('sigma');
      expect(body.logSource).toContain('process_creation');
      expect(body.attackFull).toBe(true);
      expect(body.attack.techniques.find((t: { id: string }) => t.id === 'T1197').name).toBe('BITS Jobs');
      expect(body.stages[0].kind).toBe('condition');
      expect(body.raw).toContain('selection_img:');
      const exclusion = body.indicators.filter((i: { kind: string }) => i.kind === 'exclusion');
      expect(exclusion.length).toBeGreaterThan(0);
      for (const i of body.indicators) expect(typeof i.count).toBe('number');
    });

    it("lists a rule's similar rules across languages, each with its relation and differences", async () => {
      const { body } = await json(app, `/api/rule/${encodeURIComponent(SIGMA_BITS)}`);
      expect(Array.isArray(body.similar)).toBe(true);
      for (const s of body.similar) {
        expect(['equivalent', 'narrower', 'broader', 'overlapping']).toContain(s.relation);
        expect(Array.isArray(s.differences)).toBe(true);
      }
      const page = await app.request(`/rule/${encodeURIComponent(SIGMA_BITS)}`);
      expect(await page.text()).toContain('id="similar"');
    });

    it('compares two sources by rule logic, and 404s an unknown source', async () => {
      const { status, body } = await json(app, '/api/compare?a=examples&b=hostile');
      expect(status).toBe(200);
      expect(Object.keys(body.counts).sort()).toEqual(
        ['aOnly', 'bOnly', 'broader', 'equivalent', 'narrower', 'overlapping'].sort(),
      );
      expect((await app.request('/compare?a=examples&b=hostile')).status).toBe(200);
      expect((await json(app, '/api/compare?a=examples&b=nope')).status).toBe(404);
    });

    it('opens rules of a file that holds several, by their #n keys', async () => {
      const { body } = await json(app, '/api/search?source=examples&page=1');
      const several = body.rules.filter((r: { key: string }) => r.key.includes('#'));
      expect(several.length).toBeGreaterThan(1);
      for (const r of several)
        expect((await json(app, `/api/rule/${encodeURIComponent(r.key)}`)).body.key).toBe(r.key);
    });

    it('finds a rule by unencoded key, and 404s an unknown one', async () => {
      expect((await app.request(`/api/rule/${SIGMA_BITS}`)).status).toBe(200);
      const missing = await json(app, '/api/rule/nope:missing.yml');
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatch(/No rule/);
    });

    it('converts a rule to another language, with losses and the round trip', async () => {
      const { status, body } = await json(app, `/api/rule/${SIGMA_BITS}/convert?to=kusto`);
      expect(status).toBe(200);
      expect(body.target).toBe('kusto');
      expect(body.text).toMatch(/^DeviceProcessEvents\n\| where /);
      expect(body.losses).toEqual([]);
      expect(Object.keys(body.roundTrip)).toEqual(['equivalent', 'differences']);
      expect((await json(app, `/api/rule/${SIGMA_BITS}/convert?to=cobol`)).status).toBe(400);
      expect((await json(app, '/api/rule/examples:nothing.yml/convert?to=eql')).status).toBe(404);
      const plain = await (await app.request(`/rule/${SIGMA_BITS}`)).text();
      expect(plain).toContain('In other languages');
      expect(plain).toContain('?languages=all#conversions');
      expect(plain).not.toContain('data-copy="convert-0"');
      const page = await (await app.request(`/rule/${SIGMA_BITS}?languages=all`)).text();
      expect(page).toContain('data-copy="convert-0"');
      const proof = page.match(/href="(\/api\/rule\/[^"]+\/convert\?to=spl)"/)![1];
      expect((await json(app, proof.replace(/&amp;/g, '&'))).body.target).toBe('spl');
    });

    it('shows an indicator with every rule that shares it', async () => {
      const rule = await json(app, `/api/rule/${encodeURIComponent(SIGMA_BITS)}`);
      const ind = rule.body.indicators.find((i: { value: string }) => i.value.includes('bitsadmin.exe'));
      expect(ind).toBeDefined();
      const q = new URLSearchParams({
        kind: ind.kind,
        canonical: ind.canonical,
        op: ind.op,
        value: ind.value,
      });
      const { status, body } = await json(app, `/api/indicator?${q}`);
      expect(status).toBe(200);
      expect(body.indicator.count).toBe(ind.count + 1);
      expect(body.rules.sigma.map((r: { key: string }) => r.key)).toContain(SIGMA_BITS);
      expect((await app.request('/api/indicator?canonical=x')).status).toBe(404);
    });

    it('describes a technique with its tactics, sub-techniques and rules', async () => {
      const { body } = await json(app, '/api/technique/T1197');
      expect(body.name).toBe('BITS Jobs');
      expect(body.tactics.map((t: { shortname: string }) => t.shortname)).toContain('persistence');
      expect(body.rules.map((r: { key: string }) => r.key)).toContain(SIGMA_BITS);
      const parent = await json(app, '/api/technique/T1059');
      expect(parent.body.subtechniques.map((s: { id: string }) => s.id)).toContain('T1059.001');
      expect((await app.request('/api/technique/not-an-id')).status).toBe(404);
    });

    it('gives the matrix and a Navigator layer of the same filters', async () => {
      const { body } = await json(app, '/api/attack?language=sigma');
      expect(body.filter).toEqual({ language: 'sigma' });
      const cells = body.columns.flatMap((c: { covered: Array<{ id: string }> }) =>
        c.covered.map((t) => t.id),
      );
      expect(cells).toContain('T1197');
      const res = await app.request('/attack/layer.json?language=sigma');
      expect(res.headers.get('content-disposition')).toContain('attachment');
      const layer = (await res.json()) as { name: string; techniques: Array<{ techniqueID: string }> };
      expect(layer.name).toContain('sigma');
      expect(layer.techniques.map((t) => t.techniqueID)).toContain('T1197');
    });

    it('shows a source with rules per format and the rules with diagnostics', async () => {
      const { body } = await json(app, '/api/source/examples');
      expect(body.source.name).toBe('examples');
      expect(body.formats.map((f: { format: string }) => f.format)).toEqual(
        expect.arrayContaining(['sigma', 'elastic-rule', 'sentinel']),
      );
      expect((await app.request('/api/source/none')).status).toBe(404);
    });

    it('is read-only and sends a Content-Security-Policy without inline script', async () => {
      expect((await app.request('/api/', { method: 'POST' })).status).toBe(405);
      expect((await app.request('/search', { method: 'DELETE' })).status).toBe(405);
      const page = await app.request('/');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(await page.text()).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
    });

    it('escapes the hostile rule everywhere it appears', async () => {
      const page = await (await app.request(`/rule/${encodeURIComponent(HOSTILE_KEY)}`)).text();
      expect(page).toContain('Hostile &lt;script&gt;window.__pwned=&#39;title&#39;&lt;/script&gt;');
      expect(page).not.toMatch(/<script>window|<img src=x|<svg onload|href="javascript:|href="data:/i);
      expect(page).toContain('href="https://example.org/advisory?a=1&amp;b=%3Ci%3E2%3C/i%3E"');
      const search = await (await app.request('/search?q=hostile')).text();
      expect(search).toContain('&lt;img src=x onerror=');
      expect(search).not.toMatch(/<img src=x|<script>window/);
    });
  },
);

describe('web JSON API without ATT&CK data', () => {
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

  it('says so on the rule page and its JSON twin', async () => {
    const { body } = await json(app, `/api/rule/${encodeURIComponent(SIGMA_BITS)}`);
    expect(body.attackFull).toBe(false);
    expect(body.attackNotice).toBe(ATTACK_NOT_LOADED);
    const page = await (await app.request(`/rule/${encodeURIComponent(SIGMA_BITS)}`)).text();
    expect(page).toContain('table shipped with ruleatlas');
  });

  it('places techniques and gaps on the matrix from the shipped table', async () => {
    const { body } = await json(app, '/api/attack?language=sigma');
    expect(body.attackVersion).toBe('18.1');
    const persistence = body.columns.find((c: { shortname: string }) => c.shortname === 'persistence');
    expect(persistence.covered.map((t: { id: string }) => t.id)).toContain('T1197');
    expect(persistence.gaps).toContainEqual(
      expect.objectContaining({ id: 'T1098', name: 'Account Manipulation', count: 0 }),
    );
  });

  it('folds sub-techniques under their technique and narrows the matrix to a filter, keeping every column', async () => {
    const { body } = await json(app, '/api/attack');
    type Tech = { id: string; count: number; subtechniques: Array<{ id: string; count: number }> };
    const execution = body.columns.find((c: { shortname: string }) => c.shortname === 'execution');
    const all: Tech[] = [...execution.covered, ...execution.gaps];
    expect(all.every((t) => !t.id.includes('.'))).toBe(true);
    const scripting = all.find((t) => t.id === 'T1059')!;
    expect(scripting.subtechniques.map((s) => s.id)).toContain('T1059.001');
    expect(scripting.subtechniques.find((s) => s.id === 'T1059.001')!.count).toBeGreaterThan(0);
    const narrowed = await json(app, '/api/attack?technique=PowerShell');
    expect(narrowed.body.columns).toHaveLength(body.columns.length);
    const shown = narrowed.body.columns.flatMap((c: { covered: Tech[]; gaps: Tech[] }) => [
      ...c.covered,
      ...c.gaps,
    ]);
    expect(shown.map((t: Tech) => t.id)).toContain('T1059');
    expect(shown.find((t: Tech) => t.id === 'T1059').subtechniques.map((s: { id: string }) => s.id)).toEqual([
      'T1059.001',
    ]);
    expect(narrowed.body.coveredTechniques).toBe(body.coveredTechniques);
    const page = await (await app.request('/attack?technique=PowerShell')).text();
    expect(page).toContain('<details class="subs" open>');
    expect(page).toContain('id="legend"');
    expect(page).not.toContain('layer.json?technique');
  });

  it('still names techniques that rules carry', async () => {
    const { body } = await json(app, '/api/technique/T1566');
    expect(body.name).toBe('Phishing');
  });
});
