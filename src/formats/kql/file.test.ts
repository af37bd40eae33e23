/** Query-file reader tests: which files it takes, and the title, description and ATT&CK ids from leading comments. */
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../format.js';
import { kqlFileReader } from './file.js';
import { readAs } from '../registry.js';

const file = (path: string, text: string): SourceFile => ({
  path,
  text,
  bytes: text.length,
  sourceName: 'test',
});

describe('kql file reader', () => {
  it('takes .kql and .csl files, and .txt files only when they are KQL queries', () => {
    expect(kqlFileReader.recognize(file('a.kql', 'anything'))).toBeDefined();
    expect(kqlFileReader.recognize(file('a.csl', 'T'))).toBeDefined();
    expect(kqlFileReader.recognize(file('a.txt', 'DeviceEvents\n| take 10\n'))).toBeDefined();
    expect(kqlFileReader.recognize(file('b.txt', 'Remember to buy milk.\n'))).toBeUndefined();
    expect(kqlFileReader.recognize(file('c.txt', 'Notes'))).toBeUndefined();
    expect(kqlFileReader.recognize(file('d.txt', 'a | b | c is how pipes look in shell\n'))).toBeUndefined();
  });

  it('reads the title, description and ATT&CK ids from the leading comments', () => {
    const { rules } = readAs(
      kqlFileReader,
      file(
        'q/rdp.kql',
        '// RDP from the internet\n// Inbound RDP sessions from public addresses. T1133, TA0001\nDeviceNetworkEvents\n| where LocalPort == 3389\n',
      ),
    )!;
    expect(rules[0]).toMatchObject({
      id: 'q/rdp.kql',
      title: 'RDP from the internet',
      description: 'Inbound RDP sessions from public addresses. T1133, TA0001',
      attack: { techniques: ['T1133'], tactics: ['TA0001'] },
      query: {
        text: expect.stringContaining('DeviceNetworkEvents'),
        start: { line: 1, column: 1, offset: 0 },
      },
    });
  });
});
