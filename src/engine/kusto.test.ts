// Kusto queries as the engine evaluates their lowering: every comparison operator, lets, extend, project-rename,
// summarize with a threshold, union, join, lookbacks, tables read on Sysmon events, and what is not evaluable.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventValue, NormalizedEvent } from '../model/event.js';
import type { ParsedRule } from '../model/rule.js';
import { sigmaRules } from '../../test/engine.js';
import { normalizeEvent } from '../events/normalize.js';
import { readEventText } from '../events/read.js';
import { Hunt } from './hunt.js';

type Fields = Record<string, EventValue>;

let index = 0;

/** A Defender XDR row of `table`, at `time` milliseconds. */
function row(fields: Fields, table = 'DeviceProcessEvents', time = 0): NormalizedEvent {
  const data = { ...fields, Type: table };
  return {
    type: 'normalized-event',
    record: { type: 'event', shape: 'defender', origin: { file: 'kusto', index: index++ }, data },
    provider: 'defender-xdr',
    eventId: table,
    events: [`defender-xdr:${table}`],
    time,
    fields: data,
    views: {},
    raw: JSON.stringify(data),
  };
}

function kustoRule(query: string): ParsedRule {
  const [rule] = sigmaRules(query, 'rule.kql');
  return rule;
}

/** The positions of the events the query fires on (all firings), and the rule's not-evaluable reason if any. */
function run(query: string, events: NormalizedEvent[]): { fired: number[]; reason?: string } {
  const hunt = new Hunt([kustoRule(query)]);
  events.forEach((e) => hunt.push(e));
  const result = hunt.finish();
  const fired = result.hits.flatMap((h) =>
    h.events.map((o) => events.findIndex((e) => e.record.origin === o)),
  );
  return { fired: [...new Set(fired)].sort((a, b) => a - b), reason: result.notEvaluable[0]?.reason };
}

function fires(query: string, events: NormalizedEvent[]): number[] {
  const { fired, reason } = run(query, events);
  expect(reason).toBeUndefined();
  return fired;
}

const where = (condition: string): string => `DeviceProcessEvents | where ${condition}`;

const cmd = (line: string, name = 'cmd.exe'): NormalizedEvent =>
  row({ FileName: name, ProcessCommandLine: line, AccountName: 'alice' });

