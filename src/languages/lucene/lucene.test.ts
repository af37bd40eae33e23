// Specific values from the Lucene lexer, parser and lowering, file-relative positions, and robustness.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../test/parse.js';
import { emptyContext } from '../language.js';
import { luceneLanguage } from './index.js';
import { tokenize } from './lexer.js';

const lowered = (text: string): unknown[] =>
  parseQuery('lucene', text).stages[0].predicates.map((p) => [p.field, p.op, p.values, p.negated]);

describe('Lucene lexer', () => {
  it('reads operators only in upper case, and ranges, regexes and phrases as single tokens', () => {
    const tokens = tokenize('a:[1 TO 5} AND b:/x\\/y/ or "p q"', []);
    expect(tokens.map((t) => [t.kind, t.start, t.end])).toEqual([
      ['term', 0, 1],
      ['colon', 1, 2],
      ['range', 2, 10],
      ['and', 11, 14],
      ['term', 15, 16],
      ['colon', 16, 17],
      ['regex', 17, 23],
      ['term', 24, 26],
      ['phrase', 27, 32],
      ['eof', 32, 32],
    ]);
    expect(tokens[2].range).toEqual({ lower: '1', upper: '5', lowerInclusive: true, upperInclusive: false });
    expect(tokens[6].value).toBe('x/y');
  });
});

describe('Lucene parse', () => {
  it('lowers the Elastic setgid rule, regex included', () => {
    expect(
      lowered('event.category:process AND process.args:(g+s OR /2[0-9]{3}/) AND NOT user.name:root'),
    ).toEqual([
      ['event.category', 'eq', ['process'], false],
      ['process.args', 'eq', ['g+s'], false],
      ['process.args', 'regex', ['^(?:2[0-9]{3})$'], false],
      ['user.name', 'eq', ['root'], true],
    ]);
  });

  it('gives gte and lte for an inclusive range and leaves out an open bound', () => {
    expect(lowered('port:[1024 TO 65535] AND score:{50 TO *]')).toEqual([
      ['port', 'gte', ['1024'], false],
      ['port', 'lte', ['65535'], false],
      ['score', 'gt', ['50'], false],
    ]);
  });

  it('reads _exists_, -, !, AND NOT as Elasticsearch does', () => {
    expect(lowered('_exists_:user.id AND NOT a:1 -b:2 !c:3')).toEqual([
      ['user.id', 'exists', [], false],
      ['a', 'eq', ['1'], true],
      ['b', 'eq', ['2'], true],
      ['c', 'eq', ['3'], true],
    ]);
  });

  it('keeps wildcards in the model glob form and removes escapes', () => {
    // The backslash before `*` is doubled so the model does not read it as escaping the wildcard.
    expect(lowered('path:C\\:\\\\Windows\\\\*.exe AND name:"a \\"b\\"" AND x:a\\*b*')).toEqual([
      ['path', 'wildcard', ['C:\\Windows\\\\*.exe'], false],
      ['name', 'eq', ['a "b"'], false],
      ['x', 'wildcard', ['a\\*b*'], false],
    ]);
  });

  it('warns that a lower-case or is searched for', () => {
    const q = parseQuery('lucene', 'a:(x or y)');
    expect(q.diagnostics.map((d) => [d.severity, d.column])).toEqual([['warning', 6]]);
    expect(q.stages[0].predicates[0].values).toEqual(['x', 'or', 'y']);
  });

  it('reports spans relative to the file', () => {
    const q = luceneLanguage.parse({
      source: { language: 'lucene', text: 'a:1 AND\nb:2', start: { line: 5, column: 9, offset: 80 } },
      context: emptyContext(),
    });
    expect(q.stages[0].predicates.map((p) => p.span?.start)).toEqual([
      { line: 5, column: 9, offset: 80 },
      { line: 6, column: 1, offset: 88 },
    ]);
  });

  it('survives deep nesting and long runs of NOT', () => {
    expect(
      parseQuery('lucene', `${'('.repeat(5000)}a:1${')'.repeat(5000)}`).diagnostics.some(
        (d) => d.severity === 'error',
      ),
    ).toBe(true);
    expect(parseQuery('lucene', `${'NOT '.repeat(20001)}a:1`).stages[0].predicates[0].negated).toBe(true);
  });

  it('never throws on arbitrary input', () => {
    const unit = fc.constantFrom(
      'a',
      ':',
      '(',
      ')',
      '"',
      '\\',
      '*',
      ' ',
      'OR',
      'NOT',
      '[',
      ']',
      '{',
      '}',
      'TO',
      '/',
      '-',
      '!',
      '~',
      '^',
      '>',
    );
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        expect(parseQuery('lucene', text).stages).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });
});
