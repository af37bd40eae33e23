/** Splunk detections' `tests:` are listed as not runnable when their attack data is not on this machine. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../../test/corpus.js';
import { splunkTests } from './splunk-tests.js';
import { runRegression } from './regression.js';

const dir = mkdtempSync(join(tmpdir(), 'ruleatlas-splunk-tests-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const detection = `name: Example
id: 11111111-2222-3333-4444-555555555555
search: '| tstats count from datamodel=Endpoint.Processes by Processes.dest'
tests:
- name: True Positive Test
  attack_data:
  - data: https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/x/windows-sysmon.log
    sourcetype: XmlWinEventLog
  - data: local/missing.log
    sourcetype: XmlWinEventLog
`;

describe('Splunk detection tests', () => {
  it('lists each attack data item with why it cannot run, and downloads nothing', async () => {
    const file = join(dir, 'example.yml');
    writeFileSync(file, detection);
    expect(splunkTests([dir])).toEqual([
      {
        ruleId: '11111111-2222-3333-4444-555555555555',
        path: file,
        name: 'True Positive Test',
        data: 'https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/x/windows-sysmon.log',
        why: 'the attack data is an address and ruleatlas downloads nothing; it is not on this machine',
      },
      {
        ruleId: '11111111-2222-3333-4444-555555555555',
        path: file,
        name: 'True Positive Test',
        data: 'local/missing.log',
        why: 'the attack data file is not on this machine',
      },
    ]);
    const report = await runRegression([dir]);
    expect(report).toMatchObject({ tests: 0, passed: 0, failed: [] });
    expect(report.notRunnable).toHaveLength(2);
  });

  it.skipIf(!corpusPath('splunk'))('finds the tests of the bitsadmin detection in security_content', () => {
    const tests = splunkTests([
      join(corpusPath('splunk')!, 'detections/endpoint/bitsadmin_download_file.yml'),
    ]);
    expect(tests.map((t) => t.data.split('/').pop())).toEqual([
      'windows-sysmon.log',
      'crowdstrike_falcon.log',
    ]);
    expect(tests.every((t) => t.ruleId === '80630ff4-8e4c-11eb-aab5-acde48001122')).toBe(true);
  });
});
