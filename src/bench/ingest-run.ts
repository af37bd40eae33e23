/** Runs `ruleatlas ingest` in a child process, so wall time and peak memory are the command's own. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { IngestSteps } from '../catalog/ingest-clock.js';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

export interface IngestRun {
  wallMs: number;
  report: {
    rules: number;
    parsed: number;
    files: number;
    parsedFiles: number;
    peakRssMiB: number;
    /** The command's own time, and the part of it each step took. */
    elapsedMs: number;
    steps?: IngestSteps;
    byLanguage: Record<string, { rules: number; parsed: number; errors: number }>;
  };
}

export function runIngest(db: string, paths: string[], extra: string[] = []): IngestRun {
  const started = performance.now();
  const out = execFileSync(process.execPath, [CLI, 'ingest', ...paths, '--db', db, '--json', ...extra], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CI: '1' },
  });
  return { wallMs: performance.now() - started, report: JSON.parse(out) };
}
