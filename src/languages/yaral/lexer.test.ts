// The YARA-L lexer: token kinds, offsets, escapes, and where a slash divides or opens a regex.
import { describe, expect, it } from 'vitest';
import { tokenize } from './lexer.js';
import type { Problem } from '../kit/problem.js';

function lex(text: string): { tokens: ReturnType<typeof tokenize>; problems: Problem[] } {
  const problems: Problem[] = [];
  return { tokens: tokenize(text, problems), problems };
}

describe('tokenize', () => {
  it('gives kinds, values and offsets', () => {
    const { tokens } = lex('$e.target.port >= 4444 and #e > 2 and $x in %list_a');
    expect(tokens.map((t) => `${t.kind}:${t.value}@${t.start}`)).toEqual([
      'variable:$e@0',
      'punct:.@2',
      'word:target@3',
      'punct:.@9',
      'word:port@10',
      'op:>=@15',
      'number:4444@18',
      'word:and@23',
      'count:#e@27',
      'op:>@30',
      'number:2@32',
      'word:and@34',
      'variable:$x@38',
      'word:in@41',
      'list:%list_a@44',
      'eof:@51',
    ]);
  });

  it('unescapes double-quoted strings and keeps backquoted ones as written', () => {
    const { tokens } = lex('"C:\\\\Temp\\\\a \\"b\\" \\d" `C:\\Temp\\"x"`');
    expect(tokens[0].value).toBe('C:\\Temp\\a "b" \\d');
    expect(tokens[1]).toMatchObject({ kind: 'string', raw: true, value: 'C:\\Temp\\"x"' });
  });

  it('reads a slash after a value as division and elsewhere as a regex literal', () => {
    expect(lex('$a / 2').tokens[1]).toMatchObject({ kind: 'punct', value: '/' });
    expect(lex('$a = /a\\/b/ nocase').tokens[2]).toMatchObject({
      kind: 'regex',
      value: 'a/b',
      text: '/a\\/b/',
    });
    expect(lex('x = 1 // comment').tokens.map((t) => t.kind)).toEqual(['word', 'op', 'number', 'eof']);
  });

  it('lower-cases keywords written in capitals and marks tokens after a line break', () => {
    const { tokens } = lex('NOT $a IN %b NOCASE\nOr');
    expect(tokens.map((t) => t.value)).toEqual(['not', '$a', 'in', '%b', 'nocase', 'or', '']);
    expect(tokens.map((t) => t.newline)).toEqual([true, false, false, false, false, true, false]);
  });

  it('reads durations as one token', () => {
    expect(lex('$h over 5m').tokens[2]).toMatchObject({ kind: 'duration', value: '5m' });
  });

  it('reports unterminated strings, regexes and comments', () => {
    expect(lex('"abc').problems[0]).toMatchObject({ severity: 'error', start: 0, end: 4 });
    expect(lex('= /abc\nx').problems[0]).toMatchObject({
      message: 'Unexpected end of line, expected "/" to close the regular expression',
      start: 2,
    });
    expect(lex('/* never').problems[0].message).toBe(
      'Unexpected end of input, expected "*/" to close the comment',
    );
    expect(lex('"a\nb"').problems[0]).toMatchObject({
      severity: 'warning',
      message: 'String runs over a line break',
    });
  });
});
