/** Speed of the EVTX reader: records/s and MB/s over a set of files held in memory (disk time left out). */
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../model/diagnostic.js';
import { readEvtx } from '../events/evtx/index.js';
import type { Figure } from './figures.js';

export interface EvtxReadSpeed {
  files: number;
  records: number;
  bytes: number;
  /** The fastest of the rounds, in ms. */
  ms: number;
  recordsPerSecond: number;
  megabytesPerSecond: number;
}

/** An EVTX file to read: a path, or bytes already in memory with a name. */
export type EvtxInput = string | { path: string; bytes: Uint8Array };

/** Reads every file `rounds` times and keeps the fastest round (the first one warms the JIT). */
export function measureEvtxReading(inputs: EvtxInput[], rounds = 5): EvtxReadSpeed {
  const files = inputs.map((f) => (typeof f === 'string' ? { path: f, bytes: readFileSync(f) } : f));
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
  let records = 0;
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const diagnostics: Diagnostic[] = [];
    const started = performance.now();
    let n = 0;
    for (const f of files) for (const _ of readEvtx(f.bytes, f.path, diagnostics)) n++;
    best = Math.min(best, performance.now() - started);
    records = n;
  }
  const seconds = Math.max(best, 1e-3) / 1000;
  return {
    files: files.length,
    records,
    bytes,
    ms: best,
    recordsPerSecond: Math.round(records / seconds),
    megabytesPerSecond: Number((bytes / 1e6 / seconds).toFixed(1)),
  };
}

export function evtxReadFigures(s: EvtxReadSpeed): Figure[] {
  const what = `${s.files} files, ${s.records} records, ${(s.bytes / 1e6).toFixed(1)} MB`;
  return [
    { name: `read EVTX (${what})`, value: s.recordsPerSecond, unit: 'records/s' },
    { name: `read EVTX (${what})`, value: s.megabytesPerSecond, unit: 'MB/s' },
  ];
}
