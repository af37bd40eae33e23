// Every internal link of the home page, search, the matrix, the seed rule pages and an indicator page answers 200.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/web/server.js';
import { buildFixtureCatalog, SEEDS_ROOT, type FixtureCatalog } from './browser/catalog-fixture.js';
import { filesUnder } from './corpus.js';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
};

/** The page's links inside the catalog (`/…`, not `//host`), as the browser would follow them. */
function internalLinks(page: string): string[] {
  const links = [...page.matchAll(/\shref="([^"]*)"/g)].map((m) =>
    m[1].replace(/&(?:amp|quot|#39|lt|gt);/g, (e) => ENTITIES[e]),
  );
  return links
    .filter((href) => href.startsWith('/') && !href.startsWith('//'))
    .map((href) => href.split('#')[0]);
}

/** Runs `work` over `items`, `width` at a time. */
async function eachLimited<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

describe.skipIf(!SEEDS_ROOT)('crawl of the web catalog', () => {
  let fixture: FixtureCatalog;
  let server: RunningServer;
  const get = (path: string): Promise<Response> => fetch(new URL(path, server.url));

  beforeAll(async () => {
    fixture = await buildFixtureCatalog({ attack: true, seeds: true });
    server = await startServer({ db: fixture.db, port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await server?.close();
    fixture?.remove();
  });

  it('finds internal links, entities decoded, fragments and other hosts left out', () => {
    expect(
      internalLinks(
        '<a href="/search?a=1&amp;b=2#x">x</a> <a href="//e.example/">y</a> <a href="https://e.example">',
      ),
    ).toEqual(['/search?a=1&b=2']);
  });

  it('answers 200 for every link one step from the start pages', async () => {
    const seeds = filesUnder(SEEDS_ROOT!).map(
      (f) => `/rule/${encodeURIComponent(`seeds:${f.slice(SEEDS_ROOT!.length + 1)}`)}`,
    );
    expect(seeds).toHaveLength(3);
    const sigmaSeed = await (await get(seeds.find((s) => s.includes('sigma'))!)).text();
    const indicator = internalLinks(sigmaSeed).find((l) => l.startsWith('/indicator?'));
    expect(indicator).toBeDefined();
    const starts = ['/', '/search', '/search?q=bitsadmin', '/attack', ...seeds, indicator!];
    const links = new Set<string>();
    for (const start of starts) {
      const res = await get(start);
      expect({ start, status: res.status }).toEqual({ start, status: 200 });
      for (const link of internalLinks(await res.text())) links.add(link);
    }
    expect(links.size).toBeGreaterThan(200);
    const failed: Array<{ link: string; status: number }> = [];
    await eachLimited([...links], 4, async (link) => {
      const res = await get(link);
      await res.arrayBuffer();
      if (res.status !== 200) failed.push({ link, status: res.status });
    });
    expect(failed).toEqual([]);
  }, 600_000);
});
