// Several queries in one text: where each starts, and where a query only goes on.
import { describe, expect, it } from 'vitest';
import { splitQueries } from './split.js';

const parts = (text: string) => splitQueries(text).map((p) => text.slice(p.start, p.end).trim());

describe('splitQueries', () => {
  it('splits a Sentinel query from the Advanced Hunting query after it', () => {
    const text = [
      '// Microsoft Sentinel query',
      'SigninLogs',
      '| where ResultType == 0',
      '| project UserPrincipalName',
      '',
      '// Advanced Hunting query',
      'AADSignInEventsBeta',
      '| where ErrorCode == 0',
    ].join('\n');
    expect(parts(text)).toEqual([
      '// Microsoft Sentinel query\nSigninLogs\n| where ResultType == 0\n| project UserPrincipalName',
      '// Advanced Hunting query\nAADSignInEventsBeta\n| where ErrorCode == 0',
    ]);
  });

  it('starts a numbered query at its let bindings', () => {
    const text = [
      '// Query #1',
      'let Hash = "aaa";',
      'DeviceFileEvents | where SHA256 == Hash',
      '// Query #2',
      'let Hash = "bbb";',
      'let Days = 7d;',
      'DeviceProcessEvents',
      '| where SHA256 == Hash',
    ].join('\n');
    const [first, second] = parts(text);
    expect(first).toBe('// Query #1\nlet Hash = "aaa";\nDeviceFileEvents | where SHA256 == Hash');
    expect(second.startsWith('// Query #2\nlet Hash = "bbb";')).toBe(true);
  });

  it('keeps one query whole: lets before it, continued lines, sub-queries, joins', () => {
    const text = [
      'let Admins = IdentityInfo',
      '| where Role == "Admin";',
      '',
      'DeviceLogonEvents',
      '| where AccountName in (',
      '    Admins',
      '    | project AccountName)',
      '| project Timestamp,',
      '',
      '    DeviceName',
      '| join kind=inner',
      '    DeviceInfo on DeviceId',
    ].join('\n');
    expect(splitQueries(text)).toEqual([{ start: 0, end: text.length }]);
  });
});
