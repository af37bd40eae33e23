/** Binary XML decoding on files built byte by byte: every value type, templates, arrays, references. */
import { describe, expect, it } from 'vitest';
import { buildChunk, buildFile, values, type Value, type Xml } from '../../../test/evtx-builder.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { readEvtx } from './index.js';

const XMLNS = 'http://schemas.microsoft.com/win/2004/08/events/event';

/** An event whose EventData has one named `Data` per value, filled from a template. */
function dataEvent(template: string, names: string[], vals: Value[]): Xml {
  return {
    template,
    body: {
      element: 'Event',
      attributes: [['xmlns', [{ text: XMLNS }]]],
      children: [
        { element: 'System', children: [{ element: 'EventID', children: [{ slot: 0, type: 0x06 }] }] },
        {
          element: 'EventData',
          children: names.map((name, i) => ({
            element: 'Data',
            attributes: [['Name', [{ text: name }]]] as Array<[string, Xml[]]>,
            children: [{ slot: i + 1 }],
          })),
        },
      ],
    },
    values: [values.uint16(1), ...vals],
  };
}

function read(records: Xml[]): { data: Array<Record<string, any>>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const data = [...readEvtx(buildFile([buildChunk(records)]), 'built.evtx', diagnostics)].map((r) => r.data);
  return { data, diagnostics };
}

const eventData = (records: Xml[]): Record<string, unknown> => {
  const { data, diagnostics } = read(records);
  expect(diagnostics).toEqual([]);
  return data[0].Event.EventData;
};

describe('binary XML values', () => {
  it('renders every scalar type as the JSON twins do', () => {
    const cases: Array<[string, Value, unknown]> = [
      ['String', values.string('C:\\Windows\\cmd.exe  '), 'C:\\Windows\\cmd.exe'],
      ['Ansi', values.ansi('caf\xe9'), 'café'],
      ['Int8', values.int8(-5), -5],
      ['UInt8', values.uint8(200), 200],
      ['Int16', values.int16(-300), -300],
      ['UInt16', values.uint16(65535), 65535],
      ['Int32', values.int32(-70000), -70000],
      ['UInt32', values.uint32(4000000000), 4000000000],
      ['Int64', values.int64(-(2n ** 40n)), -(2 ** 40)],
      ['UInt64', values.uint64(2251799813691708n), 2251799813691708],
      ['Real32', values.real32(1.5), '1.5'],
      ['Real64', values.real64(0.1), '0.1'],
      ['Real32Whole', values.real32(3), '3.0'],
      ['Real32Third', values.real32(1 / 3), '0.33333334'],
      ['Bool', values.bool(true), true],
      ['Binary', values.binary('00ab10ff'), '00AB10FF'],
      [
        'Guid',
        values.guid('5f387057' + '2ac2' + 'e043' + 'bf4c06f5698ffbd9'),
        '5770385F-C22A-43E0-BF4C-06F5698FFBD9',
      ],
      ['SizeT', values.sizeT(0x1f00n), '0x1f00'],
      ['FileTime', values.fileTime(134208770930920517n), '2026-04-17T05:24:53.092051Z'],
      ['SysTime', values.sysTime([2026, 4, 5, 17, 5, 24, 53, 92]), '2026-04-17T05:24:53.092000Z'],
      ['Sid', values.sid('010100000000000512000000'), 'S-1-5-18'],
      [
        'Sid2',
        values.sid('010500000000000515000000' + '3f1e5598' + '7b3fd547' + 'c1b5a7e7' + 'e9030000'),
        '',
      ],
      ['Hex32', values.hex32(0x58c3c), '0x58c3c'],
      ['Hex64', values.hex64(0x8000000000000000n), '0x8000000000000000'],
      ['Empty', values.string(''), ''],
    ];
    const got = eventData([
      dataEvent(
        'all',
        cases.map((c) => c[0]),
        cases.map((c) => c[1]),
      ),
    ]);
    for (const [name, , want] of cases) if (name !== 'Sid2') expect(got[name], name).toEqual(want);
    expect(got.Sid2).toMatch(/^S-1-5-21-\d+-\d+-\d+-1001$/);
  });

  it('repeats a Data element per item of an array, and writes unnamed Data as #text', () => {
    const record: Xml = {
      template: 'arrays',
      body: {
        element: 'Event',
        children: [
          {
            element: 'EventData',
            children: [{ element: 'Data', children: [{ slot: 0 }] }, { element: 'Data' }],
          },
        ],
      },
      values: [values.stringArray(['a', '', 'c'])],
    };
    const [data] = read([record]).data;
    expect(data.Event.EventData).toEqual({ Data: { '#text': ['a', '', 'c', ''] } });
  });

  it('writes a lone unnamed Data as its value and a numeric array in an attribute per element', () => {
    const record: Xml = {
      template: 'attr-array',
      body: {
        element: 'Event',
        children: [
          { element: 'EventData', children: [{ element: 'Data', children: [{ text: 'only' }] }] },
          { element: 'Port', attributes: [['n', [{ slot: 0 }]]] },
        ],
      },
      values: [values.uint16Array([80, 443])],
    };
    const [data] = read([record]).data;
    expect(data.Event).toEqual({
      EventData: { Data: { '#text': 'only' } },
      Port: { '#attributes': { n: 80 } },
      Port_1: { '#attributes': { n: 443 } },
    });
  });
});

