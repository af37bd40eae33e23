/** The damaged EVTX files of the bad-input corpus: records of undamaged parts, diagnostics, never a crash. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvtx, readEvtxFile } from '../src/events/evtx/index.js';
import type { Diagnostic } from '../src/model/diagnostic.js';

describe('the damaged EVTX files', () => {
  const dir = resolve('test/bad-inputs/evtx');
  /** Records each file still gives: those of its undamaged chunks and records. */
  const records: Record<string, number> = {
    'truncated.evtx': 2,
    'bad-chunk-crc.evtx': 1,
    'bad-chunk-header-crc.evtx': 1,
    'garbage-chunk.evtx': 1,
  };

  it.each(readdirSync(dir).sort())('%s: read with diagnostics at byte offsets, never a crash', (name) => {
    const started = performance.now();
    const fromBytes: Diagnostic[] = [];
    const read = [...readEvtx(readFileSync(join(dir, name)), name, fromBytes)];
    const fromPath: Diagnostic[] = [];
    expect([...readEvtxFile(join(dir, name), fromPath)].length).toBe(read.length);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(read.length).toBe(records[name] ?? 0);
    expect(fromBytes.filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
    expect(fromPath.map((d) => d.message)).toEqual(fromBytes.map((d) => d.message));
    for (const d of fromBytes) {
      expect(d).toMatchObject({ line: 0, column: 0, origin: 'evtx' });
      expect(d.message).toMatch(/\(byte offset \d+\)$/);
    }
  });
});
