/** Tests of the Splunk readers: detections, macros and data sources, on the bundled examples and on small inputs. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { splunkDetectionReader } from './detection.js';
import { splunkMacrosReader } from './macros.js';
import { splunkDataSourceReader } from './data-source.js';
import { recognize } from '../registry.js';
import type { SourceFile } from '../format.js';
import type { MacroDefinition, SourceContext } from '../../model/artifact.js';
import { splLanguage } from '../../languages/spl/index.js';
import { examplesRoot } from '../../../test/corpus.js';

function file(path: string, text: string): SourceFile {
  return { path, text, bytes: Buffer.byteLength(text), sourceName: 'test' };
}

function exampleFiles(folder: string): SourceFile[] {
  const dir = join(examplesRoot, 'splunk', folder);
  return readdirSync(dir)
    .sort()
    .map((name) => file(`splunk/${folder}/${name}`, readFileSync(join(dir, name), 'utf8')));
}

function exampleContext(): SourceContext {
  const macros = new Map<string, MacroDefinition>();
  for (const f of exampleFiles('macros')) {
    for (const a of splunkMacrosReader.read(f, true).artifacts)
      if (a.type === 'macro') macros.set(a.args.length ? `${a.name}(${a.args.length})` : a.name, a);
  }
  return { macros, dataSources: new Map() };
}

const DETECTION = `name: Test Detection
id: 11111111-2222-3333-4444-555555555555
version: 2
date: '2024-01-02'
author: Ann Analyst, Splunk
status: production
type: TTP
description: Finds a thing.
data_source:
- Sysmon EventID 1
search: '\`sysmon\` EventCode=1 process_name=bitsadmin.exe
  | stats count by host'
how_to_implement: Ingest Sysmon.
known_false_positives: None known.
references:
- https://example.com/a
drilldown_searches:
- name: View
  search: '%original_detection_search% | search host = $host$'
tags:
  analytic_story:
  - BITS Jobs
  mitre_attack_id:
  - T1197
  - t1105
  risk_score: 49
tests:
- name: True Positive Test
`;

describe('splunkDetectionReader', () => {
  it('recognises detections by search plus data_source or mitre_attack_id, not stories', () => {
    expect(splunkDetectionReader.recognize(file('d.yml', DETECTION))).toBeDefined();
    expect(
      splunkDetectionReader.recognize(file('s.yml', 'name: Story\nnarrative: x\ntags:\n  category: [a]\n')),
    ).toBeUndefined();
    expect(
      splunkDetectionReader.recognize(
        file('d.yml', 'name: x\nsearch: a\ntags:\n  mitre_attack_id:\n  - T1\n'),
      ),
    ).toBe(true);
    expect(splunkDetectionReader.recognize(file('d.txt', DETECTION))).toBeUndefined();
  });

  it('reads metadata, ATT&CK, context and the query with file positions', () => {
    const [rule] = splunkDetectionReader.read(file('d.yml', DETECTION), true).rules;
    expect(rule.id).toBe('11111111-2222-3333-4444-555555555555');
    expect(rule.title).toBe('Test Detection');
    expect(rule.authors).toEqual(['Ann Analyst', 'Splunk']);
    expect(rule.status).toBe('production');
    expect(rule.date).toBe('2024-01-02');
    expect(rule.attack.techniques).toEqual(['T1197', 'T1105']);
    expect(rule.context).toEqual({ data_source: ['Sysmon EventID 1'], type: 'TTP' });
    expect(rule.references).toEqual(['https://example.com/a']);
    expect(rule.tags).toContain('analytic_story:BITS Jobs');
    expect(rule.metadata).toMatchObject({
      version: 2,
      how_to_implement: 'Ingest Sysmon.',
      known_false_positives: 'None known.',
      analytic_story: ['BITS Jobs'],
    });
    expect(rule.metadata.tests).toEqual([{ name: 'True Positive Test' }]);
    expect(rule.language).toBe('spl');
    // The folded scalar keeps its line break, so the second line maps to line 12, column 3.
    expect(rule.query?.text).toBe('`sysmon` EventCode=1 process_name=bitsadmin.exe\n| stats count by host');
    expect(rule.query?.start).toEqual({ line: 11, column: 10, offset: rule.raw.indexOf('`sysmon`') });
    const parsed = splLanguage.parse({
      source: rule.query!,
      context: { macros: new Map(), dataSources: new Map() },
    });
    expect(parsed.stages[1].span?.start).toMatchObject({ line: 12, column: 3 });
    expect(parsed.stages[0].predicates[1]).toMatchObject({
      field: 'process_name',
      span: { start: { line: 11, column: 31 } },
    });
  });

  it('turns unparseable YAML into a rule with diagnostics, not an exception', () => {
    const result = splunkDetectionReader.read(file('bad.yml', 'search: [unclosed\ndata_source: x\n'), true);
    expect(result.rules).toHaveLength(1);
    expect(result.rules[0].diagnostics.some((d) => d.severity === 'error' && d.line >= 1)).toBe(true);
  });
});

describe('splunkMacrosReader and splunkDataSourceReader', () => {
  it('reads a macro with arguments', () => {
    const text =
      "arguments:\n  - field\ndefinition: 'convert ctime($field$)'\ndescription: epoch to text\nname: my_ctime\n";
    const f = file('macros/my_ctime.yml', text);
    expect(recognize(f)?.format).toBe('splunk-macros');
    const [macro] = splunkMacrosReader.read(f, true).artifacts;
    expect(macro).toMatchObject({
      type: 'macro',
      name: 'my_ctime',
      args: ['field'],
      definition: 'convert ctime($field$)',
      description: 'epoch to text',
    });
  });

  it('reads a data source with its event id', () => {
    const text =
      'name: Sysmon EventID 1\nid: x\nsource: XmlWinEventLog:Microsoft-Windows-Sysmon/Operational\nsourcetype: xmlwineventlog\nseparator: EventID\n';
    const f = file('data_sources/sysmon_eventid_1.yml', text);
    expect(recognize(f)?.format).toBe('splunk-data-source');
    expect(splunkDataSourceReader.read(f, true).artifacts[0]).toEqual({
      type: 'data_source',
      name: 'Sysmon EventID 1',
      source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
      sourcetype: 'xmlwineventlog',
      eventIds: ['1'],
      path: 'data_sources/sysmon_eventid_1.yml',
    });
  });
});

describe('bundled Splunk examples', () => {
  it('parse cleanly, expanding the example macros', () => {
    const context = exampleContext();
    expect([...context.macros.keys()].sort()).toEqual([
      'certutil_url_cache_download_filter',
      'process_certutil',
      'ruleatlas_ctime(1)',
      'ruleatlas_summariesonly',
    ]);
    const rules = exampleFiles('detections').flatMap((f) => splunkDetectionReader.read(f, true).rules);
    expect(rules).toHaveLength(2);
    const [certutil, wevtutil] = rules.map((r) => splLanguage.parse({ source: r.query!, context }));
    for (const q of [certutil, wevtutil]) expect(q.diagnostics).toEqual([]);
    expect(certutil.unresolved).toEqual([]);
    expect(certutil.stages.map((s) => s.kind)).toEqual(['tstats', 'rename', 'convert', 'convert']);
    expect(certutil.stages[0].predicates.map((p) => `${p.field} ${p.op} ${p.values.join(',')}`)).toEqual([
      'Processes.process_name eq certutil.exe',
      'Processes.original_file_name eq CertUtil.exe',
      'Processes.process wildcard *urlcache*',
      'Processes.process wildcard * -f *,*-split*',
    ]);
    expect(certutil.dataSources).toEqual([
      { type: 'datasource', kind: 'datamodel', value: 'Endpoint.Processes' },
    ]);
    expect(wevtutil.stages.map((s) => s.kind)).toEqual(['search', 'eval', 'where', 'stats']);
    expect(wevtutil.stages[2].predicates[0]).toMatchObject({
      field: 'cmd',
      op: 'regex',
      derivedFrom: ['Process_Command_Line'],
    });
    expect(wevtutil.stages[0].predicates.find((p) => p.field === 'Account_Name')).toMatchObject({
      op: 'wildcard',
      negated: true,
    });
  });
});
