/** `npm run bench`: measures SPEC §6's quality bars on the shared corpora and prints one line per figure. */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFigure, measuredElsewhere, percentile, type Figure } from './figures.js';
import { parseCorpus } from './parse-corpus.js';
import { ingestFigures } from './ingest-figures.js';
import { Catalog } from '../catalog/catalog.js';
import { startServer } from '../web/server.js';
import { BENCH_QUERIES } from './queries.js';
import { huntAllLanguagesFigures, huntBenchFigures } from './hunt-figures.js';
import { convertFigures } from './convert-figures.js';
import { convertRegressionFigures } from './convert-regression.js';
import { overlapFigures } from './overlap-figures.js';
import { badInputFigures } from './bad-input-run.js';
import type { HuntBench } from './hunt-run.js';
import { execFileSync } from 'node:child_process';
import { scaleFigures } from './scale.js';

const SHARED = resolve(fileURLToPath(new URL('../../../shared', import.meta.url)));
const CORPORA = ['sigma', 'elastic', 'splunk', 'kql', 'yaral'];
/** Per-corpus parse-time bars from the issues, in ms. */
const PARSE_BARS: Record<string, number> = {
  sigma: 3000,
  elastic: 3000,
  splunk: 2000,
  kql: 2000,
  yaral: 2000,
};
/** Parsed-share bars from SPEC §6, in %. */
const PARSED_BARS: Record<string, number> = {
  sigma: 99.5,
  spl: 99,
  eql: 99,
  kuery: 99,
  lucene: 99,
  esql: 98,
  kusto: 97,
  yaral: 98,
};

/** Figures of issues 19 and 20 that other commands measure. */
const ELSEWHERE: Figure[] = [
  measuredElsewhere(
    'load test, rule pages and searches at concurrency 32',
    'requests/s',
    { op: '>=', value: 500 },
    'npm run load',
  ),
  measuredElsewhere('load test p99 at concurrency 32', 'ms', { op: '<', value: 100 }, 'npm run load'),
  measuredElsewhere(
    'home and /attack p95 at 10 copies of the corpora',
    'ms',
    { op: '<', value: 100 },
    'npm run bench -- --scale 10',
  ),
  measuredElsewhere(
    'faceted search p95 at 10 copies',
    'ms',
    { op: '<', value: 50 },
    'npm run bench -- --scale 10',
  ),
  measuredElsewhere(
    'text search p95 at 10 copies',
    'ms',
    { op: '<', value: 50 },
    'npm run bench -- --scale 10',
  ),
  measuredElsewhere(
    'rule page p95 at 10 copies',
    'ms',
    { op: '<', value: 10 },
    'npm run bench -- --scale 10',
  ),
  measuredElsewhere(
    'cold ingest rate at 10 copies',
    'rules/s',
    { op: '>=', value: 2000 },
    'npm run bench -- --scale 10',
  ),
];

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const figures: Figure[] = [];
  const emit = (f: Figure): void => {
    figures.push(f);
    if (!json) console.log(formatFigure(f));
  };
  const present = CORPORA.filter((c) => existsSync(join(SHARED, 'corpus', c)));
  if (present.length === 0) {
    console.log('No corpora under ../shared/corpus: nothing to measure.');
    return;
  }
  const scale = scaleArgument();
  if (scale !== undefined) {
    await scaleFigures(scale, emit);
    if (json) console.log(JSON.stringify({ machine: machine(), figures }, null, 2));
    return;
  }
  for (const c of present) parseFigures(c, emit);
  if (present.includes('sigma')) huntFigures(emit);
  await convertRegressionFigures(join(SHARED, 'corpus'), emit);
  convertFigures(join(SHARED, 'corpus'), emit);
  const work = mkdtempSync(join(tmpdir(), 'ruleatlas-bench-'));
  try {
    const copies = present.map((c) => {
      cpSync(join(SHARED, 'corpus', c), join(work, 'corpus', c), { recursive: true });
      return join(work, 'corpus', c);
    });
    const db = join(work, 'bench.db');
    ingestFigures(db, copies, emit);
    if (present.includes('sigma') && present.length > 1) huntFigures(emit, db);
    if (present.includes('sigma'))
      await overlapFigures(db, join(SHARED, 'corpus', 'sigma', 'regression_data'), emit);
    await queryFigures(db, emit);
    badInputFigures(emit);
    for (const f of ELSEWHERE) emit(f);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (json) console.log(JSON.stringify({ machine: machine(), figures }, null, 2));
}