describe('Kusto comparisons', () => {
  const rows = [cmd('whoami /all', 'whoami.exe'), cmd('WhoAmI', 'WHOAMI.EXE'), cmd('net user', 'net.exe')];

  it('== is case-sensitive, =~ is not, != and !~ are their negations', () => {
    expect(fires(where('FileName == "whoami.exe"'), rows)).toEqual([0]);
    expect(fires(where('FileName =~ "whoami.exe"'), rows)).toEqual([0, 1]);
    expect(fires(where('FileName != "whoami.exe"'), rows)).toEqual([1, 2]);
    expect(fires(where('FileName !~ "whoami.exe"'), rows)).toEqual([2]);
  });

  it('has matches whole terms without case; has_cs with case; !has is its negation', () => {
    const terms = [cmd('powershell -enc AAA'), cmd('powershell -encodedcommand AAA'), cmd('x-ENC y')];
    expect(fires(where('ProcessCommandLine has "enc"'), terms)).toEqual([0, 2]);
    expect(fires(where('ProcessCommandLine has_cs "ENC"'), terms)).toEqual([2]);
    expect(fires(where('ProcessCommandLine !has "enc"'), terms)).toEqual([1]);
    expect(fires(where('ProcessCommandLine hasprefix "encod"'), terms)).toEqual([1]);
  });

  it('has_any needs one term, has_all every term', () => {
    expect(fires(where('ProcessCommandLine has_any ("all", "user")'), rows)).toEqual([0, 2]);
    expect(fires(where('ProcessCommandLine has_all ("whoami", "all")'), rows)).toEqual([0]);
  });

  it('contains is a substring without case; contains_cs with case; !contains its negation', () => {
    expect(fires(where('ProcessCommandLine contains "hoam"'), rows)).toEqual([0, 1]);
    expect(fires(where('ProcessCommandLine contains_cs "hoAm"'), rows)).toEqual([1]);
    expect(fires(where('ProcessCommandLine !contains "hoam"'), rows)).toEqual([2]);
  });

  it('startswith and endswith, with their _cs and ! forms', () => {
    expect(fires(where('ProcessCommandLine startswith "WHO"'), rows)).toEqual([0, 1]);
    expect(fires(where('ProcessCommandLine startswith_cs "Who"'), rows)).toEqual([1]);
    expect(fires(where('FileName endswith ".EXE"'), rows)).toEqual([0, 1, 2]);
    expect(fires(where('FileName endswith_cs ".EXE"'), rows)).toEqual([1]);
    expect(fires(where('FileName !endswith "ami.exe"'), rows)).toEqual([2]);
  });

  it('in is case-sensitive, in~ is not, !in is the negation', () => {
    expect(fires(where('FileName in ("whoami.exe", "net.exe")'), rows)).toEqual([0, 2]);
    expect(fires(where('FileName in~ ("whoami.exe")'), rows)).toEqual([0, 1]);
    expect(fires(where('FileName !in ("whoami.exe", "net.exe")'), rows)).toEqual([1]);
  });

  it('matches regex, between and !between', () => {
    expect(fires(where('ProcessCommandLine matches regex @"^net\\s+user$"'), rows)).toEqual([2]);
    const sized = [row({ FileSize: 10 }), row({ FileSize: 500 }), row({ FileSize: 5000 })];
    expect(fires(where('FileSize between (100 .. 1000)'), sized)).toEqual([1]);
    expect(fires(where('FileSize !between (100 .. 1000)'), sized)).toEqual([0, 2]);
  });

  it('isempty, isnotempty and isnull', () => {
    const urls = [row({ RemoteUrl: 'a.example' }), row({ RemoteUrl: '' }), row({ Other: 1 })];
    expect(fires(where('isnotempty(RemoteUrl)'), urls)).toEqual([0]);
    expect(fires(where('isempty(RemoteUrl)'), urls)).toEqual([1, 2]);
    expect(fires(where('isnull(RemoteUrl)'), urls)).toEqual([2]);
  });

  it('and binds tighter than or, and not() negates a group', () => {
    const query = where('FileName =~ "net.exe" or FileName =~ "whoami.exe" and ProcessCommandLine has "all"');
    expect(fires(query, rows)).toEqual([0, 2]);
    expect(fires(where('not(FileName =~ "net.exe" or ProcessCommandLine has "all")'), rows)).toEqual([1]);
  });

  it('takes a time filter relative to now as the lookback: every streamed event is inside it', () => {
    expect(fires(where('Timestamp > ago(1h) and FileName =~ "net.exe"'), rows)).toEqual([2]);
  });
});

describe('Kusto lets, computed columns and renames', () => {
  const rows = [cmd('whoami /all', 'whoami.exe'), cmd('net user', 'net.exe')];

  it('resolves scalar and list lets', () => {
    const query = 'let tool = "net.exe"; let flags = dynamic(["/all", "/priv"]);\n';
    expect(fires(`${query}${where('FileName =~ tool')}`, rows)).toEqual([1]);
    expect(fires(`${query}${where('ProcessCommandLine has_any (flags)')}`, rows)).toEqual([0]);
  });

  it('reads a tabular let the query starts from, with its filters', () => {
    const query =
      'let procs = DeviceProcessEvents | where FileName endswith ".exe";\nprocs | where ProcessCommandLine has "user"';
    expect(fires(query, rows)).toEqual([1]);
  });

  it('reads paths into dynamic columns (parse_json(A).b, A["b"]) as the dotted fields events keep them under', () => {
    const events = [
      row({ 'AdditionalFields.Command': 'Invoke-WebRequest' }, 'DeviceEvents'),
      row({}, 'DeviceEvents'),
    ];
    const query =
      'DeviceEvents | where tostring(parse_json(AdditionalFields).Command) =~ "invoke-webrequest"';
    expect(fires(query, events)).toEqual([0]);
    expect(fires('DeviceEvents | where AdditionalFields["Command"] has "WebRequest"', events)).toEqual([0]);
  });

  it('filters on a column extend computes, and on a name project-rename gives', () => {
    const extended = 'DeviceProcessEvents | extend Tool = tolower(FileName) | where Tool == "net.exe"';
    expect(fires(extended, [cmd('x', 'NET.EXE'), cmd('y', 'whoami.exe')])).toEqual([0]);
    const combined =
      'DeviceProcessEvents | extend Both = strcat(FileName, " ", ProcessCommandLine) | where Both has "net.exe net"';
    expect(fires(combined, rows)).toEqual([1]);
    const renamed = 'DeviceProcessEvents | project-rename Tool = FileName | where Tool =~ "whoami.exe"';
    expect(fires(renamed, rows)).toEqual([0]);
  });
});

