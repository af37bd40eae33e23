/** The `ruleatlas` command end to end, as a user runs it: JSON shapes of SPEC §5, exit codes, the seed rules. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from './corpus.js';

const CLI = resolve('dist/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-cli-'));
const db = join(work, 'catalog.db');
const bundle = sharedPath('attack', 'enterprise-attack-18.1.json.gz');
const seeds = sharedPath('seeds', 'rules');

function run(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1', RULEATLAS_CACHE: join(work, 'cache') },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function json(...args: string[]): Record<string, unknown> & { rules?: Array<Record<string, any>> } {
  const r = run(...args, '--json');
  return JSON.parse(r.out);
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!existsSync(CLI))('ruleatlas', () => {
  beforeAll(() => {
    expect(run('ingest', resolve('examples'), '--name', 'examples', '--db', db).code).toBe(0);
  });

  it('answers usage errors with exit code 2', () => {
    expect(run('ingest').code).toBe(2);
    expect(run('explain', join(work, 'missing.yml')).code).toBe(2);
    expect(run('frobnicate').code).toBe(2);
  });

  it('stores the repository given with --remote, and refuses an address that is not http(s)', () => {
    const other = join(work, 'remote.db');
    const sigma = resolve('examples/sigma');
    expect(run('ingest', sigma, '--remote', 'file:///x', '--db', other)).toMatchObject({ code: 2 });
    const two = run(
      'ingest',
      sigma,
      resolve('examples/kql'),
      '--remote',
      'https://github.com/o/r',
      '--db',
      other,
    );
    expect(two.code).toBe(2);
    expect(two.err).toContain('give one PATH');
    expect(
      run('ingest', sigma, '--name', 'sig', '--remote', 'https://github.com/o/r.git', '--db', other).code,
    ).toBe(0);
    const shown = json('show', 'sig:proc_creation_win_bitsadmin_transfer.yml', '--db', other);
    expect(shown.remote).toBe('https://github.com/o/r');
  });

  it('reports an ingest in the SPEC shape, per language', () => {
    const report = json('ingest', resolve('examples'), '--name', 'examples', '--db', db) as Record<
      string,
      any
    >;
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['rules', 'parsed', 'errors', 'skipped', 'byLanguage', 'elapsedMs']),
    );
    expect(report.parsedFiles).toBe(0);
    for (const lang of ['sigma', 'spl', 'eql', 'kuery', 'esql', 'kusto', 'yaral'])
      expect(report.byLanguage[lang]?.rules, lang).toBeGreaterThan(0);
    expect(report.parsed).toBe(report.rules);
  });

  it('lists similar rules in the JSON shape of issue 15, and compares sources', () => {
    const found = json('similar', 'examples:sigma/proc_creation_win_bitsadmin_transfer.yml', '--db', db) as {
      rule: { key: string };
      similar: Array<Record<string, unknown>>;
    };
    expect(found.rule.key).toBe('examples:sigma/proc_creation_win_bitsadmin_transfer.yml');
    for (const s of found.similar)
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining([
          'ruleId',
          'title',
          'language',
          'source',
          'path',
          'relation',
          'score',
          'shared',
        ]),
      );
    expect(run('overlap', '--source', 'examples', '--db', db).code).toBe(2);
    const overlap = json('overlap', '--source', 'examples', '--source', 'examples', '--db', db) as {
      counts: Record<string, number>;
    };
    expect(Object.keys(overlap.counts)).toContain('aOnly');
  });

  it('finds, shows and counts rules of the example catalog', () => {
    const found = json('search', 'bitsadmin', '--db', db) as { total: number; rules: Array<{ key: string }> };
    expect(found.total).toBeGreaterThan(1);
    const shown = json('show', found.rules[0].key, '--db', db) as Record<string, any>;
    expect(shown.key).toBe(found.rules[0].key);
    expect(shown.stages.length).toBeGreaterThan(0);
    const listed = json('indicators', '--value', 'bitsadmin.exe', '--db', db) as {
      indicators: Array<Record<string, any>>;
    };
    expect(listed.indicators[0]).toMatchObject({
      count: expect.any(Number),
      byLanguage: expect.any(Object),
      equivalentCount: expect.any(Number),
    });
    expect(listed.indicators[0].rules.length).toBeGreaterThan(0);
    expect(run('search', 'no-such-word-anywhere', '--db', db).code).toBe(1);
  });

  it.skipIf(!bundle)('writes a Navigator layer naming the ATT&CK version', () => {
    const layerPath = join(work, 'layer.json');
    expect(run('coverage', '--layer', layerPath, '--attack', bundle!, '--db', db).code).toBe(0);
    const layer = JSON.parse(readFileSync(layerPath, 'utf8'));
    expect(layer.versions).toMatchObject({ layer: '4.5', attack: '18' });
    expect(layer.domain).toBe('enterprise-attack');
    expect(
      layer.techniques.some(
        (t: { techniqueID: string; score: number }) => t.techniqueID === 'T1197' && t.score > 0,
      ),
    ).toBe(true);
  });

  it.skipIf(!bundle)('loads ATT&CK from a bundle into the catalog, and says so when offline', () => {
    expect(json('attack', 'update', '--from', bundle!, '--db', db)).toMatchObject({ version: '18.1' });
    const offline = run(
      'attack',
      'update',
      '--from',
      'http://127.0.0.1:9/enterprise-attack.json',
      '--db',
      db,
    );
    expect(offline.code).toBe(1);
    expect(offline.err.trim().split('\n')).toHaveLength(1);
  });
});

describe.skipIf(!existsSync(CLI) || !seeds || !bundle)('explain on the seed rules', () => {
  const explain = (file: string): Record<string, any> =>
    json('explain', join(seeds!, file), '--attack', bundle!, '--db', join(work, 'none.db')).rules![0];

  it('Sigma: condition and selection, the right predicates, four techniques', () => {
    const r = explain('seed-sigma-bits-payload-download.yml');
    expect(r.stages.map((s: { kind: string }) => s.kind)).toEqual(['condition', 'selection']);
    expect(r.stages[1].predicates).toEqual([
      expect.objectContaining({
        field: 'NewProcessName',
        op: 'ends_with',
        values: ['\\bitsadmin.exe'],
        negated: false,
      }),
      expect.objectContaining({
        field: 'CommandLine',
        op: 'match',
        values: ['/transfer', '/download'],
        negated: false,
      }),
    ]);
    expect(r.attack.techniques.map((t: { id: string }) => t.id).sort()).toEqual([
      'T1048',
      'T1105',
      'T1197',
      'T1570',
    ]);
    const bits = r.attack.techniques.find((t: { id: string }) => t.id === 'T1197');
    expect(bits.tactics.map((t: { name: string }) => t.name).sort()).toEqual([
      'Defense Evasion',
      'Persistence',
    ]);
    expect(r.events).toContainEqual({ provider: 'Sysmon', event: 'Event ID 1', title: 'Process creation' });
  });

  it('Splunk: search, table, bucket, stats; EventCode eq 1; terms without TERM', () => {
    const r = explain('seed-splunk-bitsadmin-execution.yml');
    expect(r.stages.map((s: { kind: string }) => s.kind)).toEqual(['search', 'table', 'bucket', 'stats']);
    expect(r.stages[0].predicates).toContainEqual(
      expect.objectContaining({ field: 'EventCode', op: 'eq', values: ['1'] }),
    );
    const terms = r.terms.map((t: { value: string }) => t.value);
    expect(terms).toEqual(expect.arrayContaining(['<EventID>1<', 'bitsadmin', 'BITS']));
    expect(terms).not.toContain('TERM');
    expect(r.attack.techniques.map((t: { id: string }) => t.id)).toEqual([
      'T1197',
      'T1048.003',
      'T1570',
      'T1105',
    ]);
    expect(r.events).toEqual([{ provider: 'Sysmon', event: 'Event ID 1', title: 'Process creation' }]);
  });

  it('Elastic: case-insensitive EQL predicates, the negated wildcard, T1197 under Persistence, file facts', () => {
    const r = explain('seed-elastic-bits-notify-cmdline.toml');
    const preds = r.stages[0].predicates;
    expect(preds).toContainEqual(
      expect.objectContaining({
        field: 'process.parent.name',
        op: 'eq',
        values: ['svchost.exe'],
        caseSensitive: false,
      }),
    );
    expect(preds).toContainEqual(
      expect.objectContaining({
        field: 'process.parent.args',
        op: 'eq',
        values: ['BITS'],
        caseSensitive: false,
      }),
    );
    const exe = preds.find((p: { field: string }) => p.field === 'process.executable');
    expect(exe).toMatchObject({ op: 'wildcard', negated: true });
    expect(exe.values).toHaveLength(4);
    expect(exe.values[0]).toBe('?:\\Windows\\System32\\WerFaultSecure.exe');
    const bits = r.attack.techniques.find((t: { id: string }) => t.id === 'T1197');
    expect(bits.tactics.map((t: { id: string }) => t.id)).toContain('TA0003');
    // 56 newlines and a last line without one: 57 lines, as an editor counts them.
    expect(r.file).toMatchObject({ lines: 57, bytes: 2520, format: 'TOML' });
  });
});
