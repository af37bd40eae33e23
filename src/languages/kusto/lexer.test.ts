/** Lexer tests: token kinds, string forms and their unescaped values, operator words, offsets. */
import { describe, expect, it } from 'vitest';
import { tokenize } from './lexer.js';

const kinds = (text: string): string[] =>
  tokenize(text).map((t) => `${t.kind}:${t.kind === 'string' ? t.value : t.text}`);

describe('kusto lexer', () => {
  it('keeps offsets and skips // comments', () => {
    const tokens = tokenize('T // table\n| where x');
    expect(tokens.map((t) => [t.text, t.start, t.end])).toEqual([
      ['T', 0, 1],
      ['|', 11, 12],
      ['where', 13, 18],
      ['x', 19, 20],
      ['', 20, 20],
    ]);
  });

  it('unescapes regular, verbatim, obfuscated and multi-line strings', () => {
    expect(
      kinds(String.raw`"a\"b\\c" 'it\'s' @"C:\Temp\" h"secret" H@'x''y' ` + '```multi\nline```'),
    ).toEqual([
      'string:a"b\\c',
      "string:it's",
      'string:C:\\Temp\\',
      'string:secret',
      "string:x'y",
      'string:multi\nline',
      'eof:',
    ]);
  });

  it('reads hyphenated operators, negated string operators and in~ as single tokens', () => {
    expect(kinds('project-away mv-expand !has !contains_cs in~ !in~ !between =~ !~ ..')).toEqual([
      'name:project-away',
      'name:mv-expand',
      'op:!has',
      'op:!contains_cs',
      'op:in~',
      'op:!in~',
      'op:!between',
      'op:=~',
      'op:!~',
      'op:..',
      'eof:',
    ]);
  });

  it('keeps a number with its unit and a datetime literal whole', () => {
    expect(kinds('48h 1.5d 100ms 1e-5 0x1F datetime(2024-01-01 10:00) a-b')).toEqual([
      'number:48h',
      'number:1.5d',
      'number:100ms',
      'number:1e-5',
      'number:0x1F',
      'literal:datetime(2024-01-01 10:00)',
      'name:a',
      'op:-',
      'name:b',
      'eof:',
    ]);
  });

  it('reports an unterminated string and a stray character as error tokens', () => {
    expect(tokenize('"abc\nx').map((t) => [t.kind, t.value])[0]).toEqual(['error', 'unterminated string']);
    expect(tokenize('a § b')[1].kind).toBe('error');
  });
});
