// Kibana KQL and Lucene as the engine evaluates them through the ECS view of Windows events: field:value,
// wildcards, phrases, ranges, exists, nested fields, not, precedence, analyzed text fields, and Elastic rule
// types (threshold counts; indicator match and new terms refused with a reason).
import { describe, expect, it } from 'vitest';
import type { EventValue, NormalizedEvent } from '../model/event.js';
import { elasticRule, windowsEvent, type ElasticRuleOptions } from '../../test/elastic-engine.js';
import { Hunt } from './hunt.js';

type Fields = Record<string, EventValue>;
type At = Parameters<typeof windowsEvent>[1];

function fired(
  language: 'kuery' | 'lucene',
  query: string,
  events: Array<Fields | [Fields, At]>,
  options?: ElasticRuleOptions,
): number[] {
  const hunt = new Hunt([elasticRule(language, query, options)]);
  expect(hunt.notEvaluable).toEqual([]);
  const normalized: NormalizedEvent[] = events.map((e) =>
    Array.isArray(e) ? windowsEvent(e[0], e[1]) : windowsEvent(e),
  );
  normalized.forEach((e) => hunt.push(e));
  const hit = hunt.finish().hits[0];
  return [...new Set((hit?.events ?? []).map((o) => normalized.findIndex((e) => e.record.origin === o)))];
}

const kuery = (query: string, events: Array<Fields | [Fields, At]>, options?: ElasticRuleOptions) =>
  fired('kuery', query, events, options);
const lucene = (query: string, events: Array<Fields | [Fields, At]>) => fired('lucene', query, events);

const CMD = {
  Image: 'C:\\Windows\\System32\\cmd.exe',
  CommandLine: 'cmd.exe /c whoami',
  User: 'EXAMPLE\\alice',
};
const PS = {
  Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  CommandLine: 'powershell -enc AAA',
};
const NET = { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'net user' };

describe('kuery', () => {
  it('matches field:value exactly, with case, on keyword fields', () => {
    expect(kuery('process.name:cmd.exe', [CMD, PS, { Image: 'C:\\CMD.EXE' }])).toEqual([0]);
    expect(kuery('process.name:"cmd.exe"', [CMD, PS])).toEqual([0]);
  });

  it('reads and, or and not with and binding first', () => {
    const query = 'process.name:powershell.exe or process.name:cmd.exe and not process.args:whoami';
    expect(kuery(query, [CMD, PS, NET])).toEqual([1, 2]);
    expect(
      kuery('(process.name:powershell.exe or process.name:cmd.exe) and not process.args:whoami', [
        CMD,
        PS,
        NET,
      ]),
    ).toEqual([1, 2]);
    expect(kuery('not (process.name:powershell.exe or process.args:whoami)', [CMD, PS, NET])).toEqual([2]);
  });

  it('matches value lists, and lists with and', () => {
    expect(kuery('process.name:(a.exe or cmd.exe)', [CMD, PS])).toEqual([0]);
    expect(kuery('process.args:(cmd.exe and whoami)', [CMD, NET])).toEqual([0]);
    expect(kuery('process.args:(net and not whoami)', [CMD, NET])).toEqual([1]);
  });

  it('reads unquoted * as a wildcard and a quoted one as a character', () => {
    expect(kuery('process.executable:C\\:\\\\Windows\\\\*\\\\powershell.exe', [CMD, PS])).toEqual([1]);
    expect(kuery('process.name:*shell*', [CMD, PS])).toEqual([1]);
    expect(
      kuery('process.command_line:"powershell *"', [PS, { ...PS, CommandLine: 'powershell *' }]),
    ).toEqual([1]);
  });

  it('tests presence with field:*', () => {
    expect(kuery('process.command_line:*', [CMD, { Image: 'C:\\a.exe' }])).toEqual([0]);
    expect(kuery('not process.command_line:*', [CMD, { Image: 'C:\\a.exe' }])).toEqual([1]);
  });

  it('compares ranges as numbers', () => {
    const events = [CMD, PS, { ...CMD, CommandLine: 'a b c d e' }];
    expect(kuery('process.args_count >= 4', events)).toEqual([2]);
    expect(kuery('process.args_count > 2 and process.args_count < 5', events)).toEqual([0, 1]);
  });

  it('reads a nested field:{...} with its fields under the path', () => {
    expect(kuery('process:{ name:cmd.exe and args:whoami }', [CMD, NET])).toEqual([0]);
  });

  it('reads event.category, event.type and host.os.type from the ECS view of a Sysmon event', () => {
    const query = 'event.category:process and event.type:(start or process_started) and host.os.type:windows';
    expect(kuery(query, [CMD, [CMD, { eventId: 5 }]])).toEqual([0]);
  });

  it('finds a phrase among the words of an analyzed text field, without case', () => {
    const block = (text: string): [Fields, At] => [
      { ScriptBlockText: text },
      { log: 'powershell', eventId: 4104 },
    ];
    const query =
      'event.category:process and powershell.file.script_block_text:("Invoke-Mimikatz" or DumpCreds*)';
    expect(
      kuery(query, [block('IEX; invoke-mimikatz -x'), block('$DumpCredsNow = 1'), block('Get-Date')]),
    ).toEqual([0, 1]);
  });

  it('matches free text in the raw event', () => {
    expect(kuery('"whoami"', [CMD, PS])).toEqual([0]);
  });
});

