/**
 * `npm run bench -- --scale N`: a catalog of N copies of the shared corpora (N sources each, linked from a
 * temp folder), its ingest rate, bytes per rule and peak RSS, and the latency over HTTP of every kind of page,
 * rendered for each request (no response cache), so growth with the catalog is measured on every change.
 */
import { mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Catalog } from '../catalog/catalog.js';
import { walkSource } from '../sources/walk.js';
import { indicatorHref, ruleHref } from '../web/links.js';
import { percentile, type Figure } from './figures.js';
import { runIngest } from './ingest-run.js';
import { FACETED_QUERIES, TEXT_QUERIES } from './queries.js';
import { spawnServer } from './bench-server.js';
import { timeEach } from './http-timing.js';
import { sharedCorpusPaths } from './shared-corpora.js';

/** Each kind of page, the URLs timed, and its p95 bar in ms at N = 10 (issue 20). */
interface PageKind {
  name: string;
  paths: string[];
  bar?: number;
}

/** Requests per page that has one URL, so its percentiles rest on more than one sample. */
const REPEATS = 20;

export async function scaleFigures(copies: number, emit: (f: Figure) => void): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'ruleatlas-scale-'));
  try {
    const corpora = sharedCorpusPaths();
    const sources: string[] = [];
    for (let i = 1; i <= copies; i++)
      for (const corpus of corpora) {
        const link = join(work, `${basename(corpus)}-${i}`);
        symlinkSync(corpus, link, 'dir');
        sources.push(link);
      }
    const ruleBytes = copies * corpora.flatMap((c) => walkSource(c)).reduce((n, e) => n + e.bytes, 0);
    const db = join(work, 'scale.db');
    const ingest = runIngest(db, sources);
    const rules = ingest.report.rules;
    const dbBytes = statSync(db).size;
    const tag = `N=${copies}`;
    emit({ name: `scale ${tag}: rules`, value: rules, unit: 'rules' });
    emit({
      name: `scale ${tag}: cold ingest rate (${Math.round(ingest.wallMs / 1000)} s)`,
      value: Math.round((1000 * rules) / ingest.wallMs),
      unit: 'rules/s',
      bar: { op: '>=', value: 2000 },
    });
    emit({ name: `scale ${tag}: database bytes per rule`, value: Math.round(dbBytes / rules), unit: 'B' });
    emit({
      name: `scale ${tag}: database size over rule files' size`,
      value: Number((dbBytes / ruleBytes).toFixed(2)),
      unit: '×',
      bar: { op: '<', value: 2.5 },
    });
    emit({
      name: `scale ${tag}: ingest peak RSS`,
      value: ingest.report.peakRssMiB,
      unit: 'MiB',
      bar: { op: '<', value: 1024 },
    });
    await pageFigures(db, tag, emit);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function pageKinds(db: string): PageKind[] {
  const catalog = Catalog.open(db, { readonly: true });
  try {
    const keys = catalog.search({ limit: 500 }).rules.map((r) => r.key);
    const step = Math.max(1, Math.floor(keys.length / 100));
    const indicators = catalog.indicators({ kind: 'detection', top: 40 });
    return [
      { name: 'home', paths: Array<string>(REPEATS).fill('/'), bar: 100 },
      { name: '/attack', paths: Array<string>(REPEATS).fill('/attack'), bar: 100 },
      { name: 'text search', paths: TEXT_QUERIES.map((q) => `/search?${q}`), bar: 50 },
      { name: 'faceted search', paths: FACETED_QUERIES.map((q) => `/search?${q}`), bar: 50 },
      {
        name: 'rule page',
        paths: keys
          .filter((_, i) => i % step === 0)
          .slice(0, 100)
          .map(ruleHref),
        bar: 10,
      },
      { name: 'indicator page', paths: indicators.map(indicatorHref) },
    ];
  } finally {
    catalog.close();
  }
}

async function pageFigures(db: string, tag: string, emit: (f: Figure) => void): Promise<void> {
  const kinds = pageKinds(db);
  const server = await spawnServer(db, 0);
  try {
    // ATT&CK data and coverage load once per process, on the first page that needs them.
    await timeEach([`${server.url}attack`]);
    for (const kind of kinds) {
      const ms = await timeEach(kind.paths.map((p) => `${server.url}${p.slice(1)}`));
      emit({
        name: `scale ${tag}: ${kind.name} p50 (${ms.length} requests)`,
        value: percentile(ms, 50),
        unit: 'ms',
      });
      emit({
        name: `scale ${tag}: ${kind.name} p95`,
        value: percentile(ms, 95),
        unit: 'ms',
        ...(kind.bar ? { bar: { op: '<' as const, value: kind.bar } } : {}),
      });
    }
  } finally {
    await server.stop();
  }
}