/** `--scale N` (or `--scale=N`): only the scale figures, for N copies of the corpora. */
function scaleArgument(): number | undefined {
  const args = process.argv;
  const at = args.findIndex((a) => a === '--scale' || a.startsWith('--scale='));
  if (at < 0) return undefined;
  const n = Number(args[at].includes('=') ? args[at].split('=')[1] : args[at + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error('--scale takes a whole number of copies, 1 or more');
  return n;
}

function parseFigures(corpus: string, emit: (f: Figure) => void): void {
  const p = parseCorpus(join(SHARED, 'corpus', corpus));
  emit({
    name: `parse ${corpus} (${p.rules} rules, ${p.files} files)`,
    value: Math.round(p.ms),
    unit: 'ms',
    bar: { op: '<', value: PARSE_BARS[corpus] },
  });
  for (const [lang, s] of Object.entries(p.byLanguage)) {
    if (lang === 'none') continue;
    const share = (100 * s.parsed) / Math.max(s.rules, 1);
    emit({
      name: `parsed ${corpus}/${lang} (${s.parsed}/${s.rules})`,
      value: Number(share.toFixed(2)),
      unit: '%',
      bar: PARSED_BARS[lang] ? { op: '>=', value: PARSED_BARS[lang] } : undefined,
    });
  }
}

async function queryFigures(db: string, emit: (f: Figure) => void): Promise<void> {
  const server = await startServer({ db, port: 0, host: '127.0.0.1' });
  try {
    const catalog = Catalog.open(db, { readonly: true });
    const keys = catalog.search({ limit: 500 }).rules.map((r) => r.key);
    catalog.close();
    const searchMs = await timeRequests(BENCH_QUERIES.map((q) => `${server.url}search?${q}`));
    emit({
      name: `search p50 over HTTP (${BENCH_QUERIES.length} queries)`,
      value: percentile(searchMs, 50),
      unit: 'ms',
    });
    emit({
      name: 'search p95 over HTTP',
      value: percentile(searchMs, 95),
      unit: 'ms',
      bar: { op: '<', value: 20 },
    });
    const sample = keys.filter((_, i) => i % Math.max(1, Math.floor(keys.length / 100)) === 0).slice(0, 100);
    const pageMs = await timeRequests(sample.map((k) => `${server.url}rule/${encodeURIComponent(k)}`));
    emit({
      name: `rule page p50 over HTTP (${sample.length} pages)`,
      value: percentile(pageMs, 50),
      unit: 'ms',
    });
    emit({
      name: 'rule page p95 over HTTP',
      value: percentile(pageMs, 95),
      unit: 'ms',
      bar: { op: '<', value: 30 },
    });
  } finally {
    await server.close();
  }
}

async function timeRequests(urls: string[]): Promise<number[]> {
  const samples: number[] = [];
  if (urls[0]) await (await fetch(urls[0])).text();
  for (const url of urls) {
    const started = performance.now();
    const res = await fetch(url);
    await res.text();
    samples.push(Number((performance.now() - started).toFixed(2)));
  }
  return samples;
}

/** The hunt benchmark runs in a child process, so that its peak RSS is its own; with a catalog, all its rules. */
function huntFigures(emit: (f: Figure) => void, db?: string): void {
  const script = fileURLToPath(new URL('./hunt-main.js', import.meta.url));
  const args = [script, join(SHARED, 'corpus', 'sigma'), ...(db ? ['--db', db] : [])];
  const bench = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as HuntBench;
  for (const f of db ? huntAllLanguagesFigures(bench) : huntBenchFigures(bench)) emit(f);
}

function machine(): Record<string, unknown> {
  return {
    node: process.version,
    cpus: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: process.platform,
  };
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
