// The web catalog in a real browser: every page over a temp catalog of the examples, and the hostile rule kept inert.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../corpus.js';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/web/server.js';
import { buildFixtureCatalog, HOSTILE_KEY, type FixtureCatalog } from './catalog-fixture.js';
import { CHROMIUM, launch } from './chromium.js';

const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const shots = join(projectRoot, 'test-results');
const SIGMA_BITS = 'examples:sigma/proc_creation_win_bitsadmin_transfer.yml';

/** Two tests check ATT&CK names and the layer's version, which need the shared bundle. */
const FULL_ATTACK = sharedPath('attack', 'enterprise-attack-18.1.json.gz') !== undefined;

describe.skipIf(!existsSync(CHROMIUM))('web catalog in Chromium', () => {
  let fixture: FixtureCatalog;
  let server: RunningServer;
  let profiles: string;
  let context: BrowserContext;
  let page: Page;
  const url = (path: string): string => new URL(path, server.url).href;
  const shot = (name: string): Promise<Buffer> =>
    page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    fixture = await buildFixtureCatalog({ attack: true });
    server = await startServer({ db: fixture.db, port: 0, host: '127.0.0.1' });
    profiles = mkdtempSync(join(tmpdir(), 'ruleatlas-chromium-'));
    context = await launch(join(profiles, 'main'), false);
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    fixture?.remove();
    if (profiles) rmSync(profiles, { recursive: true, force: true });
  });

  it('opens the home page with sources, health, coverage and shared indicators', async () => {
    await page.goto(url('/'));
    await expect(page.locator('h1').textContent()).resolves.toBe('Detection rule catalog');
    const sources = await page.locator('#sources tbody tr td:first-child').allTextContents();
    expect(sources).toEqual(['examples', 'hostile']);
    expect(await page.locator('#top-indicators tbody tr').count()).toBeGreaterThan(0);
    await shot('home');
  });

  it('runs a search from the form, and instant search swaps results while typing', async () => {
    await page.goto(url('/search'));
    await page.fill('form.search-page input[name=q]', 'bitsadmin');
    await page.press('form.search-page input[name=q]', 'Enter');
    await page.waitForURL(/\/search\?q=bitsadmin/);
    const titles = await page.locator('#results li > a').allTextContents();
    expect(titles).toContain('Bitsadmin Transfer From a Script or Office Parent');
    await shot('search');
    await page.fill('form.search-page input[name=q]', 'certutil');
    await page.waitForFunction(() => location.search.includes('q=certutil'));
    await expect(page.locator('#results li > a').first().textContent()).resolves.toMatch(/certutil/i);
    // The facets, the title and the header's box follow the typed text.
    await page.waitForFunction(() => document.title.includes('certutil'));
    expect(await page.inputValue('form.quick input[name=q]')).toBe('certutil');
    const total = Number(await page.locator('#total').textContent());
    const languageCounts = await page.locator('fieldset[data-facet=language] label').allTextContents();
    const summed = languageCounts
      .map((t) => /\((\d+)\)\s*$/.exec(t)?.[1])
      .filter(Boolean)
      .reduce((a, n) => a + Number(n), 0);
    expect(summed).toBe(total);
  });

  it('selects the rules a `none` facet counts', async () => {
    await page.goto(url('/search'));
    const label = await page
      .locator('fieldset[data-facet=severity] label', { hasText: 'none (' })
      .first()
      .textContent();
    const count = Number(/\((\d+)\)/.exec(label ?? '')?.[1]);
    expect(count).toBeGreaterThan(0);
    await page.check('fieldset[data-facet=severity] input[value=none]');
    await page.waitForURL(/severity=none/);
    expect(Number(await page.locator('#total').textContent())).toBe(count);
  });

  it('ticks several values of a facet, OR-ed, and keeps the others offered with their counts', async () => {
    await page.goto(url('/search'));
    const countOf = async (facet: string, value: string): Promise<number> => {
      const text = await page
        .locator(`fieldset[data-facet=${facet}] label:has(input[value="${value}"])`)
        .textContent();
      return Number(/\((\d+)\)/.exec(text ?? '')?.[1]);
    };
    const sigma = await countOf('language', 'sigma');
    const kusto = await countOf('language', 'kusto');
    await page.check('fieldset[data-facet=language] input[value=sigma]');
    await page.waitForURL(/language=sigma/);
    expect(Number(await page.locator('#total').textContent())).toBe(sigma);
    // Kusto is still offered, with the rules ticking it adds.
    expect(await countOf('language', 'kusto')).toBe(kusto);
    await page.check('fieldset[data-facet=language] input[value=kusto]');
    await page.waitForURL(/language=sigma&language=kusto/);
    expect(Number(await page.locator('#total').textContent())).toBe(sigma + kusto);
    expect(await page.isChecked('fieldset[data-facet=language] input[value=sigma]')).toBe(true);
    // Tactics are counted, and results name their techniques.
    expect(await page.locator('fieldset[data-facet=tactic] label').count()).toBeGreaterThan(0);
    expect(await page.locator('#results .techniques a').count()).toBeGreaterThan(0);
    await shot('search-facets');
  });

  it('sorts results from the sort menu and exports them as CSV', async () => {
    await page.goto(url('/search?q=bitsadmin'));
    expect(await page.inputValue('select[name=sort]')).toBe('relevance');
    await page.selectOption('select[name=sort]', 'title');
    await page.waitForURL(/sort=title/);
    const titles = await page.locator('#results li > a').allTextContents();
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    const href = await page.getAttribute('#csv', 'href');
    expect(href).toBe('/search.csv?q=bitsadmin&sort=title');
    const csv = await (await fetch(url(href ?? ''))).text();
    expect(csv.split('\r\n')[0]).toBe(
      'key,id,title,language,format,source,path,severity,status,techniques,parsed',
    );
    expect(csv.trimEnd().split('\r\n')).toHaveLength(titles.length + 1);
  });

  it('opens a rule page for each language, with the seed sections in order', async () => {
    const home = (await (await fetch(url('/api/'))).json()) as {
      totals: { byLanguage: Record<string, unknown> };
    };
    const languages = Object.keys(home.totals.byLanguage).filter((l) => l !== 'none');
    expect(languages.length).toBeGreaterThanOrEqual(3);
    for (const language of languages) {
      const found = (await (await fetch(url(`/api/search?language=${language}`))).json()) as {
        rules: Array<{ key: string; title: string }>;
      };
      const rule = found.rules[0];
      await page.goto(url(`/rule/${encodeURIComponent(rule.key)}`));
      await expect(page.locator('h1#title').textContent()).resolves.toBe(rule.title);
      const order = await page.locator('article > section').evaluateAll((els) => els.map((e) => e.id));
      const seed = ['facts', 'attack', 'events', 'body', 'stages', 'indicators', 'file'];
      expect(order.filter((id) => seed.includes(id))).toEqual(seed);
      expect(await page.locator('#body pre span').count()).toBeGreaterThan(0);
      await shot(`rule-${language}`);
    }
  });

  it.skipIf(!FULL_ATTACK)(
    'shows the Sigma seed-like rule and follows an indicator link to its page',
    async () => {
      await page.goto(url(`/rule/${encodeURIComponent(SIGMA_BITS)}`));
      await expect(page.locator('.crumbs').innerText()).resolves.toMatch(/Detection rules › Sigma/);
      await expect(page.locator('#attack').textContent()).resolves.toContain('BITS Jobs');
      await shot('rule-sigma-bits');
      const link = page.locator('#indicators a[href^="/indicator?"]', { hasText: 'bitsadmin.exe' }).first();
      await link.click();
      await page.waitForURL(/\/indicator\?/);
      await expect(page.locator('h1').textContent()).resolves.toContain('bitsadmin.exe');
      expect(await page.locator(`#rules a[href="/rule/${encodeURIComponent(SIGMA_BITS)}"]`).count()).toBe(1);
      await shot('indicator');
    },
  );

  it.skipIf(!FULL_ATTACK)(
    'opens the ATT&CK matrix, filters it and downloads the layer of what it shows',
    async () => {
      await page.goto(url('/attack'));
      expect(await page.locator('.matrix .col').count()).toBeGreaterThan(5);
      await page.selectOption('select[name=language]', 'sigma');
      await page.waitForURL(/language=sigma/);
      const shown = await page.locator('.matrix .cell.covered b').allTextContents();
      expect(shown).toContain('T1197');
      await shot('attack');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#layer-download')]);
      const layer = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
        techniques: Array<{ techniqueID: string }>;
      };
      expect(new Set(layer.techniques.map((t) => t.techniqueID))).toEqual(new Set(shown));
      await page.click('.matrix .cell.covered >> text=T1197');
      await expect(page.locator('h1').textContent()).resolves.toContain('BITS Jobs');
      await shot('technique');
    },
  );

  it('opens a source page with its formats and diagnostics', async () => {
    await page.goto(url('/source/examples'));
    await expect(page.locator('h1').textContent()).resolves.toBe('examples');
    expect(await page.locator('#formats tbody tr').count()).toBeGreaterThan(2);
    await shot('source');
  });

  it('puts banners for unresolved macros and parse errors at the top of the rule page', async () => {
    await page.goto(url(`/rule/${encodeURIComponent('hostile:detections/unresolved_macro_search.yml')}`));
    const warning = page.locator('h1#title + p.banner.warning');
    await expect(warning.textContent()).resolves.toMatch(
      // The detection's `<name>_filter` macro is known (empty until a user fills it): one macro is unresolved.
      /Unresolved macro `undefined_process_source`: the predicates inside it are missing/,
    );
    expect(await warning.isVisible()).toBe(true);
    await page.goto(url(`/rule/${encodeURIComponent('hostile:broken_condition.yml')}`));
    await expect(page.locator('h1#title + p.banner.error').textContent()).resolves.toMatch(
      /^The query does not parse: .* at line \d+, column \d+/,
    );
  });

  it('reads at 390 px with no horizontal page scroll, wide tables scrolling inside themselves', async () => {
    const phone = await context.newPage();
    try {
      await phone.setViewportSize({ width: 390, height: 844 });
      for (const path of ['/', '/search?q=bitsadmin', `/rule/${encodeURIComponent(SIGMA_BITS)}`, '/attack']) {
        await phone.goto(url(path));
        const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect({ path, overflow }).toEqual({ path, overflow: 0 });
      }
      await phone.screenshot({ path: join(shots, 'rule-390.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });

  it('follows the system dark mode', async () => {
    const dark = await context.newPage();
    try {
      await dark.emulateMedia({ colorScheme: 'dark' });
      await dark.goto(url(`/rule/${encodeURIComponent(SIGMA_BITS)}`));
      const background = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const ink = await dark.evaluate(() => getComputedStyle(document.body).color);
      const luminance = (rgb: string): number => {
        const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      expect(luminance(background)).toBeLessThan(60);
      expect(luminance(ink)).toBeGreaterThan(180);
      await dark.screenshot({ path: join(shots, 'rule-dark.png'), fullPage: true });
    } finally {
      await dark.close();
    }
  });

  it('shows the hostile rule as inert text, with no script run even without CSP', async () => {
    const hostile = await launch(join(profiles, 'hostile'), true);
    try {
      const p = hostile.pages()[0] ?? (await hostile.newPage());
      const dialogs: string[] = [];
      p.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const pages = [`/rule/${encodeURIComponent(HOSTILE_KEY)}`, '/search?q=hostile', '/source/hostile', '/'];
      for (const path of pages) {
        await p.goto(url(path));
        await p.waitForLoadState('load');
        expect(await p.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
        expect(await p.locator('main script, main img, main svg, main iframe').count()).toBe(0);
      }
      await p.goto(url(`/rule/${encodeURIComponent(HOSTILE_KEY)}`));
      await expect(p.locator('h1#title').innerText()).resolves.toContain(
        `<script>window.__pwned='title'</script>`,
      );
      await expect(p.locator('#description').innerText()).resolves.toContain(
        `<img src=x onerror="window.__pwned='description-img'">`,
      );
      await expect(p.locator('#references').innerText()).resolves.toContain(
        `javascript:window.__pwned='reference'`,
      );
      const hrefs = await p
        .locator('#references a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const h of hrefs) expect(h).toMatch(/^https?:\/\//);
      await p.screenshot({ path: join(shots, 'hostile.png'), fullPage: true });
      expect(dialogs).toEqual([]);
    } finally {
      await hostile.close();
    }
  });
});