describe('Kusto summarize, union and join', () => {
  it('counts per group and keeps the groups over the threshold', () => {
    const query =
      'DeviceProcessEvents | where FileName =~ "net.exe" | summarize count() by AccountName | where count_ > 2';
    const alice = (t: number): NormalizedEvent =>
      row({ FileName: 'net.exe', AccountName: 'alice' }, undefined, t);
    const bob = row({ FileName: 'net.exe', AccountName: 'bob' });
    expect(fires(query, [alice(0), alice(1), bob, alice(2)])).toEqual([0, 1, 3]);
    expect(fires(query, [alice(0), bob, alice(1)])).toEqual([]);
  });

  it('windows the count by bin(Timestamp, 1h) and measures distinct values with dcount', () => {
    const query =
      'DeviceLogonEvents | summarize Accounts = dcount(AccountName) by DeviceName, bin(Timestamp, 1h) | where Accounts >= 2';
    const logon = (account: string, t: number): NormalizedEvent =>
      row({ DeviceName: 'h1', AccountName: account }, 'DeviceLogonEvents', t);
    expect(fires(query, [logon('a', 0), logon('b', 10_000)])).toEqual([0, 1]);
    expect(fires(query, [logon('a', 0), logon('b', 7_200_000)])).toEqual([]);
  });

  it('unions tables, each leg with its own filter', () => {
    const query =
      'union (DeviceProcessEvents | where FileName =~ "net.exe"), (DeviceFileEvents | where FileName endswith ".ps1")';
    const events = [
      cmd('net user', 'net.exe'),
      row({ FileName: 'a.ps1' }, 'DeviceFileEvents'),
      row({ FileName: 'a.txt' }, 'DeviceFileEvents'),
    ];
    expect(fires(query, events)).toEqual([0, 1]);
  });

  it('joins two tables of the stream on a key; a leftanti join is not evaluable', () => {
    const query = (kind: string): string =>
      `DeviceProcessEvents | where FileName =~ "powershell.exe"\n| join kind=${kind} (DeviceNetworkEvents | where RemotePort == 4444) on DeviceId`;
    const events = [
      row({ FileName: 'powershell.exe', DeviceId: 'd1' }),
      row({ RemotePort: 4444, DeviceId: 'd1' }, 'DeviceNetworkEvents'),
      row({ RemotePort: 4444, DeviceId: 'd2' }, 'DeviceNetworkEvents'),
    ];
    expect(fires(query('inner'), events)).toEqual([0, 1]);
    expect(fires(query('inner'), [events[0], events[2]])).toEqual([]);
    expect(run(query('leftanti'), events).reason).toMatch(/kind=leftanti/);
  });
});

describe('Kusto queries the engine cannot evaluate', () => {
  it('says why: external data, invoke, a comparison with the rows of another query', () => {
    const external =
      'let iocs = externaldata(ip: string)["https://example.org/ips.txt"];\nDeviceNetworkEvents | where RemoteIP in (iocs)';
    expect(run(external, []).reason).toMatch(/externaldata/);
    expect(run('DeviceProcessEvents | invoke FileProfile()', []).reason).toMatch(/invoke/);
    expect(
      run('let s = DeviceProcessEvents | project FileName;\nDeviceFileEvents | where FileName in (s)', [])
        .reason,
    ).toMatch(/rows of s/);
  });

  it('ignores a let that nothing reads', () => {
    const query =
      'let unused = externaldata(ip: string)["https://example.org/ips.txt"];\nDeviceProcessEvents | where FileName =~ "net.exe"';
    expect(fires(query, [cmd('net user', 'net.exe')])).toEqual([0]);
  });
});

describe('Kusto tables on Windows events', () => {
  it('reads a Sysmon process creation as DeviceProcessEvents, through its Defender view', () => {
    const text = readFileSync(
      new URL('../../test/fixtures/events/bitsadmin-sysmon1.json', import.meta.url),
      'utf8',
    );
    const events = readEventText(text, 'bitsadmin-sysmon1.json', []).map(normalizeEvent);
    const query = where(
      'FileName =~ "bitsadmin.exe" and ProcessCommandLine has_all ("/transfer", "/download")',
    );
    expect(fires(query, events)).toEqual([0]);
    expect(fires(where('FileName =~ "certutil.exe"'), events)).toEqual([]);
  });
});
