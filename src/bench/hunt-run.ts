/**
 * The hunt benchmark: every Sigma rule over a stream of at least 100,000 events (SigmaHQ's regression events
 * repeated with varied values, as NDJSON), beside the time to just read and `JSON.parse` the same stream.
 * Run in its own process so its peak RSS is its own.
 */
import {
  appendFileSync,
  createReadStream,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Diagnostic } from '../model/diagnostic.js';
import type { EventValue } from '../model/event.js';
import type { ParsedRule } from '../model/rule.js';
import { rulesFromFiles } from '../analysis/rule-files.js';
import { Hunt } from '../engine/index.js';
import { normalizeEvent } from '../events/normalize.js';
import { readEvents } from '../events/read.js';

export interface HuntBench {
  rules: number;
  notEvaluable: number;
  compileMs: number;
  events: number;
  bytes: number;
  parseMs: number;
  readMs: number;
  huntMs: number;
  /** Of `huntMs`: normalizing events, and the engine itself (dispatch, prefilter, rules). */
  normalizeMs: number;
  engineMs: number;
  hits: number;
  withoutNarrowing: number;
  dispatched: number;
  evaluated: number;
  peakRssMiB: number;
}

const TARGET_EVENTS = 100_000;

type Tree = { [key: string]: EventValue };

/** A copy of a record with its host, record id, time and process ids varied by the round. */
function varied(tree: Tree, round: number): Tree {
  const copy = structuredClone(tree);
  const event = copy.Event as Tree | undefined;
  const system = event?.System as Tree | undefined;
  if (system) {
    system.Computer = `host-${round % 97}.example.org`;
    system.EventRecordID = round * 1000 + Number(system.EventRecordID ?? 0);
  }
  const data = event?.EventData as Tree | undefined;
  if (data && typeof data.ProcessId === 'number') data.ProcessId += round;
  if (data && typeof data.User === 'string') data.User = `${data.User}${round % 13}`;
  return copy;
}

async function writeStream(regressionData: string, file: string): Promise<number> {
  const diagnostics: Diagnostic[] = [];
  const twins = readdirSync(regressionData, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name));
  const trees: Tree[] = [];
  for await (const record of readEvents(twins, diagnostics)) trees.push(record.data);
  // Written a round at a time, so the stream is never held whole in memory.
  writeFileSync(file, '');
  let written = 0;
  for (let round = 0; written < TARGET_EVENTS; round++) {
    appendFileSync(file, `${trees.map((tree) => JSON.stringify(varied(tree, round))).join('\n')}\n`);
    written += trees.length;
  }
  return written;
}

async function parseOnly(file: string): Promise<number> {
  const started = performance.now();
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity }))
    if (line) n += JSON.parse(line) ? 1 : 0;
  return n >= 0 ? performance.now() - started : 0;
}

async function readOnly(file: string): Promise<number> {
  const started = performance.now();
  for await (const record of readEvents([file], [])) if (!record) break;
  return performance.now() - started;
}

/** The hunt over SigmaHQ's regression events with its Sigma rules, or with the rules given (a catalog's, every language). */
export async function runHuntBench(sigmaCorpus: string, given?: ParsedRule[]): Promise<HuntBench> {
  const work = mkdtempSync(join(tmpdir(), 'ruleatlas-hunt-'));
  try {
    const file = join(work, 'events.ndjson');
    const events = await writeStream(join(sigmaCorpus, 'regression_data'), file);
    const ruleDirs = readdirSync(sigmaCorpus)
      .filter((d) => d.startsWith('rules'))
      .map((d) => join(sigmaCorpus, d));
    const rules = given ?? rulesFromFiles(ruleDirs, { language: 'sigma' });
    const compileStart = performance.now();
    const hunt = new Hunt(rules);
    const compileMs = performance.now() - compileStart;
    const parseMs = await parseOnly(file);
    const readMs = await readOnly(file);
    const started = performance.now();
    let normalizeMs = 0;
    let engineMs = 0;
    for await (const record of readEvents([file], [])) {
      const t0 = performance.now();
      const event = normalizeEvent(record);
      const t1 = performance.now();
      hunt.push(event);
      normalizeMs += t1 - t0;
      engineMs += performance.now() - t1;
    }
    const result = hunt.finish();
    const huntMs = performance.now() - started;
    return {
      rules: result.rules,
      notEvaluable: result.notEvaluable.length,
      compileMs,
      events,
      bytes: statSync(file).size,
      parseMs,
      readMs,
      huntMs,
      normalizeMs,
      engineMs,
      hits: result.hits.reduce((n, h) => n + h.count, 0),
      ...result.counts,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
