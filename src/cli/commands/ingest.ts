/** `ruleatlas ingest PATH... [--name NAME]`: add or refresh sources and report what was parsed. */
import { plural } from '../../text/plural.js';
import { existsSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { Catalog } from '../../catalog/catalog.js';
import { IngestClock } from '../../catalog/ingest-clock.js';
import { sumStats } from '../../catalog/stats.js';
import { percent, print, printJson, printTable, printLanguageTable, UsageError } from '../output.js';

export interface IngestCommandOptions {
  db: string;
  name?: string;
  json?: boolean;
  jobs?: number;
  remote?: string;
}

export async function ingestCommand(paths: string[], options: IngestCommandOptions): Promise<number> {
  if (options.name && paths.length > 1)
    throw new UsageError('--name names one source: give one PATH with it');
  for (const p of paths) if (!existsSync(p)) throw new UsageError(`No such file or folder: ${p}`);
  if (options.remote !== undefined && paths.length > 1)
    throw new UsageError("--remote names one source's repository: give one PATH with it");
  if (options.remote !== undefined && !/^https?:\/\/[^/\s]+/i.test(options.remote))
    throw new UsageError(
      `--remote takes a repository's http(s) address, not ${JSON.stringify(options.remote)}`,
    );
  const started = performance.now();
  const catalog = Catalog.openForIngest(options.db);
  const clock = new IngestClock();
  try {
    const bar =
      process.stderr.isTTY && !options.json && !process.env.CI
        ? new cliProgress.SingleBar(
            { clearOnComplete: true, stream: process.stderr },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
    const ingests = [];
    for (const p of paths) {
      let started = false;
      const result = await catalog.ingest(p, {
        name: options.name,
        jobs: options.jobs,
        remote: options.remote?.replace(/(\.git)?\/*$/, ''),
        deferCounts: true,
        clock,
        onProgress: bar
          ? (done, total) => {
              if (!started) bar.start(total, 0);
              started = true;
              bar.update(done);
            }
          : undefined,
      });
      if (started) bar?.stop();
      ingests.push(result);
    }
    const cold = catalog.cold;
    catalog.finishBulkLoad(clock);
    clock.time('counts', () => catalog.refreshCounts());
    const relations = clock.time('relations', () => catalog.refreshRelations());
    const stats = catalog.sources(ingests.map((i) => i.name));
    const total = sumStats(stats);
    const report = {
      rules: total.rules,
      parsed: total.parsed,
      errors: total.errors,
      skipped: total.skipped,
      skippedByReason: catalog.skippedByReason(ingests.map((i) => i.name)),
      files: total.files,
      parsedFiles: ingests.reduce((n, i) => n + i.parsedFiles, 0),
      removedFiles: ingests.reduce((n, i) => n + i.removedFiles, 0),
      followedLinks: ingests.reduce((n, i) => n + i.followedLinks, 0),
      byLanguage: total.byLanguage,
      byFormat: total.byFormat,
      sources: ingests.map((i) => i.name),
      relations,
      cold,
      elapsedMs: 0,
      steps: clock.steps(),
      peakRssMiB: 0,
    };
    clock.time('finish', () => catalog.finishIngest());
    report.steps = clock.steps();
    report.elapsedMs = Math.round(performance.now() - started);
    report.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    if (options.json) printJson(report);
    else printIngest(report);
    return 0;
  } finally {
    catalog.close();
  }
}

function printIngest(r: {
  rules: number;
  parsed: number;
  errors: number;
  skipped: number;
  skippedByReason: Record<string, number>;
  files: number;
  parsedFiles: number;
  removedFiles: number;
  byLanguage: Record<string, { rules: number; parsed: number; errors: number }>;
  byFormat: Record<string, number>;
  sources: string[];
  elapsedMs: number;
}): void {
  print(
    `Ingested ${r.sources.join(', ')}: ${plural(r.files, 'file')} (${r.parsedFiles} read, ${r.removedFiles} removed, ${r.skipped} skipped), ${plural(r.rules, 'rule')}, ${r.parsed} parsed (${percent(r.parsed, r.rules)}), ${r.errors} with errors, ${r.elapsedMs} ms`,
  );
  const reasons = Object.entries(r.skippedByReason);
  if (reasons.length > 0) print(`Skipped: ${reasons.map(([why, n]) => `${n} ${why}`).join(', ')}`);
  print();
  printLanguageTable(r.byLanguage);
  print();
  printTable(['format', 'rules'], Object.entries(r.byFormat));
}
