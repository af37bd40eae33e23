/**
 * `npm run screenshots`: the pictures in docs/ — the seed Sigma rule's page in light and dark, and the ATT&CK
 * matrix at 1366 px — taken in Chromium over a catalog of the examples and the seed rules.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../src/web/server.js';
import { buildFixtureCatalog, SEEDS_ROOT } from './catalog-fixture.js';
import { launch } from './chromium.js';

const docs = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'docs');
const SEED_SIGMA = 'seeds:seed-sigma-bits-payload-download.yml';

interface Shot {
  file: string;
  path: string;
  width: number;
  dark?: boolean;
  /** The whole page, or only the first screen (the matrix runs long). */
  fullPage: boolean;
}

const SHOTS: Shot[] = [
  {
    file: 'screenshot-rule.png',
    path: `/rule/${encodeURIComponent(SEED_SIGMA)}`,
    width: 1280,
    fullPage: true,
  },
  {
    file: 'screenshot-rule-dark.png',
    path: `/rule/${encodeURIComponent(SEED_SIGMA)}`,
    width: 1280,
    dark: true,
    fullPage: true,
  },
  { file: 'screenshot-matrix.png', path: '/attack', width: 1366, fullPage: false },
];

async function main(): Promise<void> {
  if (!SEEDS_ROOT)
    throw new Error('The seed rules (../shared/seeds/rules) are not here: nothing to picture.');
  const fixture = await buildFixtureCatalog({ attack: true, seeds: true, hostile: false });
  const server = await startServer({ db: fixture.db, port: 0, host: '127.0.0.1' });
  const profile = mkdtempSync(join(tmpdir(), 'ruleatlas-shots-'));
  const browser = await launch(profile, false);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    for (const shot of SHOTS) {
      await page.emulateMedia({ colorScheme: shot.dark ? 'dark' : 'light' });
      await page.setViewportSize({ width: shot.width, height: 900 });
      const res = await page.goto(new URL(shot.path, server.url).href);
      if (res?.status() !== 200) throw new Error(`${shot.path} answered ${res?.status()}`);
      await page.screenshot({ path: join(docs, shot.file), fullPage: shot.fullPage });
      process.stdout.write(`docs/${shot.file}\n`);
    }
  } finally {
    await browser.close();
    await server.close();
    fixture.remove();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshots: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
