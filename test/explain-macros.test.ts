/** `explain` of a Splunk detection without --macros reads its repository's macros/ by itself, or says what is missing. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPath } from './corpus.js';

const CLI = resolve('dist/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-explain-macros-'));
const noCatalog = join(work, 'none.db');
const corpusDetection = sharedPath(
  'corpus',
  'splunk',
  'detections',
  'endpoint',
  'bitsadmin_download_file.yml',
);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function explain(...args: string[]): { code: number; out: string; json?: any } {
  const r = spawnSync(process.execPath, [CLI, 'explain', ...args, '--db', noCatalog], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout };
}

function explainJson(file: string): any {
  return JSON.parse(explain(file, '--json').out);
}

describe.skipIf(!existsSync(CLI))('explain and Splunk macros', () => {
  it('reads the macros folder of the examples repository layout', () => {
    const file = resolve('examples/splunk/detections/certutil_url_cache_download.yml');
    const r = explain(file);
    expect(r.out).toContain(`Macros and data sources read from ${resolve('examples/splunk')}`);
    expect(r.out).not.toContain('Unresolved macro');
    // `process_certutil` expanded: its predicates are there.
    expect(r.out).toContain('Processes.process_name eq certutil.exe');
    expect(explainJson(file).rules[0].unresolved).toEqual([]);
  });

  it('finds macros/ several folders up, at the root of a fixture repository', () => {
    const repo = join(work, 'repo');
    mkdirSync(join(repo, 'detections', 'endpoint'), { recursive: true });
    mkdirSync(join(repo, 'macros'), { recursive: true });
    writeFileSync(
      join(repo, 'macros', 'my_process.yml'),
      'definition: (index=main sourcetype=sysmon EventCode=1)\ndescription: Sysmon process events\nname: my_process\n',
    );
    const detection = join(repo, 'detections', 'endpoint', 'x.yml');
    writeFileSync(
      detection,
      [
        'name: Whoami Run',
        'id: 6f7d6a2e-0000-4000-8000-000000000001',
        'version: 1',
        'date: 2024-01-01',
        'author: ruleatlas',
        'status: production',
        'type: TTP',
        'description: whoami',
        'search: \'`my_process` Image="*\\\\whoami.exe"\'',
        'tags:',
        '  mitre_attack_id:',
        '  - T1033',
        '',
      ].join('\n'),
    );
    const report = explainJson(detection);
    expect(report.macros).toBe(repo);
    expect(report.rules[0].unresolved).toEqual([]);
    expect(explain(detection).out).toMatch(/EventCode eq 1/);
  });

  it('says the predicates are missing when no macros folder is above the file', () => {
    const r = explain(resolve('test/fixtures/hostile/detections/unresolved_macro_search.yml'));
    expect(r.out).toContain(
      'Unresolved macro `undefined_process_source`: the predicates inside it are missing',
    );
    expect(r.out).toContain('No macros/ folder above');
    expect(r.out).toContain('pass --macros DIR');
  });

  it.skipIf(!corpusDetection)(
    'expands the macros of a security_content detection in the shared corpus',
    () => {
      const report = explainJson(corpusDetection!);
      expect(report.macros).toBe(resolve(corpusDetection!, '..', '..', '..'));
      expect(report.rules[0].unresolved).toEqual([]);
      const text = explain(corpusDetection!).out;
      expect(text).toContain('Processes.process_name eq bitsadmin.exe');
      expect(text).not.toContain('Unresolved macro');
    },
  );
});
