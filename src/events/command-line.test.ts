// Command lines split as Windows programs read them.
import { describe, expect, it } from 'vitest';
import { commandLineArgs } from './command-line.js';

describe('commandLineArgs', () => {
  it('splits on blanks outside quotes and drops the quotes', () => {
    expect(commandLineArgs('"C:\\Program Files\\a.exe"  /x "two words" c')).toEqual([
      'C:\\Program Files\\a.exe',
      '/x',
      'two words',
      'c',
    ]);
  });

  it('reads backslashes before quotes by the CommandLineToArgvW rules', () => {
    expect(commandLineArgs('a\\\\"b c" d\\"e f\\g')).toEqual(['a\\b c', 'd"e', 'f\\g']);
    expect(commandLineArgs('"" x')).toEqual(['', 'x']);
  });
});
