// The "try an event" page in Chromium: a pasted Sysmon process creation of bitsadmin lists the BITS rules of
// every language that has one, over a catalog of the seeds and the matching SigmaHQ and Splunk rules.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { Catalog } from '../../src/catalog/catalog.js';
import { startServer, type RunningServer } from '../../src/web/server.js';
import { corpusPath, sharedPath } from '../corpus.js';
import { CHROMIUM, launch } from './chromium.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEEDS = sharedPath('seeds', 'rules');
const SIGMA = corpusPath('sigma');
const SPLUNK = corpusPath('splunk');
const SIGMA_FILE = 'rules/windows/process_creation/proc_creation_win_bitsadmin_download.yml';
const SPLUNK_FILE = 'detections/endpoint/bitsadmin_download_file.yml';

const SEED_KEY = 'seeds:seed-sigma-bits-payload-download.yml';
const SIGMAHQ_KEY = `sigmahq:${SIGMA_FILE}`;
const SPLUNK_KEY = `splunk:${SPLUNK_FILE}`;

/** The Done line's event: bitsadmin downloading a file, as Sysmon logs a process creation. */
const BITS_EVENT = readFileSync(
  join(projectRoot, 'examples', 'events', 'sysmon-1-bitsadmin-download.json'),
  'utf8',
);

/** Copies `files` of a corpus (paths inside it) into `dir`, keeping their places, so a source holds only them. */
function copyFrom(corpus: string, dir: string, files: string[]): string {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(corpus, file), join(dir, file), { recursive: true });
  }
  return dir;
}

async function buildCatalog(dir: string): Promise<string> {
  const db = join(dir, 'catalog.db');
  const catalog = Catalog.open(db);
  try {
    await catalog.ingest(SEEDS!, { name: 'seeds' });
    await catalog.ingest(copyFrom(SIGMA!, join(dir, 'sigmahq'), [SIGMA_FILE]), { name: 'sigmahq' });
    // The detection with the macros and data sources it is read with.
    const splunk = copyFrom(SPLUNK!, join(dir, 'splunk'), [SPLUNK_FILE, 'macros', 'data_sources']);
    await catalog.ingest(splunk, { name: 'splunk' });
  } finally {
    catalog.close();
  }
  return db;
}

describe.skipIf(!existsSync(CHROMIUM) || !SEEDS || !SIGMA || !SPLUNK)('try an event in Chromium', () => {
  let dir: string;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  const url = (path: string): string => new URL(path, server.url).href;
  const hrefs = (selector: string): Promise<string[]> =>
    page.locator(selector).evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const ruleHref = (key: string): string => `/rule/${encodeURIComponent(key)}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ruleatlas-try-'));
    process.env.RULEATLAS_CACHE = join(dir, 'cache');
    server = await startServer({ db: await buildCatalog(dir), port: 0, host: '127.0.0.1' });
    context = await launch(join(dir, 'profile'), false);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url('/try'));
    await page.fill('#event', BITS_EVENT);
    await Promise.all([page.waitForURL(/\/try$/), page.click('#try-form button[type=submit]')]);
    await page.locator('#results').waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the seed Sigma rule and SigmaHQ’s bitsadmin download rule among the hits, with why', async () => {
    const sigma = await hrefs('#hits-sigma a');
    expect(sigma).toEqual(expect.arrayContaining([ruleHref(SEED_KEY), ruleHref(SIGMAHQ_KEY)]));
    const seed = page.locator('#hits-sigma li', { has: page.locator(`a[href="${ruleHref(SEED_KEY)}"]`) });
    await expect(seed.locator('ul.why').innerText()).resolves.toContain(
      'C:\\Windows\\System32\\bitsadmin.exe',
    );
    await expect(page.locator('#techniques tr[data-technique="T1197"]').count()).resolves.toBe(1);
  });

  it('lists Splunk’s bitsadmin download detection among the hits', async () => {
    expect(await hrefs('#hits-spl a')).toContain(ruleHref(SPLUNK_KEY));
  });

  it('follows a hit to its rule page', async () => {
    await page.click(`#hits-sigma a[href="${ruleHref(SIGMAHQ_KEY)}"]`);
    await expect(page.locator('h1#title').textContent()).resolves.toBe('File Download Via Bitsadmin');
  });

  it('runs a picked example without the form being filled', async () => {
    await page.goto(url('/try'));
    await Promise.all([
      page.waitForURL(/example=sysmon-1-bitsadmin-download/),
      page.selectOption('#examples select', 'sysmon-1-bitsadmin-download'),
    ]);
    expect(await hrefs('#hits-sigma a')).toContain(ruleHref(SEED_KEY));
    await expect(page.locator('#event').inputValue()).resolves.toContain(
      'bitsadmin.exe /transfer job /download',
    );
  });

  it('says where pasted text is not JSON, and keeps pasted markup inert', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url('/try'));
    await page.fill('#event', '{"EventID": 1,, "Image": "</textarea><img src=x onerror=alert(1)>"}');
    await page.click('#try-form button[type=submit]');
    await expect(page.locator('#problem').innerText()).resolves.toMatch(
      /not a valid JSON object[\s\S]*line 1/,
    );
    await expect(page.locator('#event').inputValue()).resolves.toContain('</textarea><img');
    expect(await page.locator('main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