describe('binary XML structure', () => {
  it('reuses a template defined in an earlier record of the chunk', () => {
    const first = dataEvent('shared', ['Image'], [values.string('a.exe')]);
    const second = { template: 'shared', values: [values.uint16(4688), values.string('b.exe')] };
    const { data, diagnostics } = read([first, second]);
    expect(diagnostics).toEqual([]);
    expect(data.map((d) => [d.Event.System.EventID, d.Event.EventData.Image])).toEqual([
      [1, 'a.exe'],
      [4688, 'b.exe'],
    ]);
  });

  it('writes attributes, #text, Qualifiers, null elements and an empty optional attribute', () => {
    const record: Xml = {
      template: 'system',
      body: {
        element: 'Event',
        attributes: [['xmlns', [{ text: XMLNS }]]],
        children: [
          {
            element: 'System',
            children: [
              {
                element: 'EventID',
                attributes: [['Qualifiers', [{ slot: 0, optional: true }]]],
                children: [{ slot: 1 }],
              },
              { element: 'Correlation', attributes: [['ActivityID', [{ slot: 2, optional: true }]]] },
              { element: 'Keywords', children: [{ slot: 3 }] },
            ],
          },
        ],
      },
      values: [values.uint16(16384), values.uint16(7045), values.null(), values.hex64(0x8080000000000000n)],
    };
    const [data] = read([record]).data;
    expect(data).toEqual({
      Event: {
        '#attributes': { xmlns: XMLNS },
        System: {
          EventID: { '#attributes': { Qualifiers: 16384 }, '#text': 7045 },
          Correlation: null,
          Keywords: '0x8080000000000000',
        },
      },
    });
  });

  it('resolves entity and character references, CDATA, and ignores processing instructions', () => {
    const record: Xml = {
      element: 'Event',
      children: [
        { pi: 'xml-stylesheet', data: 'href="x"' },
        {
          element: 'Message',
          children: [
            { text: 'a ' },
            { entity: 'amp' },
            { text: ' b ' },
            { charRef: 0x41 },
            { cdata: ' <c>' },
          ],
        },
      ],
    };
    const [data] = read([record]).data;
    expect(data.Event.Message).toBe('a & b A <c>');
  });

  it('decodes a value that is binary XML of its own (UserData)', () => {
    const userData: Xml = {
      element: 'Operation_ClientFailure',
      attributes: [['xmlns', [{ text: 'http://manifests.microsoft.com/win/2006/windows/WMI' }]]],
      children: [{ element: 'ClientProcessId', children: [{ text: '25920' }] }],
    };
    const record: Xml = {
      template: 'user-data',
      body: { element: 'Event', children: [{ element: 'UserData', children: [{ slot: 0, type: 0x21 }] }] },
      values: [values.binXml(userData)],
    };
    const [data] = read([record]).data;
    expect(data.Event.UserData).toEqual({
      Operation_ClientFailure: {
        '#attributes': { xmlns: 'http://manifests.microsoft.com/win/2006/windows/WMI' },
        ClientProcessId: '25920',
      },
    });
  });

  it('reads start tags outside templates with and without a dependency id', () => {
    const direct: Xml = { element: 'Event', children: [{ element: 'System', children: [{ text: 'x' }] }] };
    for (const dependencyIds of [false, true]) {
      const diagnostics: Diagnostic[] = [];
      const file = buildFile([buildChunk([direct], 1, dependencyIds)]);
      const [record] = [...readEvtx(file, 'direct.evtx', diagnostics)];
      expect(diagnostics).toEqual([]);
      expect(record.data).toEqual({ Event: { System: 'x' } });
    }
  });

  it('keeps __proto__ from a record as a plain key', () => {
    const [data] = read([dataEvent('proto', ['__proto__'], [values.string('x')])]).data;
    expect(Object.getPrototypeOf(data.Event.EventData)).toBe(Object.prototype);
    expect(Object.keys(data.Event.EventData)).toEqual(['__proto__']);
  });
});
