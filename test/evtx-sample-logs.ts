/** EVTX logs built for measuring: full chunks of one event kind, as a busy Windows host writes them. */
import { buildChunk, buildFile, values, type Xml } from './evtx-builder.js';

const SYSMON_1_FIELDS = [
  'RuleName',
  'UtcTime',
  'ProcessGuid',
  'ProcessId',
  'Image',
  'CommandLine',
  'CurrentDirectory',
  'User',
  'LogonId',
  'IntegrityLevel',
  'Hashes',
  'ParentProcessId',
  'ParentImage',
  'ParentCommandLine',
];

/** A log of `chunks` chunks of 20 Sysmon process creations each, one template per chunk as Windows writes. */
export function builtSysmonLog(chunks: number): Uint8Array {
  const event = (i: number): Xml => ({
    template: 'sysmon-1',
    body: {
      element: 'Event',
      attributes: [['xmlns', [{ text: 'http://schemas.microsoft.com/win/2004/08/events/event' }]]],
      children: [
        {
          element: 'System',
          children: [
            { element: 'Provider', attributes: [['Name', [{ text: 'Microsoft-Windows-Sysmon' }]]] },
            { element: 'EventID', children: [{ slot: 0 }] },
            { element: 'TimeCreated', attributes: [['SystemTime', [{ slot: 1 }]]] },
            { element: 'Computer', children: [{ slot: 2 }] },
          ],
        },
        {
          element: 'EventData',
          children: SYSMON_1_FIELDS.map((name, k) => ({
            element: 'Data',
            attributes: [['Name', [{ text: name }]]] as Array<[string, Xml[]]>,
            children: [{ slot: 3 + k }],
          })),
        },
      ],
    },
    values: [
      values.uint16(1),
      values.fileTime(134_208_770_930_920_517n + BigInt(i) * 10_000_000n),
      values.string('workstation.example.org'),
      ...SYSMON_1_FIELDS.map((name) =>
        name.endsWith('Id')
          ? values.uint32(1000 + i)
          : values.string(`C:\\Windows\\System32\\${name}-${i}.exe /c run`),
      ),
    ],
  });
  return buildFile(
    Array.from({ length: chunks }, (_, c) =>
      buildChunk(
        Array.from({ length: 20 }, (_, i) => event(c * 20 + i)),
        c * 20 + 1,
      ),
    ),
  );
}
