// Sigma value semantics as the engine applies them: each modifier with events that must fire and must not.
import { describe, expect, it } from 'vitest';
import type { EventValue } from '../model/event.js';
import { processRule, testEvent } from '../../test/engine.js';
import { Hunt } from './hunt.js';

type Fields = Record<string, EventValue>;

/** Which of the events (by position) the detection fires on. */
function fires(detection: string, events: Array<Record<string, EventValue>>): number[] {
  const hunt = new Hunt([processRule(detection)]);
  expect(hunt.notEvaluable).toEqual([]);
  const built = events.map((e) => testEvent(e));
  built.forEach((e) => hunt.push(e));
  const hit = hunt.finish().hits[0];
  return hit ? hit.events.map((o) => built.findIndex((e) => e.record.origin === o)) : [];
}

function b64(text: string, encoding: BufferEncoding = 'utf8'): string {
  return Buffer.from(text, encoding).toString('base64');
}

describe('Sigma values', () => {
  it('matches plain values without case, and with case under |cased', () => {
    expect(
      fires('sel:\n  Image: C:\\Windows\\cmd.exe\ncondition: sel', [
        { Image: 'c:\\windows\\CMD.EXE' },
        { Image: 'c:\\windows\\cmd.exe.bak' },
      ]),
    ).toEqual([0]);
    expect(
      fires('sel:\n  Image|cased: cmd.exe\ncondition: sel', [{ Image: 'CMD.EXE' }, { Image: 'cmd.exe' }]),
    ).toEqual([1]);
  });

  it('reads contains, startswith, endswith and |all', () => {
    const events: Fields[] = [
      { CommandLine: 'a -enc b' },
      { CommandLine: 'x -ENC' },
      { CommandLine: '-enc x' },
      { CommandLine: 'nothing' },
    ];
    expect(fires("sel:\n  CommandLine|contains: ' -enc'\ncondition: sel", events)).toEqual([0, 1]);
    expect(fires("sel:\n  CommandLine|startswith: '-enc'\ncondition: sel", events)).toEqual([2]);
    expect(fires("sel:\n  CommandLine|endswith: '-enc'\ncondition: sel", events)).toEqual([1]);
    expect(fires('sel:\n  CommandLine|contains|all:\n    - a\n    - b\ncondition: sel', events)).toEqual([0]);
  });

  it('reads * and ? as wildcards, escaped ones as the characters', () => {
    const events: Fields[] = [
      { Image: 'C:\\a\\x.exe' },
      { Image: 'C:\\a\\xy.exe' },
      { Image: 'C:\\a\\x*.exe' },
    ];
    expect(fires('sel:\n  Image: C:\\a\\x?.exe\ncondition: sel', events)).toEqual([1, 2]);
    expect(fires('sel:\n  Image: C:\\a\\x*.exe\ncondition: sel', events)).toEqual([0, 1, 2]);
    expect(fires('sel:\n  Image: C:\\a\\x\\*.exe\ncondition: sel', events)).toEqual([2]);
    expect(fires('sel:\n  Image: C:\\a\\x\\?.exe\ncondition: sel', events)).toEqual([]);
  });

  it('runs regular expressions case-sensitively unless i, with m and s', () => {
    const events: Fields[] = [
      { CommandLine: 'Invoke-Mimikatz' },
      { CommandLine: 'invoke-mimikatz' },
      { CommandLine: 'a\nb' },
    ];
    expect(fires("sel:\n  CommandLine|re: 'Invoke-\\w+'\ncondition: sel", events)).toEqual([0]);
    expect(fires("sel:\n  CommandLine|re|i: 'invoke-\\w+'\ncondition: sel", events)).toEqual([0, 1]);
    expect(fires("sel:\n  CommandLine|re|s: 'a.b'\ncondition: sel", events)).toEqual([2]);
    expect(fires("sel:\n  CommandLine|re|m: '^b$'\ncondition: sel", events)).toEqual([2]);
  });

  it('tests IPv4 and IPv6 ranges', () => {
    const events: Fields[] = [
      { DestinationIp: '10.1.2.3' },
      { DestinationIp: '11.0.0.1' },
      { DestinationIp: 'fd00::1' },
      { DestinationIp: 'not an ip' },
    ];
    expect(
      fires("sel:\n  DestinationIp|cidr:\n    - 10.0.0.0/8\n    - 'fc00::/7'\ncondition: sel", events),
    ).toEqual([0, 2]);
  });

  it('encodes values: base64, base64offset, utf16le, wide, windash', () => {
    const text = 'Invoke-Expression';
    const events: Fields[] = [
      { CommandLine: b64(text) },
      { CommandLine: `x ${b64(`ab${text}cd`)}` },
      { CommandLine: `x ${b64(`a${text}`, 'utf16le')}` },
      { CommandLine: 'net user /add' },
      { CommandLine: 'net user \u2013add' },
    ];
    expect(fires(`sel:\n  CommandLine|base64: ${text}\ncondition: sel`, events)).toEqual([0]);
    expect(fires(`sel:\n  CommandLine|base64offset|contains: ${text}\ncondition: sel`, events)).toEqual([
      0, 1,
    ]);
    expect(
      fires(`sel:\n  CommandLine|utf16le|base64offset|contains: ${text}\ncondition: sel`, events),
    ).toEqual([2]);
    expect(fires(`sel:\n  CommandLine|wide|base64offset|contains: ${text}\ncondition: sel`, events)).toEqual([
      2,
    ]);
    expect(fires("sel:\n  CommandLine|windash|contains: ' -add'\ncondition: sel", events)).toEqual([3, 4]);
  });

  it('reads exists and null as presence and absence', () => {
    const events: Fields[] = [{ Image: 'a', User: 'x' }, { Image: 'a' }, { Image: 'a', User: null }];
    expect(fires('sel:\n  User|exists: true\ncondition: sel', events)).toEqual([0]);
    expect(fires('sel:\n  User|exists: false\ncondition: sel', events)).toEqual([1, 2]);
    expect(fires('sel:\n  User: null\ncondition: sel', events)).toEqual([1, 2]);
  });

  it('compares numbers with numeric strings, and gt/gte/lt/lte', () => {
    const events: Fields[] = [{ LogonType: 10 }, { LogonType: '10' }, { LogonType: '3' }, { LogonType: 'x' }];
    expect(fires('sel:\n  LogonType: 10\ncondition: sel', events)).toEqual([0, 1]);
    expect(fires("sel:\n  LogonType: '10'\ncondition: sel", events)).toEqual([0, 1]);
    expect(fires('sel:\n  LogonType|gt: 3\ncondition: sel', events)).toEqual([0, 1]);
    expect(fires('sel:\n  LogonType|gte: 3\ncondition: sel', events)).toEqual([0, 1, 2]);
    expect(fires('sel:\n  LogonType|lt: 10\ncondition: sel', events)).toEqual([2]);
    expect(fires('sel:\n  LogonType|lte: 10\ncondition: sel', events)).toEqual([0, 1, 2]);
  });

  it('compares a field with another under fieldref', () => {
    const events: Fields[] = [
      { Image: 'C:\\x.exe', ParentImage: 'c:\\X.exe' },
      { Image: 'C:\\x.exe', ParentImage: 'C:\\y.exe' },
      { Image: 'C:\\x.exe' },
    ];
    expect(fires('sel:\n  Image|fieldref: ParentImage\ncondition: sel', events)).toEqual([0]);
    expect(fires('sel:\n  Image|fieldref|endswith: ParentImage\ncondition: sel', events)).toEqual([0]);
  });

  it('searches keywords in every value', () => {
    const events: Fields[] = [
      { CommandLine: 'run Mimikatz now' },
      { Image: 'mimikatz.exe' },
      { Image: 'other' },
    ];
    expect(fires('keywords:\n  - mimikatz\ncondition: keywords', events)).toEqual([0, 1]);
    expect(fires("keywords:\n  - 'mimi*.exe'\ncondition: keywords", events)).toEqual([1]);
  });
});
