// The rule page and the matrix in Chromium: 14 tactics at 1366 px, the filter box, copy buttons, wrap, raw download.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { sharedPath } from '../corpus.js';
import { startServer, type RunningServer } from '../../src/web/server.js';
import { buildFixtureCatalog, type FixtureCatalog } from './catalog-fixture.js';
import { CHROMIUM, launch } from './chromium.js';

const SIGMA_BITS = 'examples:sigma/proc_creation_win_bitsadmin_transfer.yml';
const FULL_ATTACK = sharedPath('attack', 'enterprise-attack-18.1.json.gz') !== undefined;

describe.skipIf(!existsSync(CHROMIUM))('rule page and matrix in Chromium', () => {
  let fixture: FixtureCatalog;
  let server: RunningServer;
  let profiles: string;
  let context: BrowserContext;
  let page: Page;
  const url = (path: string): string => new URL(path, server.url).href;
  const rulePath = `/rule/${encodeURIComponent(SIGMA_BITS)}`;

  beforeAll(async () => {
    fixture = await buildFixtureCatalog({ attack: true });
    server = await startServer({ db: fixture.db, port: 0, host: '127.0.0.1' });
    profiles = mkdtempSync(join(tmpdir(), 'ruleatlas-chromium-'));
    context = await launch(join(profiles, 'rule'), false);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(server.url).origin,
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    fixture?.remove();
    if (profiles) rmSync(profiles, { recursive: true, force: true });
  });

  it.skipIf(!FULL_ATTACK)(
    'shows all 14 tactic columns at 1366 px with no scroll of the page or the matrix',
    async () => {
      await page.setViewportSize({ width: 1366, height: 768 });
      try {
        await page.goto(url('/attack'));
        expect(await page.locator('.matrix .col').count()).toBe(14);
        const fit = await page.evaluate(() => {
          const matrix = document.getElementById('matrix')!;
          const cols = [...matrix.querySelectorAll('.col')].map((c) => c.getBoundingClientRect());
          return {
            page: document.documentElement.scrollWidth - window.innerWidth,
            matrix: matrix.scrollWidth - matrix.clientWidth,
            outside: cols.filter((r) => r.right > window.innerWidth || r.left < 0).length,
          };
        });
        expect(fit).toEqual({ page: 0, matrix: 0, outside: 0 });
        // Sub-techniques are folded: closed under their technique, yet there without a script.
        const scripting = page.locator('.matrix .tech', {
          has: page.locator('> a.cell b', { hasText: /^T1059$/ }),
        });
        expect(await scripting.first().locator('details.subs').getAttribute('open')).toBeNull();
        expect(await scripting.first().locator('details.subs .cell b').allTextContents()).toContain(
          'T1059.001',
        );
        expect(await page.locator('#legend').isVisible()).toBe(true);
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    },
  );

  it.skipIf(!FULL_ATTACK)(
    'narrows the matrix as one types in the filter box, opening sub-techniques that match',
    async () => {
      await page.goto(url('/attack'));
      const before = await page.locator('.matrix .tech:visible').count();
      await page.fill('#technique-filter', 'powershell');
      const shown = await page.locator('.matrix .tech:visible > a.cell b').allTextContents();
      expect(shown).toContain('T1059');
      expect(shown.length).toBeLessThan(before / 10);
      const subs = page.locator('.matrix .tech:visible details.subs[open] .cell:visible b');
      expect(await subs.allTextContents()).toContain('T1059.001');
      // Without the script the same box is a GET form.
      await page.press('#technique-filter', 'Enter');
      await page.waitForURL(/technique=powershell/);
      expect(await page.locator('.matrix .tech > a.cell b').allTextContents()).toContain('T1059');
    },
  );

  it('copies the rule body, a query and an indicator value to the clipboard', async () => {
    await page.goto(url(rulePath));
    const raw = await (await fetch(url(`${rulePath}/raw`))).text();
    const body = page.locator('button.copy[data-copy="rule-body-code"]');
    expect(await body.isVisible()).toBe(true);
    await body.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(raw);
    await expect.poll(() => body.textContent()).toBe('Copied');

    const stage = page.locator('#stages button.copy').first();
    const id = (await stage.getAttribute('data-copy'))!;
    await stage.click();
    const query = await page.locator(`#${id}`).textContent();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(query);

    const value = page.locator('#indicators button.copy[data-copy-text]').first();
    const text = (await value.getAttribute('data-copy-text'))!;
    await value.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(text);
  });

  it('shows the whole body, wrapping long lines on request', async () => {
    await page.goto(url(rulePath));
    const box = page.locator('#rule-body');
    const whiteSpace = (): Promise<string> => box.evaluate((e) => getComputedStyle(e).whiteSpace);
    expect(await whiteSpace()).toBe('pre');
    expect(await box.evaluate((e) => e.scrollHeight - e.clientHeight)).toBeLessThanOrEqual(0);
    await page.check('#wrap-body');
    expect(await whiteSpace()).toBe('pre-wrap');
    await page.uncheck('#wrap-body');
    expect(await whiteSpace()).toBe('pre');
  });

  it('downloads the rule file as stored', async () => {
    await page.goto(url(rulePath));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#raw-download')]);
    expect(download.suggestedFilename()).toBe('proc_creation_win_bitsadmin_transfer.yml');
    const raw = await (await fetch(url(`${rulePath}/raw`))).text();
    expect(readFileSync((await download.path())!, 'utf8')).toBe(raw);
    expect(raw).toContain('title: Bitsadmin Transfer From a Script or Office Parent');
  });
});
