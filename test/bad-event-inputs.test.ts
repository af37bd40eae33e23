/** Damaged event files: read with diagnostics that name the file and line, keeping every good record, never a crash. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeEvent } from '../src/events/normalize.js';
import { readEvents } from '../src/events/read.js';
import type { Diagnostic } from '../src/model/diagnostic.js';

const dir = resolve('test/bad-inputs/events');
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-bad-events-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Good records each file still gives, and whether it must report an error. */
const expected: Record<string, { events: number; errors: boolean; atLeast?: boolean }> = {
  'array-unterminated.json': { events: 2, errors: true },
  'bom-and-crlf.ndjson': { events: 3, errors: false },
  'deep-nesting-pretty.json': { events: 0, errors: true },
  'deep-nesting.json': { events: 1, errors: true },
  'empty.json': { events: 0, errors: false },
  'garbage-between.json': { events: 2, errors: true },
  'invalid-utf8.ndjson': { events: 2, errors: false },
  'malformed-lines.ndjson': { events: 2, errors: true },
  'not-gzip.json.gz': { events: 0, errors: true },
  'not-objects.ndjson': { events: 1, errors: true },
  'truncated.ndjson.gz': { events: 100, errors: true, atLeast: true },
  'unterminated-pretty.json': { events: 1, errors: true },
  'unterminated-string.json': { events: 0, errors: true },
  'windows-oddities.json': { events: 3, errors: false },
};

async function read(path: string): Promise<{ events: number; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  let events = 0;
  for await (const record of readEvents([path], diagnostics)) {
    const event = normalizeEvent(record);
    JSON.stringify(event);
    events++;
  }
  return { events, diagnostics };
}

describe('damaged event files', () => {
  const names = readdirSync(dir).filter((n) => n !== 'README.md');

  it('are all listed here', () => {
    expect(names.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(names)('%s', async (name) => {
    const path = join(dir, name);
    const { events, diagnostics } = await read(path);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (expected[name].atLeast) expect(events).toBeGreaterThanOrEqual(expected[name].events);
    else expect(events).toBe(expected[name].events);
    expect(errors.length > 0).toBe(expected[name].errors);
    for (const d of diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.message.startsWith(`${path}:${d.line}: `), d.message).toBe(true);
    }
  });

  it('skips a 50 MB single line with a diagnostic at its line', async () => {
    const path = join(work, 'fifty-megabytes.ndjson');
    writeFileSync(path, `{"EventID":1}\n{"CommandLine":"${'x'.repeat(50 * 1024 * 1024)}"}\n{"EventID":3}\n`);
    const { events, diagnostics } = await read(path);
    expect(events).toBe(2);
    expect(diagnostics.map((d) => d.message)).toEqual([
      `${path}:2: Record longer than 16777216 characters, skipped`,
    ]);
  });
});
