/** The EVTX reader against SigmaHQ's regression data: every record equals its `.json` twin. */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, filesUnder } from '../../../test/corpus.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { readEvtx, readEvtxFile } from './index.js';
import { evtxReadFigures, measureEvtxReading } from '../../bench/evtx-read.js';
import { formatFigure } from '../../bench/figures.js';
import { builtSysmonLog } from '../../../test/evtx-sample-logs.js';

const regression = corpusPath('sigma/regression_data');
const evtxFiles = regression ? filesUnder(regression, /\.evtx$/) : [];

/**
 * Twins that disagree with their own EVTX file, so no reader can match them: this one was not written from
 * this file by SigmaHQ's tool (nanosecond time, where the tool writes microseconds, and different letter case
 * in a value of the event itself).
 */
const TWIN_DISAGREES: Record<string, string[]> = {
  'rules/windows/process_creation/proc_creation_win_susp_right_to_left_override/ad691d92-15f2-4181-9aa4-723c74f9ddc3.evtx':
    ['Event.System.TimeCreated.#attributes.SystemTime', 'Event.EventData.ParentCommandLine'],
};

/** A twin is a stream of pretty-printed JSON objects, one per record. */
function twinRecords(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' && depth++ === 0) start = i;
    else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

/** Dotted paths where two trees differ. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      differences(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        path ? `${path}.${k}` : k,
      ),
    );
  }
  return a === b ? [] : [path];
}

describe.skipIf(!regression)('EVTX regression data', () => {
  it('reads every record of every file as its JSON twin has it', () => {
    let records = 0;
    const mismatched: string[] = [];
    for (const file of evtxFiles) {
      const name = relative(regression!, file);
      const diagnostics: Diagnostic[] = [];
      const got = [...readEvtx(readFileSync(file), name, diagnostics)].map((r) => r.data);
      const want = twinRecords(readFileSync(file.replace(/\.evtx$/, '.json'), 'utf8'));
      expect(diagnostics, name).toEqual([]);
      expect(got.length, name).toBe(want.length);
      records += got.length;
      const paths = got.flatMap((g, i) => differences(g, want[i]));
      if (TWIN_DISAGREES[name]) expect(paths, name).toEqual(TWIN_DISAGREES[name]);
      else if (paths.length) mismatched.push(`${name}: ${paths.join(', ')}`);
    }
    expect(mismatched).toEqual([]);
    expect(evtxFiles.length).toBeGreaterThanOrEqual(200);
    expect(records).toBeGreaterThanOrEqual(230);
  });

  it('gives each record its position, record id and written time', () => {
    const file = evtxFiles.find((f) => f.includes('file_event_win_exploit_redsun_indicators'))!;
    const [record] = [...readEvtx(readFileSync(file), 'redsun.evtx', [])];
    expect(record.shape).toBe('windows-xml');
    expect(record.origin).toEqual({
      file: 'redsun.evtx',
      index: 0,
      // The event's EventRecordID: the record header says 1, since an exported log renumbers its headers.
      recordId: 83239,
      time: expect.stringMatching(/^2026-04-17T05:24:53\.\d{6}Z$/),
    });
    const event = record.data.Event as Record<string, Record<string, unknown>>;
    expect(event.System.EventID).toBe(11);
    expect(event.System.EventRecordID).toBe(83239);
    expect(event.EventData.TargetFilename).toBe(
      'C:\\Users\\xodih\\AppData\\Local\\Temp\\RS-{05A3207F-23AB-432D-BDAF-69A8306619CF}\\TieringEngineService.exe',
    );
  });

  it('reads a file path chunk by chunk with the same result', () => {
    for (const file of evtxFiles.slice(0, 20)) {
      const fromBytes = [...readEvtx(readFileSync(file), file, [])];
      expect([...readEvtxFile(file, [])]).toEqual(fromBytes);
    }
  });
});

describe('EVTX reading speed', () => {
  it.skipIf(!regression)('reads the regression data and says how fast', () => {
    const speed = measureEvtxReading(evtxFiles, 3);
    for (const f of evtxReadFigures(speed)) console.log(formatFigure(f));
    expect(speed.records).toBeGreaterThanOrEqual(230);
    // A guard against a pathological slowdown, not the figure: this machine is shared and its load varies.
    expect(speed.ms).toBeLessThan(10_000);
  });

  it('reads a log of full chunks (many records per template) and says how fast', () => {
    const speed = measureEvtxReading([{ path: 'sysmon.evtx', bytes: builtSysmonLog(100) }], 5);
    for (const f of evtxReadFigures(speed)) console.log(formatFigure(f));
    expect(speed.records).toBe(2000);
    expect(speed.ms).toBeLessThan(10_000);
  });
});
