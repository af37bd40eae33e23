/**
 * `ruleatlas hunt EVENTS... [--db DB | --rules PATH...] [--language L] [--source S] [--explain] [--layer FILE]
 * [--json]`: which rules fire on which events, and why. Events stream; rules compile once.
 */
import { existsSync, writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { ParsedRule } from '../../model/rule.js';
import type { Catalog } from '../../catalog/catalog.js';
import { openCatalog } from '../catalog-file.js';
import { loadAttack } from '../../knowledge/attack/index.js';
import { rulesFromFiles } from '../../analysis/rule-files.js';
import { coverageMatrix, navigatorLayer } from '../../analysis/coverage/index.js';
import { Hunt, type HuntHit, type HuntResult } from '../../engine/index.js';
import { normalizeEvent } from '../../events/normalize.js';
import { readEvents } from '../../events/read.js';
import { print, printJson, UsageError } from '../output.js';

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

function hitJson(hit: HuntHit, explain: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: hit.ruleId,
    title: hit.title,
    language: hit.language,
    source: hit.source,
    path: hit.path,
    events: hit.events.map((e) => ({
      file: e.file,
      index: e.index,
      ...(e.recordId !== undefined && { recordId: e.recordId }),
    })),
    count: hit.count,
  };
  if (explain && hit.explanations) out.explanations = hit.explanations;
  return out;
}

function printText(result: HuntResult, elapsedMs: number, explain: boolean): void {
  for (const hit of result.hits) {
    print(
      `${hit.title}  [${hit.language}] ${hit.source}:${hit.path}  ${hit.count} event${hit.count === 1 ? '' : 's'}`,
    );
    for (const e of hit.events.slice(0, 5))
      print(`  ${e.file}#${e.index}${e.recordId !== undefined ? ` record ${e.recordId}` : ''}`);
    if (hit.events.length > 5) print(`  … ${hit.events.length - 5} more`);
    if (!explain) continue;
    for (const x of hit.explanations ?? []) {
      print(`  why ${x.event.file}#${x.event.index}:`);
      for (const p of x.predicates) {
        const value = p.eventValues
          ? ` = ${JSON.stringify(p.eventValues.length === 1 ? p.eventValues[0] : p.eventValues)}`
          : '';
        print(
          `    ${p.stage}: ${p.negated ? 'NOT ' : ''}${p.field ?? '(keyword)'} ${p.op} ${JSON.stringify(p.values)}${value}`,
        );
      }
    }
  }
  print(
    `${result.hits.length} rules fired on ${result.events} events; ${result.rules} rules, ${result.notEvaluable.length} not evaluable; ${elapsedMs} ms`,
  );
}

function writeLayer(file: string, result: HuntResult, catalog: Catalog | undefined): void {
  const attack = loadAttack({ catalog });
  const fired = result.hits.map((h) => ({
    id: h.ruleId,
    title: h.title,
    language: h.language,
    source: h.source,
    techniques: h.techniques,
  }));
  const layer = navigatorLayer(coverageMatrix(fired, attack.data), attack.data, {
    name: 'ruleatlas hunt: techniques that fired',
  });
  writeFileSync(file, `${JSON.stringify(layer, null, 2)}\n`);
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
    if (options.layer) writeLayer(options.layer, result, catalog);
    if (options.json)
      printJson({
        events: result.events,
        rules: result.rules,
        hits: result.hits.map((h) => hitJson(h, options.explain ?? false)),
        notEvaluable: result.notEvaluable,
        elapsedMs,
      });
    else printText(result, elapsedMs, options.explain ?? false);
    return result.hits.length > 0 ? 0 : 1;
  } finally {
    catalog?.close();
  }
}
