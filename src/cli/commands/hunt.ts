/**
 * `ruleatlas hunt EVENTS... [--db DB | --rules PATH...] [--language L] [--source S] [--explain] [--layer FILE]
 * [--json]`: which rules fire on which events, and why. Events stream; rules compile once.
 */
import { existsSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { ParsedRule } from '../../model/rule.js';
import type { Catalog } from '../../catalog/catalog.js';
import { openCatalog } from '../catalog-file.js';
import { rulesFromFiles } from '../../analysis/rule-files.js';
import { Hunt } from '../../engine/index.js';
import { huntSummary } from '../../engine/hunt-summary.js';
import { normalizeEvent } from '../../events/normalize.js';
import { readEvents } from '../../events/read.js';
import { UsageError } from '../output.js';
import { printHuntJson, printHuntText, writeHuntLayer } from './hunt-report.js';

export interface HuntCommandOptions {
  db: string;
  rules?: string[];
  language?: string;
  source?: string;
  explain?: boolean;
  layer?: string;
  json?: boolean;
}

function loadRules(options: HuntCommandOptions): { rules: ParsedRule[]; catalog?: Catalog } {
  const filter = { language: options.language, source: options.source };
  if (options.rules?.length) {
    const missing = options.rules.find((p) => !existsSync(p));
    if (missing) throw new UsageError(`No such file or folder: ${missing}`);
    return { rules: rulesFromFiles(options.rules, filter) };
  }
  const catalog = openCatalog(options.db);
  return { rules: catalog.huntRules(filter), catalog };
}

/** A bar over the event files on a terminal; events counted as they stream. */
function progress(files: number): { tick(file: string, events: number): void; stop(): void } {
  if (!process.stderr.isTTY) return { tick: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      clearOnComplete: true,
      stream: process.stderr,
      format: 'hunt [{bar}] {value}/{total} files | {events} events',
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(files, 0, { events: 0 });
  let current = '';
  let done = -1;
  return {
    tick(file, events) {
      if (file !== current) {
        current = file;
        done++;
      }
      if (events % 1000 === 0 || done >= 0) bar.update(Math.max(done, 0), { events });
    },
    stop: () => bar.stop(),
  };
}

export async function huntCommand(events: string[], options: HuntCommandOptions): Promise<number> {
  const missing = events.find((p) => !existsSync(p));
  if (missing) throw new UsageError(`No such file: ${missing}`);
  const started = performance.now();
  const { rules, catalog } = loadRules(options);
  try {
    const hunt = new Hunt(rules, { explain: options.explain });
    const diagnostics: Diagnostic[] = [];
    const bar = progress(events.length);
    let count = 0;
    for await (const record of readEvents(events, diagnostics)) {
      hunt.push(normalizeEvent(record));
      bar.tick(record.origin.file, ++count);
    }
    bar.stop();
    for (const d of diagnostics) process.stderr.write(`ruleatlas: ${d.severity}: ${d.message}\n`);
    const result = hunt.finish();
    const elapsedMs = Math.round(performance.now() - started);
    const summary = huntSummary(result, rules);
    if (options.layer) writeHuntLayer(options.layer, result, rules, catalog);
    const report = { result, rules, summary, elapsedMs, explain: options.explain ?? false };
    if (options.json) printHuntJson(report);
    else printHuntText(report);
    return result.hits.length > 0 ? 0 : 1;
  } finally {
    catalog?.close();
  }
}
