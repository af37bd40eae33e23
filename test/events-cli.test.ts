/** `ruleatlas events` end to end: one normalized event per line on stdout, problems on stderr, exit codes. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusPath } from './corpus.js';

const CLI = resolve('dist/cli/main.js');
const fixture = resolve('test/fixtures/events/bitsadmin-4688-sysmon1.ndjson');
const regression = corpusPath('sigma/regression_data');
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-events-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe.skipIf(!existsSync(CLI))('ruleatlas events', () => {
  it('prints one normalized event per line, with and without --json', () => {
    const plain = run('events', fixture);
    expect(plain.code).toBe(0);
    expect(run('events', fixture, '--json').out).toBe(plain.out);
    const lines = plain.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      file: fixture,
      index: 0,
      recordId: 101,
      shape: 'windows-xml',
      provider: 'security',
      eventId: '4688',
      events: ['security:4688'],
      time: '2026-01-02T03:04:05.000Z',
      fields: { NewProcessName: 'C:\\Windows\\System32\\bitsadmin.exe', Channel: 'Security', EventID: 4688 },
    });
    expect(lines[1]).toMatchObject({ provider: 'sysmon', eventId: '1', events: ['sysmon:1'] });
  });

  it('reports bad records on stderr with file and line, keeps the good ones, and exits 1', () => {
    const bad = join(work, 'bad.ndjson');
    writeFileSync(bad, '{"EventID": 1}\n{"EventID": \n{"EventID": 3}\n');
    const r = run('events', bad);
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n')).toHaveLength(2);
    expect(r.err).toContain(`${bad}:2: Malformed JSON`);
  });

  it.skipIf(!regression)('reads a folder of EVTX files and their JSON twins alike', () => {
    const r = run('events', regression!);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const fromLogs = lines.filter((l) => l.file.endsWith('.evtx'));
    expect(fromLogs.length).toBeGreaterThan(150);
    expect(fromLogs.length * 2).toBe(lines.length);
    expect(fromLogs.every((l) => l.shape === 'windows-xml' && l.events.length === 1)).toBe(true);
  });

  it('answers a missing file with exit code 2', () => {
    expect(run('events', join(work, 'missing.json')).code).toBe(2);
    expect(run('events').code).toBe(2);
  });
});
