/**
 * Ingest figures (issues 19 and 20): cold and warm ingest with each step's share, the rate against reading the
 * same files, and the catalog's bytes per rule and against the rule files'.
 */
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { INGEST_STEPS, INGEST_STEP_LABELS } from '../catalog/ingest-clock.js';
import { Catalog } from '../catalog/catalog.js';
import { walkSource } from '../sources/walk.js';
import { runIngest, type IngestRun } from './ingest-run.js';
import type { Figure } from './figures.js';

type Emit = (f: Figure) => void;

export function ingestFigures(db: string, paths: string[], emit: Emit): void {
  const files = paths.flatMap((p) => walkSource(p));
  const bytes = files.reduce((n, e) => n + e.bytes, 0);
  const cold = runIngest(db, paths);
  coldFigures(cold, bytes, emit);
  stepFigures(cold, emit);
  readFigures(
    cold,
    files.map((f) => f.absPath),
    emit,
  );
  storeFigures(db, cold.report.rules, bytes, emit);
  const warm = runIngest(db, paths);
  emit({
    name: `warm re-ingest (${warm.report.parsedFiles} files parsed)`,
    value: Math.round(warm.wallMs),
    unit: 'ms',
    bar: { op: '<', value: 500 },
  });
  const touched = touchOnePercent(paths);
  const retouch = runIngest(db, paths);
  emit({
    name: `re-ingest after changing 1% of files (${touched} changed, ${retouch.report.parsedFiles} parsed)`,
    value: Math.round(retouch.wallMs),
    unit: 'ms',
  });
  countsFigure(db, emit);
}

function coldFigures(cold: IngestRun, bytes: number, emit: Emit): void {
  emit({
    name: `cold ingest, all corpora with every step (${cold.report.rules} rules)`,
    value: Math.round(cold.wallMs),
    unit: 'ms',
    bar: { op: '<', value: 4000 },
  });
  emit({
    name: 'cold ingest rate',
    value: Math.round((1000 * cold.report.rules) / cold.wallMs),
    unit: 'rules/s',
  });
  emit({
    name: 'cold ingest throughput',
    value: Number((bytes / 1048576 / (cold.wallMs / 1000)).toFixed(2)),
    unit: 'MiB/s',
  });
  emit({
    name: 'cold ingest peak RSS',
    value: cold.report.peakRssMiB,
    unit: 'MiB',
    bar: { op: '<', value: 512 },
  });
}

/** Each step of the cold ingest with its share of the command's own time (the rest is start-up and reports). */
function stepFigures(cold: IngestRun, emit: Emit): void {
  const steps = cold.report.steps;
  if (!steps) return;
  const whole = Math.max(1, cold.report.elapsedMs);
  for (const step of INGEST_STEPS) {
    const ms = steps[step] ?? 0;
    emit({
      name: `  of which ${INGEST_STEP_LABELS[step]} (${((100 * ms) / whole).toFixed(1)} %)`,
      value: ms,
      unit: 'ms',
    });
  }
}

/** The peer-free ratio: the cold ingest against reading the same files with `fs.readFile`, on this machine. */
function readFigures(cold: IngestRun, files: Array<string | Buffer>, emit: Emit): void {
  const started = performance.now();
  for (const f of files) readFileSync(f);
  const readMs = Math.max(1, performance.now() - started);
  emit({
    name: `reading the same ${files.length} files (fs.readFile)`,
    value: Math.round(readMs),
    unit: 'ms',
  });
  emit({
    name: 'cold ingest time / reading time',
    value: Number((cold.wallMs / readMs).toFixed(1)),
    unit: '×',
  });
}

/** The catalog's size: bytes per rule, and against the bytes of the rule files ingested (issue 20's bar). */
function storeFigures(db: string, rules: number, bytes: number, emit: Emit): void {
  const dbBytes = statSync(db).size;
  emit({
    name: `catalog bytes per rule (${dbBytes} bytes)`,
    value: Math.round(dbBytes / rules),
    unit: 'B/rule',
  });
  emit({
    name: `catalog bytes / rule file bytes (${bytes} bytes of files)`,
    value: Number((dbBytes / bytes).toFixed(2)),
    unit: '×',
    bar: { op: '<', value: 2.5 },
  });
}

function countsFigure(db: string, emit: Emit): void {
  const catalog = Catalog.open(db);
  try {
    const started = performance.now();
    catalog.recomputeCounts();
    emit({
      name: 'corpus counts (all rules)',
      value: Math.round(performance.now() - started),
      unit: 'ms',
      bar: { op: '<', value: 2000 },
    });
  } finally {
    catalog.close();
  }
}

/** Appends a blank line to every hundredth file, which changes its content hash. */
function touchOnePercent(paths: string[]): number {
  let n = 0;
  for (const p of paths) {
    walkSource(p).forEach((e, i) => {
      if (i % 100 === 0 && /\.(ya?ml|toml|md|yaral|kql)$/.test(e.path)) {
        appendFileSync(e.absPath, '\n');
        n++;
      }
    });
  }
  return n;
}
