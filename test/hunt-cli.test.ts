/** `ruleatlas hunt` and `ruleatlas test` end to end: the seed Sigma rule on written events, SigmaHQ regression data. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusPath, sharedPath } from './corpus.js';

const CLI = resolve('dist/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-hunt-'));
const seed = sharedPath('seeds', 'rules', 'seed-sigma-bits-payload-download.yml');
const sigma = corpusPath('sigma');
const bundle = sharedPath('attack', 'enterprise-attack-18.1.json.gz');
const events = (name: string): string => resolve('test/fixtures/events', name);

function run(...args: string[]): { code: number; out: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { code: r.status ?? -1, out: r.stdout };
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!existsSync(CLI) || !seed)('ruleatlas hunt', () => {
  it('fires the seed rule on a 4688 event and explains both predicates', () => {
    const r = run('hunt', events('bitsadmin-4688.json'), '--rules', seed!, '--explain', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result).toMatchObject({ events: 1, rules: 1, notEvaluable: [] });
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]).toMatchObject({
      title: 'BITS payload downloaded via commandline',
      language: 'sigma',
      count: 1,
    });
    expect(result.hits[0].events).toEqual([
      { file: events('bitsadmin-4688.json'), index: 0, recordId: 88001 },
    ]);
    const predicates = result.hits[0].explanations[0].predicates;
    expect(predicates.map((p: { field: string; op: string }) => `${p.field} ${p.op}`)).toEqual([
      'NewProcessName ends_with',
      'CommandLine match',
    ]);
    expect(predicates[0].eventValues).toEqual(['C:\\Windows\\System32\\bitsadmin.exe']);
  });

  it('fires the same rule on a Sysmon process creation through the taxonomy, and writes a layer', () => {
    if (bundle) expect(run('attack', 'update', '--from', bundle, '--db', join(work, 'c.db')).code).toBe(0);
    const layer = join(work, 'layer.json');
    const r = run('hunt', events('bitsadmin-sysmon1.json'), '--rules', seed!, '--layer', layer, '--json');
    expect(JSON.parse(r.out).hits).toHaveLength(1);
    const techniques = JSON.parse(readFileSync(layer, 'utf8')).techniques.map(
      (t: { techniqueID: string }) => t.techniqueID,
    );
    if (bundle) expect(techniques).toContain('T1197');
  });

  it('fires a Kusto DeviceProcessEvents rule on a Security 4688 event, and exits 1 when nothing fires', () => {
    const kusto = (file: string): { code: number; out: string } =>
      run('hunt', file, '--rules', resolve('examples'), '--language', 'kusto', '--json');
    const fired = kusto(events('bitsadmin-4688.json'));
    expect(fired.code).toBe(0);
    expect(JSON.parse(fired.out).hits.map((h: { language: string }) => h.language)).toContain('kusto');
    const quiet = join(work, 'notepad-4688.json');
    writeFileSync(
      quiet,
      readFileSync(events('bitsadmin-4688.json'), 'utf8').replaceAll('bitsadmin', 'notepad'),
    );
    expect(kusto(quiet).code).toBe(1);
  });
});

describe.skipIf(!existsSync(CLI) || !sigma)('ruleatlas test', () => {
  it('runs a regression test on its EVTX file and its JSON twin', () => {
    const folder = join(
      sigma!,
      'regression_data/rules/windows/process_creation/proc_creation_win_findstr_lsass',
    );
    const r = run('test', folder, '--json');
    expect(JSON.parse(r.out)).toEqual({ tests: 2, passed: 2, failed: [], notRunnable: [] });
    expect(r.code).toBe(0);
  });
});
