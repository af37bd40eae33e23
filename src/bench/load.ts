/**
 * `npm run load`: concurrent clients against the web catalog on loopback, rule pages and searches mixed, for a
 * bounded time (`--seconds`, 10 by default); prints requests/s and latency percentiles with their bars. `--db PATH`
 * serves a given catalog, otherwise one is built from every shared corpus in a temp folder. Every URL is first
 * requested once (the figures are the served catalog's steady state) unless `--cold`; `--no-cache` renders
 * every request.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Catalog } from '../catalog/catalog.js';
import { formatFigure, percentile, type Figure } from './figures.js';
import { runIngest } from './ingest-run.js';
import { BENCH_QUERIES } from './queries.js';
import { spawnServer } from './bench-server.js';
import { loadTest, timeEach } from './http-timing.js';
import { SHARED_CORPORA, sharedCorpusPaths } from './shared-corpora.js';

/** Of every four requests, three are rule pages and one a search. */
const SEARCH_EVERY = 4;
const RULE_PAGES = 400;

/** The URLs the clients cycle through: rule pages spread over the catalog, and the benchmark's searches. */
export function loadUrls(db: string, base: string): string[] {
  const catalog = Catalog.open(db, { readonly: true });
  const keys = catalog.search({ limit: 500 }).rules.map((r) => r.key);
  catalog.close();
  const urls: string[] = [];
  for (let i = 0; i < RULE_PAGES; i++) {
    if (i % SEARCH_EVERY === SEARCH_EVERY - 1)
      urls.push(`${base}search?${BENCH_QUERIES[((i / SEARCH_EVERY) % BENCH_QUERIES.length) | 0]}`);
    else if (keys.length) urls.push(`${base}rule/${encodeURIComponent(keys[(i * 7) % keys.length])}`);
  }
  return urls;
}

export function loadFigures(result: Awaited<ReturnType<typeof loadTest>>, concurrency: number): Figure[] {
  const p = (n: number): number => Number(percentile(result.latenciesMs, n).toFixed(1));
  return [
    {
      name: `load: requests/s at concurrency ${concurrency} (${result.requests} requests, ${result.errors} errors)`,
      value: Math.round(result.requests / result.seconds),
      unit: 'req/s',
      bar: { op: '>=', value: 500 },
    },
    { name: 'load: p50', value: p(50), unit: 'ms' },
    { name: 'load: p95', value: p(95), unit: 'ms' },
    { name: 'load: p99', value: p(99), unit: 'ms', bar: { op: '<', value: 100 } },
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      seconds: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '32' },
      'no-cache': { type: 'boolean', default: false },
      cold: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const concurrency = Number(values.concurrency);
  const seconds = Math.min(Number(values.seconds), 300);
  const work = values.db ? undefined : mkdtempSync(join(tmpdir(), 'ruleatlas-load-'));
  try {
    const db = values.db ?? join(work!, 'load.db');
    if (!values.db) {
      const paths = sharedCorpusPaths();
      if (!paths.length)
        return console.log(`No corpora (${SHARED_CORPORA.join(', ')}) under ../shared/corpus.`);
      runIngest(db, paths);
    } else if (!existsSync(db)) throw new Error(`no catalog at ${db}`);
    const server = await spawnServer(db, values['no-cache'] ? 0 : undefined);
    try {
      const urls = loadUrls(db, server.url);
      const figures: Figure[] = [];
      // The steady state of a served catalog: every URL rendered once, as after the first visits (`--cold`: not).
      if (!values.cold) {
        const warm = await timeEach(urls);
        figures.push({
          name: `load: first render of the ${urls.length} URLs, p50`,
          value: percentile(warm, 50),
          unit: 'ms',
        });
        figures.push({ name: 'load: first render, p95', value: percentile(warm, 95), unit: 'ms' });
      }
      figures.push(...loadFigures(await loadTest(urls, concurrency, seconds), concurrency));
      if (values.json) console.log(JSON.stringify({ cache: !values['no-cache'], figures }, null, 2));
      else for (const f of figures) console.log(formatFigure(f));
    } finally {
      await server.stop();
    }
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
