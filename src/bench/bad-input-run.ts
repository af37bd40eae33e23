/** Ingests the bad-input source (see bad-input-tree.ts) with the CLI in a child process: its wall time and peak RSS. */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIngest, unprivileged, type IngestRun } from './ingest-run.js';
import type { Figure } from './figures.js';
import {
  lockFileSystemCases,
  unlockFileSystemCases,
  writeBadInputs,
  writeFileSystemCases,
} from './bad-input-tree.js';

/** The bars of issue 19: the whole bad-input ingest, in ms and MiB. */
export const BAD_INPUT_BARS = { wallMs: 15_000, peakRssMiB: 512 };

export interface BadInputRun extends IngestRun {
  /** Who ran the ingest: `nobody` when permissions could be tested, else the current user. */
  user: string;
}

export function runBadInputIngest(): BadInputRun {
  const work = mkdtempSync(join(tmpdir(), 'ruleatlas-bad-input-'));
  // The unprivileged user writes the catalog here.
  chmodSync(work, 0o777);
  const tree = join(work, 'bad');
  try {
    writeBadInputs(tree);
    writeFileSystemCases(tree);
    lockFileSystemCases(tree);
    const as = unprivileged();
    const prefix = 'prefix' in as ? as.prefix : [];
    const run = runIngest(join(work, 'catalog.db'), [tree], ['--name', 'bad'], prefix);
    return { ...run, user: prefix.length > 0 ? 'nobody' : 'current user' };
  } finally {
    unlockFileSystemCases(tree);
    rmSync(work, { recursive: true, force: true });
  }
}

/** The benchmark's lines for the bad-input ingest, each with its bar. */
export function badInputFigures(emit: (f: Figure) => void): void {
  const run = runBadInputIngest();
  const skipped = Object.values(run.report.skippedByReason).reduce((n, k) => n + k, 0);
  emit({
    name: `bad-input ingest (${run.report.files} files, ${skipped} skipped, as ${run.user})`,
    value: Math.round(run.wallMs),
    unit: 'ms',
    bar: { op: '<', value: BAD_INPUT_BARS.wallMs },
  });
  emit({
    name: 'bad-input ingest peak RSS',
    value: run.report.peakRssMiB,
    unit: 'MiB',
    bar: { op: '<', value: BAD_INPUT_BARS.peakRssMiB },
  });
}