describe('Lucene', () => {
  it('reads AND, OR, NOT and - as Elasticsearch does: AND requires, NOT and - exclude, OR only offers', () => {
    expect(
      lucene('process.name:powershell.exe OR process.name:cmd.exe AND NOT process.args:whoami', [
        CMD,
        PS,
        NET,
      ]),
    ).toEqual([2]);
    expect(lucene('process.name:cmd.exe -process.args:whoami', [CMD, PS, NET])).toEqual([2]);
    expect(lucene('process.name:powershell.exe OR NOT process.args:whoami', [CMD, PS, NET])).toEqual([1]);
    expect(lucene('process.name:powershell.exe process.args:whoami', [CMD, PS, NET])).toEqual([0, 1]);
    expect(lucene('process.args:(net or whoami)', [CMD, NET, PS])).toEqual([0, 1]);
  });

  it('reads wildcards, escapes, ranges, regular expressions and _exists_', () => {
    expect(lucene('process.executable:C\\:\\\\Windows\\\\System32\\\\c?d.exe', [CMD, PS])).toEqual([0]);
    expect(lucene('process.args_count:[3 TO 4]', [CMD, PS, { ...CMD, CommandLine: 'a b c d e' }])).toEqual([
      0, 1,
    ]);
    expect(lucene('process.args:/who.*/', [CMD, NET])).toEqual([0]);
    expect(lucene('process.args:/ho.*/', [CMD, NET])).toEqual([]);
    expect(
      lucene('_exists_:process.command_line AND NOT process.name:cmd.exe', [CMD, PS, { Image: 'C:\\a.exe' }]),
    ).toEqual([1]);
  });
});

describe('Elastic rule types', () => {
  const at = (second: number, fields: Fields): [Fields, At] => [
    fields,
    { time: `2026-11-29 10:00:${String(second).padStart(2, '0')}.000` },
  ];
  const threshold = (value: number) => ({
    type: 'threshold',
    extra: `from = "now-9m"\n\n[rule.threshold]\nfield = ["host.name"]\nvalue = ${value}\n`,
  });

  it('fires a threshold rule when a group reaches the count within the lookback', () => {
    const events = [at(0, CMD), at(1, NET), at(2, PS)];
    expect(kuery('process.name:cmd.exe', events, threshold(2))).toEqual([0, 1]);
    expect(kuery('process.name:cmd.exe', events, threshold(3))).toEqual([]);
  });

  it('refuses indicator match and new terms rules with their reasons', () => {
    const match = elasticRule('kuery', 'process.name:*', {
      type: 'threat_match',
      extra: 'threat_index = ["filebeat-*"]\n',
    });
    const terms = elasticRule('kuery', 'process.name:*', {
      type: 'new_terms',
      extra: '\n[rule.new_terms]\nfield = "new_terms_fields"\nvalue = ["host.id"]\n',
    });
    expect(new Hunt([match, terms]).notEvaluable.map((n) => n.reason)).toEqual([
      'an indicator match rule compares events with threat intelligence indicators (filebeat-*), which are external data',
      'a new terms rule fires on values of host.id not seen in its history window, which needs the events before the hunt',
    ]);
  });
});
