/** Runs `ruleatlas ingest` in a child process, so wall time and peak memory are the command's own. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IngestSteps } from '../catalog/ingest-clock.js';

/** Under the test runner this module is TypeScript, and the CLI it runs is the built one. */
const CLI = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '../../dist/cli/main.js' : '../cli/main.js', import.meta.url),
);

export interface IngestRun {
  wallMs: number;
  report: {
    rules: number;
    parsed: number;
    files: number;
    parsedFiles: number;
    peakRssMiB: number;
    skippedByReason: Record<string, number>;
    /** The command's own time, and the part of it each step took. */
    elapsedMs: number;
    steps?: IngestSteps;
    byLanguage: Record<string, { rules: number; parsed: number; errors: number }>;
  };
}

/** `prefix` runs the command under another (`unprivileged().prefix`). */
export function runIngest(
  db: string,
  paths: string[],
  extra: string[] = [],
  prefix: string[] = [],
): IngestRun {
  const started = performance.now();
  const command = [...prefix, process.execPath, CLI, 'ingest', ...paths, '--db', db, '--json', ...extra];
  const out = execFileSync(command[0], command.slice(1), {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CI: '1' },
  });
  return { wallMs: performance.now() - started, report: JSON.parse(out) };
}

/** Runs a command as user `nobody` when this process is root (root reads every file); else as it is. */
export function unprivileged(): { prefix: string[] } | { skip: string } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
  if (!setpriv) return { skip: 'running as root without setpriv: file permissions cannot be tested' };
  return { prefix: [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups'] };
}
