/** `ruleatlas check` end to end: findings with codes and positions, exit codes, and SARIF valid against the 2.1.0 schema. */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AjvModule from 'ajv-draft-04';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusPath, examplesRoot } from './corpus.js';

// The package is CommonJS: under NodeNext its class is the default export's `default`.
const Ajv = AjvModule.default;
const CLI = resolve('dist/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-check-'));
const sigma = corpusPath('sigma');
const schema = JSON.parse(readFileSync(resolve('test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));

function run(...args: string[]): { code: number; out: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args, '--db', join(work, 'none.db')], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, out: r.stdout };
}

/** The same, without blocking the test worker: a corpus takes a while. */
async function runLong(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'check', ...args], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  }).catch((err: { stdout: string }) => err);
  return stdout;
}

function validSarif(log: unknown): string[] {
  // The schema's patterns are written for non-Unicode regexes; ajv-formats is not a dependency, so formats go unchecked.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
  const validate = ajv.compile(schema);
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const FLAWED = `title: Flawed
status: experimentl
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        CommandLine|contains:
            - '*mimikatz*'
            - 'sekurlsa'
            - 'SEKURLSA'
        Image|re: 'abc(['
    spare:
        User: admin
    filter:
        CommandLine: 'foo'
    condition: selection and filter and not filter
tags:
    - attack.t1086
    - attack.persistence
level: high
`;

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!existsSync(CLI))('ruleatlas check', () => {
  it('reports each kind of finding with its code, level and position', () => {
    const file = join(work, 'flawed.yml');
    writeFileSync(file, FLAWED);
    const r = run(file, '--format', 'json');
    expect(r.code).toBe(1);
    const found = JSON.parse(r.out).findings.map(
      (f: { code: string; level: string; line: number; column: number }) =>
        `${f.line}:${f.column} ${f.level} ${f.code}`,
    );
    expect(found).toEqual([
      '1:1 warning meta/missing-id',
      '1:1 warning meta/missing-description',
      '1:1 warning meta/missing-authors',
      '1:1 warning meta/missing-date',
      '2:9 warning meta/unknown-status',
      '8:9 warning logic/redundant-wildcard',
      '8:9 warning logic/duplicate-value',
      '12:9 error logic/invalid-regex',
      '13:5 warning logic/unused-item',
      '15:5 note sigma/unsupported',
      '17:16 error logic/never-true',
      '19:14 warning attack/revoked-technique',
      '20:14 warning attack/tactic-mismatch',
    ]);
  });

  it('passes a clean example rule, and fails on warnings only when asked', () => {
    const rule = join(examplesRoot, 'sigma', 'proc_creation_win_bitsadmin_transfer.yml');
    expect(run(rule).code).toBe(0);
    const file = join(work, 'warned.yml');
    writeFileSync(file, FLAWED.replace("        Image|re: 'abc(['\n", '').replace('and not filter', ''));
    expect(run(file).code).toBe(0);
    expect(run(file, '--fail-on', 'warning').code).toBe(1);
  });

  it('writes SARIF 2.1.0 that validates against the schema, with rules, levels and regions', () => {
    const file = join(work, 'flawed.yml');
    writeFileSync(file, FLAWED);
    const log = JSON.parse(run(file, '--format', 'sarif').out);
    expect(validSarif(log)).toEqual([]);
    const [run0] = log.runs;
    const rules = run0.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(rules).toContain('logic/never-true');
    const neverTrue = run0.results.find((x: { ruleId: string }) => x.ruleId === 'logic/never-true');
    expect(neverTrue).toMatchObject({ level: 'error', ruleIndex: rules.indexOf('logic/never-true') });
    expect(neverTrue.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: file.split('/').map(encodeURIComponent).join('/') },
      region: { startLine: 17, startColumn: 16 },
    });
  });

  it('names the rule of a catalog (--db) a checked rule is equivalent to, in SARIF too', () => {
    const db = join(work, 'examples.db');
    const ingest = spawnSync(process.execPath, [CLI, 'ingest', examplesRoot, '--db', db, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, CI: '1' },
    });
    expect(ingest.status).toBe(0);
    const original = join(examplesRoot, 'sigma', 'proc_creation_win_bitsadmin_transfer.yml');
    const copy = join(work, 'bits-copy.yml');
    writeFileSync(
      copy,
      readFileSync(original, 'utf8')
        .replace(/^title: .*/m, 'title: Bits copy')
        .replace(/^id: .*/m, 'id: 5b0c7a52-8d1e-4f0a-9c33-0e7d2a6b9f41'),
    );
    const check = (...args: string[]): string =>
      spawnSync(process.execPath, [CLI, 'check', ...args, '--db', db], { encoding: 'utf8' }).stdout;
    const findings = JSON.parse(check(copy, '--format', 'json')).findings as Array<{
      code: string;
      message: string;
    }>;
    const equivalent = findings.filter((f) => f.code === 'logic/equivalent-in-catalog');
    expect(equivalent.map((f) => f.message)).toEqual([
      'fires on exactly the events "Bitsadmin Transfer From a Script or Office Parent" fires on (examples: sigma/proc_creation_win_bitsadmin_transfer.yml)',
    ]);
    // The catalog's own copy of a rule is not a duplicate of itself.
    const own = JSON.parse(check(original, '--format', 'json')).findings as Array<{ code: string }>;
    expect(own.filter((f) => f.code === 'logic/equivalent-in-catalog')).toEqual([]);
    const log = JSON.parse(check(copy, '--format', 'sarif'));
    expect(validSarif(log)).toEqual([]);
    expect(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain(
      'logic/equivalent-in-catalog',
    );
  }, 120_000);

  it.skipIf(!sigma)(
    'checks the Sigma corpus into valid SARIF with findings by code',
    async () => {
      const log = JSON.parse(await runLong(sigma!, '--format', 'sarif'));
      expect(validSarif(log)).toEqual([]);
      const codes = new Set(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId));
      expect(codes).toContain('attack/unknown-technique');
      expect(codes).toContain('logic/redundant-wildcard');
      expect(log.runs[0].results.length).toBeGreaterThan(100);
    },
    300_000,
  );
});
