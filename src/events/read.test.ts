// Event readers: NDJSON, concatenated pretty-printed objects, arrays, gzip, SigmaHQ's JSON twins, and diagnostics for bad input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusPath, filesUnder } from '../../test/corpus.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { EventRecord } from '../model/event.js';
import { normalizeEvent } from './normalize.js';
import { readEvents, readEventText } from './read.js';

const work = mkdtempSync(join(tmpdir(), 'ruleatlas-events-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function readAll(paths: string[]): Promise<{ events: EventRecord[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const events: EventRecord[] = [];
  for await (const event of readEvents(paths, diagnostics)) events.push(event);
  return { events, diagnostics };
}

function file(name: string, content: string | Buffer): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

describe('readEventText', () => {
  it('reads NDJSON, one object per line', () => {
    const diagnostics: Diagnostic[] = [];
    const events = readEventText('{"a":1}\n\n{"a":2}\r\n{"a":3}', 'x.ndjson', diagnostics);
    expect(events.map((e) => e.data.a)).toEqual([1, 2, 3]);
    expect(events.map((e) => e.origin.index)).toEqual([0, 1, 2]);
    expect(diagnostics).toEqual([]);
  });

  it('reads concatenated pretty-printed objects and arrays of objects', () => {
    const diagnostics: Diagnostic[] = [];
    const pretty = '{\n  "a": "}{",\n  "b": {"c": "\\"}"}\n}\n{\n  "a": 2\n}\n';
    expect(readEventText(pretty, 'x.json', diagnostics).map((e) => e.data.a)).toEqual(['}{', 2]);
    expect(readEventText('[{"a":1},\n {"a":2}]', 'x.json', diagnostics).map((e) => e.data.a)).toEqual([1, 2]);
    expect(diagnostics).toEqual([]);
  });

  it('reports malformed records with file and line and goes on', () => {
    const diagnostics: Diagnostic[] = [];
    const events = readEventText('{"a":1}\n{"a": }\n[1]\n"x"\n{"a":4}', 'bad.ndjson', diagnostics);
    expect(events.map((e) => e.data.a)).toEqual([1, 4]);
    expect(diagnostics.map((d) => [d.line, d.severity])).toEqual([
      [2, 'error'],
      [3, 'error'],
      [4, 'error'],
    ]);
    expect(diagnostics[0].message).toMatch(/^bad\.ndjson:2: Malformed JSON/);
    expect(diagnostics[1].message).toContain('Unexpected array, expected a JSON object');
  });

  it('places a JSON error at its line and column when the parser says where', () => {
    const diagnostics: Diagnostic[] = [];
    readEventText('{\n"a": 1\n}\n{\n  "b": "x\\q"\n}\n', 'pos.json', diagnostics);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ line: 5, column: 11 });
    expect(diagnostics[0].message).toMatch(/^pos\.json:5: Malformed JSON: Bad escaped character/);
  });

  it('reports an unterminated pretty-printed record and deep nesting', () => {
    const diagnostics: Diagnostic[] = [];
    expect(readEventText('{\n "a": 1\n}\n{\n "b": [', 'cut.json', diagnostics)).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ line: 5 });
    expect(diagnostics[0].message).toContain('Unexpected end of input in the record that starts at line 4');
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const nested: Diagnostic[] = [];
    expect(readEventText(`{"a":${deep}}\n{"b":1}`, 'deep.ndjson', nested)).toHaveLength(1);
    expect(nested[0].message).toContain('nested deeper than 64 levels');
  });
});

describe('readEvents', () => {
  it('reads plain and gzip files, and folders', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ EventID: 1, n: i })).join('\n');
    file('a.ndjson', lines);
    file('b.json.gz', gzipSync(lines));
    const { events, diagnostics } = await readAll([join(work, 'a.ndjson'), join(work, 'b.json.gz')]);
    expect(diagnostics).toEqual([]);
    expect(events).toHaveLength(2000);
    expect(events[1999]).toMatchObject({ shape: 'windows-flat', data: { n: 999 }, origin: { index: 999 } });
  });

  it('reports a truncated gzip file and a missing file, keeping what was read', async () => {
    const lines = Array.from({ length: 20000 }, (_, i) =>
      JSON.stringify({ n: i, pad: `${i}`.repeat(20) }),
    ).join('\n');
    const gz = gzipSync(lines);
    const cut = file('cut.json.gz', gz.subarray(0, gz.length >> 1));
    const { events, diagnostics } = await readAll([cut, join(work, 'missing.json')]);
    expect(events.length).toBeGreaterThan(1000);
    expect(events.length).toBeLessThan(20000);
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0].message).toMatch(/cut\.json\.gz:\d+: Cannot read further: unexpected end of file/);
    expect(diagnostics[0].line).toBeGreaterThan(1000);
    expect(diagnostics[1].message).toContain('missing.json');
  });

  it('skips a 50 MB line without holding it', async () => {
    const big = file('big.ndjson', `{"a":1}\n{"x":"${'x'.repeat(50 * 1024 * 1024)}"}\n{"a":3}\n`);
    const { events, diagnostics } = await readAll([big]);
    expect(events.map((e) => e.data.a)).toEqual([1, 3]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ line: 2 });
    expect(diagnostics[0].message).toContain('Record longer than');
  });
});

const regression = corpusPath('sigma/regression_data');

describe.skipIf(!regression)('SigmaHQ regression data', () => {
  it('reads every JSON twin record as a windows-xml event in the event catalog', async () => {
    const twins = filesUnder(regression!, /\.json$/);
    const { events, diagnostics } = await readAll(twins);
    expect(diagnostics).toEqual([]);
    expect(twins.length).toBeGreaterThan(150);
    expect(events.length).toBeGreaterThanOrEqual(twins.length);
    for (const record of events) {
      expect(record.shape).toBe('windows-xml');
      expect(record.origin.recordId).toEqual(expect.any(Number));
      const event = normalizeEvent(record);
      expect(event.events, record.origin.file).toHaveLength(1);
      expect(event.time).toEqual(expect.any(Number));
    }
  });

  it('reads each EVTX file into the events of its JSON twin', async () => {
    const logs = filesUnder(regression!, /\.evtx$/);
    // The twins write SystemTime with nanoseconds where EVTX holds 100 ns ticks: the time is compared instead.
    const line = (r: EventRecord) => {
      const { provider, eventId, events, time, fields } = normalizeEvent(r);
      const { TimeCreated_SystemTime: _, ...rest } = fields;
      return { provider, eventId, events, time, fields: rest };
    };
    const differ: string[] = [];
    for (const log of logs) {
      const fromLog = await readAll([log]);
      const fromTwin = await readAll([log.replace(/\.evtx$/, '.json')]);
      expect(fromLog.diagnostics, log).toEqual([]);
      if (JSON.stringify(fromLog.events.map(line)) !== JSON.stringify(fromTwin.events.map(line)))
        differ.push(basename(log));
    }
    expect(logs.length).toBeGreaterThan(150);
    // This twin was edited by hand: its ParentCommandLine says Explorer.exe where the log says Explorer.EXE.
    expect(differ).toEqual(['ad691d92-15f2-4181-9aa4-723c74f9ddc3.evtx']);
  });
});
